/**
 * What fidelity is measured on, for a network and for a compact look alike: a colour grid over
 * the cube, colours sent through a LUT as an image would hold them, and random convex blends.
 * Plain arithmetic, no TensorFlow.js: a compact look is measured (and learned, on every worker
 * thread) without loading it.
 */
import { seededRandom } from '../lut/image-pair.js';
import type { Lut3D } from '../lut/lut.js';
import { identityLut } from '../lut/lut.js';
import { sampleLut } from '../lut/sample.js';

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

/** The seed of the random blends a fidelity report shows, so two reports show the same blends. */
export const BLEND_SEED = 7;

/** `count` random convex blends of `styles` looks (flat Dirichlet), the same for a seed. */
export function randomBlendWeights(styles: number, count: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: styles }, () => -Math.log(1 - random()));
    const sum = raw.reduce((a, v) => a + v, 0);
    return raw.map((v) => v / sum);
  });
}

/** The same blend of the LUTs' outputs: what a blend of their looks should give. */
export function blendOfOutputs(outputs: readonly Float32Array[], weights: readonly number[]): Float32Array {
  const target = new Float32Array(outputs[0].length);
  for (let s = 0; s < outputs.length; s++) for (let i = 0; i < target.length; i++) target[i] += weights[s] * outputs[s][i];
  return target;
}
