/**
 * How faithfully compact looks reproduce given LUTs, reported as nilut/evaluate.ts reports a
 * network: per look on a set of colours, and on random convex blends against the same blend of
 * the LUTs' outputs (a blend of looks is the same blend of their lattices, blend-looks.ts).
 * Both sides go through the LUT engine's interpolation; no TensorFlow.js.
 */
import { compareColours } from '../color/metrics.js';
import type { Lut3D } from '../lut/lut.js';
import type { BlendEvaluation, StyleEvaluation } from '../nilut/evaluate.js';
import { BLEND_SEED, blendOfOutputs, randomBlendWeights, throughLut } from '../nilut/evaluation-samples.js';
import { blendLooks } from './blend-looks.js';

/** Look i against LUT i, on `colours`. */
export function evaluateLooks(lattices: readonly Lut3D[], luts: readonly Lut3D[], colours: Float32Array): StyleEvaluation[] {
  return luts.map((lut, style) => ({ style, metrics: compareColours(throughLut(lut, colours), throughLut(lattices[style], colours)) }));
}

/** `count` random convex blends of the looks, each against the linear mix of the LUT outputs. */
export function evaluateLookBlends(
  lattices: readonly Lut3D[],
  luts: readonly Lut3D[],
  colours: Float32Array,
  count: number,
  seed = BLEND_SEED,
): BlendEvaluation[] {
  const outputs = luts.map((lut) => throughLut(lut, colours));
  return randomBlendWeights(luts.length, count, seed).map((weights) => ({
    weights,
    metrics: compareColours(blendOfOutputs(outputs, weights), throughLut(blendLooks(lattices, weights), colours)),
  }));
}
