/**
 * What a look is matched on: colours in, the target's colours out, in two disjoint sets, one to
 * choose the weights on and one to measure the result on, so the ΔE2000 a match reports is not
 * the error it was fitted to.
 *
 * A target lattice (a LUT file, a preset) is sampled where photographs live and over the whole
 * cube, as compact looks are learned and measured (training-data.ts): a 9³ grid plus 12,000
 * colours (half in shadows and near neutrals) to fit; a 17³ grid plus 12,000 colours of
 * another seed to measure. A before/after pair's own pixels are the samples, alternate pixels
 * to each set.
 */
import type { ColourPairs } from '../lut/image-pair.js';
import type { Lut3D } from '../lut/lut.js';
import { throughLut } from '../nilut/evaluation-samples.js';
import { buildColourPool } from '../nilut/training-data.js';
import { MatchError } from './errors.js';

export type MatchTarget = { readonly kind: 'lattice'; readonly lut: Lut3D } | { readonly kind: 'pairs'; readonly pairs: ColourPairs };

export interface ColourSamples {
  /** count × 3 sRGB-encoded input colours. */
  readonly inputs: Float32Array;
  /** count × 3: the inputs through the target, clamped to [0, 1] as an image holds them. */
  readonly outputs: Float32Array;
  readonly count: number;
}

export interface MatchSamples {
  readonly fit: ColourSamples;
  readonly check: ColourSamples;
}

const RANDOM_COLOURS = 12_000;
const FIT_SEED = 21;
const CHECK_SEED = 22;
/** The share of random colours drawn in shadows and near neutrals, as the compact looks' fidelity is measured. */
const NEAR_NEUTRAL_SHARE = 0.5;

/** At most this many pixel pairs of a photo pair per set: more changes the weights by less than their printed precision. */
export const MAX_PAIRS_PER_SET = 20_000;

/** A pair needs enough pixels to measure on: fewer than this is not a photo. */
export const MIN_PAIRS = 64;

function lutSamples(lut: Lut3D, seed: number, gridSize: number): ColourSamples {
  const { inputs, count } = buildColourPool([], RANDOM_COLOURS, seed, NEAR_NEUTRAL_SHARE, gridSize);
  return { inputs, outputs: throughLut(lut, inputs), count };
}

/** Every `stride`-th pair from `first`, at most `limit` of them. */
function everyOther(pairs: ColourPairs, first: number, stride: number, limit: number): ColourSamples {
  const count = Math.min(limit, Math.floor((pairs.count - first + stride - 1) / stride));
  const inputs = new Float32Array(count * 3);
  const outputs = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const from = (first + i * stride) * 3;
    for (let c = 0; c < 3; c++) {
      inputs[i * 3 + c] = pairs.inputs[from + c];
      outputs[i * 3 + c] = Math.min(1, Math.max(0, pairs.targets[from + c]));
    }
  }
  return { inputs, outputs, count };
}

export function matchSamples(target: MatchTarget): MatchSamples {
  if (target.kind === 'lattice') return { fit: lutSamples(target.lut, FIT_SEED, 9), check: lutSamples(target.lut, CHECK_SEED, 17) };
  const { pairs } = target;
  if (pairs.count < MIN_PAIRS) throw new MatchError(`an image pair needs at least ${MIN_PAIRS} pixels to match a look on, not ${pairs.count}`);
  // Alternate pixels of a stride that spans the whole image, so both sets see all of it.
  const stride = Math.max(2, 2 * Math.floor(pairs.count / (2 * MAX_PAIRS_PER_SET)));
  return { fit: everyOther(pairs, 0, stride, MAX_PAIRS_PER_SET), check: everyOther(pairs, stride / 2, stride, MAX_PAIRS_PER_SET) };
}
