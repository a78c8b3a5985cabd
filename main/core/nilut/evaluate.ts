/**
 * How faithfully a NILUT reproduces its LUTs: PSNR, ΔE76 (the paper's metric) and ΔE2000,
 * on colours in sRGB-encoded [0,1]. Per style against each LUT, and on random convex blends
 * against the same blend of the LUTs' outputs.
 */
import type { ColourMetrics } from '../color/metrics.js';
import { compareColours } from '../color/metrics.js';
import { seededRandom } from '../lut/image-pair.js';
import type { Lut3D } from '../lut/lut.js';
import { identityLut } from '../lut/lut.js';
import { sampleLut } from '../lut/sample.js';
import type { NilutModel } from './model.js';
import { evaluateModel } from './model.js';

/** Every colour of an n³ grid over the cube (the "dense colour grid" of the evaluation). */
export function colourGrid(n = 33): Float32Array {
  return identityLut(n).data;
}

/** The colours through a LUT, clamped to [0,1] as an image would hold them. */
export function throughLut(lut: Lut3D, colours: Float32Array): Float32Array {
  const out = new Float32Array(colours.length);
  const o = [0, 0, 0];
  for (let i = 0; i < colours.length; i += 3) {
    sampleLut(lut, colours.subarray(i, i + 3), o);
    for (let c = 0; c < 3; c++) out[i + c] = Math.min(1, Math.max(0, o[c]));
  }
  return out;
}

export interface StyleEvaluation {
  readonly style: number;
  readonly metrics: ColourMetrics;
}

export interface BlendEvaluation {
  readonly weights: number[];
  readonly metrics: ColourMetrics;
}

export async function evaluateStyles(model: NilutModel, luts: readonly Lut3D[], colours: Float32Array): Promise<StyleEvaluation[]> {
  const k = model.architecture.styles;
  const results: StyleEvaluation[] = [];
  for (let s = 0; s < luts.length; s++) {
    const weights = k === 0 ? [] : Array.from({ length: k }, (_, j) => (j === s ? 1 : 0));
    const predicted = await evaluateModel(model, colours, weights);
    results.push({ style: s, metrics: compareColours(throughLut(luts[s], colours), predicted) });
  }
  return results;
}

/** `count` random convex blends (flat Dirichlet), each against the linear mix of the LUT outputs. */
export async function evaluateBlends(model: NilutModel, luts: readonly Lut3D[], colours: Float32Array, count: number, seed = 7): Promise<BlendEvaluation[]> {
  const random = seededRandom(seed);
  const outputs = luts.map((lut) => throughLut(lut, colours));
  const results: BlendEvaluation[] = [];
  for (let b = 0; b < count; b++) {
    const raw = luts.map(() => -Math.log(1 - random()));
    const sum = raw.reduce((a, v) => a + v, 0);
    const weights = raw.map((v) => v / sum);
    const target = new Float32Array(colours.length);
    for (let s = 0; s < luts.length; s++) for (let i = 0; i < target.length; i++) target[i] += weights[s] * outputs[s][i];
    results.push({ weights, metrics: compareColours(target, await evaluateModel(model, colours, weights)) });
  }
  return results;
}

/** Mean of one statistic over several evaluations. */
export function meanOf<T extends { metrics: ColourMetrics }>(items: readonly T[], pick: (m: ColourMetrics) => number): number {
  return items.reduce((s, i) => s + pick(i.metrics), 0) / Math.max(1, items.length);
}

/**
 * How far a baked lattice is from the network it was baked from: the network evaluated
 * directly at each colour versus the lattice (tetrahedral) at the same colours.
 */
export async function bakedVersusDirect(model: NilutModel, baked: Lut3D, weights: readonly number[], colours: Float32Array): Promise<ColourMetrics> {
  const direct = await evaluateModel(model, colours, weights);
  return compareColours(direct, throughLut(baked, colours));
}
