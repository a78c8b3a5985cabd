/**
 * How faithfully a learned look reproduces its LUT, in ΔE2000 (and ΔE76, the paper's metric),
 * on sRGB-encoded colours: held-out photographic colours (drawn like the training colours but
 * from another seed: half in shadows and near neutrals, half uniform) and a 33³ grid over the
 * whole cube. Both sides go through the LUT engine's tetrahedral interpolation, clamped to
 * [0, 1] as an image holds them.
 */
import type { ColourMetrics } from '../color/metrics.js';
import { compareColours } from '../color/metrics.js';
import type { Lut3D } from '../lut/lut.js';
import { colourGrid, throughLut } from '../nilut/evaluation-samples.js';
import { buildColourPool } from '../nilut/training-data.js';

export interface LookFidelity {
  /** On held-out photographic colours: what a photo sees. */
  readonly photographic: ColourMetrics;
  /** On a 33³ grid over the cube (saturated corners included). */
  readonly grid: ColourMetrics;
}

export interface FidelityColours {
  readonly photographic: Float32Array;
  readonly grid: Float32Array;
}

/** The evaluation colours: the same for every look, so looks compare with one another. */
export function fidelityColours(seed: number, count = 50_000, nearNeutralShare = 0.5): FidelityColours {
  // buildColourPool's own lattice points are dropped: they are the training lattice's.
  const pool = buildColourPool([], count, seed, nearNeutralShare, 2);
  return { photographic: pool.inputs.slice(8 * 3), grid: colourGrid(33) };
}

export function measureLookFidelity(reference: Lut3D, learned: Lut3D, colours: FidelityColours): LookFidelity {
  return {
    photographic: compareColours(throughLut(reference, colours.photographic), throughLut(learned, colours.photographic)),
    grid: compareColours(throughLut(reference, colours.grid), throughLut(learned, colours.grid)),
  };
}
