/**
 * How faithfully a NILUT reproduces its LUTs: PSNR, ΔE76 (the paper's metric) and ΔE2000,
 * on colours in sRGB-encoded [0,1]. Per style against each LUT, and on random convex blends
 * against the same blend of the LUTs' outputs.
 */
import type { ColourMetrics } from '../color/metrics.js';
import { compareColours } from '../color/metrics.js';
import type { Lut3D } from '../lut/lut.js';
import { BLEND_SEED, blendOfOutputs, randomBlendWeights, throughLut } from './evaluation-samples.js';
import type { NilutModel } from './model.js';
import { evaluateModel } from './model.js';

export { colourGrid, throughLut } from './evaluation-samples.js';

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
export async function evaluateBlends(
  model: NilutModel,
  luts: readonly Lut3D[],
  colours: Float32Array,
  count: number,
  seed = BLEND_SEED,
): Promise<BlendEvaluation[]> {
  const outputs = luts.map((lut) => throughLut(lut, colours));
  const results: BlendEvaluation[] = [];
  for (const weights of randomBlendWeights(luts.length, count, seed)) {
    results.push({ weights, metrics: compareColours(blendOfOutputs(outputs, weights), await evaluateModel(model, colours, weights)) });
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
