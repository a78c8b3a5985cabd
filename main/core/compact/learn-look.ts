/**
 * Learning a compact look from a LUT: a coarse lattice fitted by regularised least squares to
 * the LUT's outputs on training colours (scattered-fit.ts, tetrahedral weights, so the lattice
 * is exactly what the LUT engine then applies), stored as a look code (look-code.ts).
 *
 * Why a fitted lattice and not a network: measured on 12 creative looks (bench/compact.ts,
 * issue 15's note), a 9³ lattice fitted this way reaches ΔE2000 0.65 median on photos in
 * about 1.3 KB, where a shared 128-wide MLP trunk with per-look heads reached 0.83 at 3.6 KB
 * per look after minutes of training, and adding that trunk on top of the lattice gained
 * nothing (0.651 → 0.654). The lattice is still learned (fitted to the colours, not sampled),
 * continuous, differentiable almost everywhere and linear in its values, so looks blend
 * exactly: a blend of looks is the same blend of their lattices.
 *
 * The size is chosen per look, like G'MIC's keypoint count: the smallest lattice (of
 * COMPACT_DEFAULTS.sizes) whose decoded code meets the fidelity goal on held-out colours.
 */
import type { Lut3D } from '../lut/lut.js';
import { fitLatticeFromPairs } from '../lut/scattered-fit.js';
import { buildColourPool } from '../nilut/training-data.js';
import { throwIfCancelled } from '../errors.js';
import { COMPACT_DEFAULTS } from './compact-defaults.js';
import { decodeLookCode, encodeLookCode } from './look-code.js';
import type { FidelityColours, LookFidelity } from './look-fidelity.js';
import { fidelityColours, measureLookFidelity } from './look-fidelity.js';

export interface LearnLookOptions {
  readonly sizes?: readonly number[];
  readonly goalMean?: number;
  readonly goalP95?: number;
  readonly quantisation?: number;
  readonly smoothness?: number;
  readonly poolSize?: number;
  readonly nearNeutralShare?: number;
  readonly seed?: number;
  /** Evaluation colours, shared when many looks are learned (fidelityColours()). */
  readonly colours?: FidelityColours;
  readonly signal?: AbortSignal;
  /** After each lattice size tried. */
  readonly onAttempt?: (attempt: { size: number; bytes: number; fidelity: LookFidelity }) => void;
}

export interface LearnedLook {
  /** The decoded lattice: what grades. */
  readonly lattice: Lut3D;
  readonly code: Uint8Array;
  readonly size: number;
  readonly fidelity: LookFidelity;
  readonly metGoal: boolean;
  readonly seconds: number;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export function learnLook(lut: Lut3D, options: LearnLookOptions = {}): LearnedLook {
  const started = performance.now();
  const sizes = options.sizes ?? COMPACT_DEFAULTS.sizes;
  if (sizes.length === 0) throw new RangeError('learning a look needs at least one lattice size to try');
  const goalMean = options.goalMean ?? COMPACT_DEFAULTS.goalMean;
  const goalP95 = options.goalP95 ?? COMPACT_DEFAULTS.goalP95;
  const quantisation = options.quantisation ?? COMPACT_DEFAULTS.quantisation;
  const seed = options.seed ?? COMPACT_DEFAULTS.seed;
  const pool = buildColourPool([lut], options.poolSize ?? COMPACT_DEFAULTS.poolSize, seed, options.nearNeutralShare ?? COMPACT_DEFAULTS.nearNeutralShare);
  if (lut.data.length !== lut.size ** 3 * 3)
    throw new RangeError(`the LUT holds ${lut.data.length} values where a ${lut.size}³ lattice has ${lut.size ** 3 * 3}`);
  if (pool.outputs[0].some((v) => !Number.isFinite(v))) throw new RangeError('the LUT gives no colour (NaN or infinite values) for some inputs');
  const targets = pool.outputs[0].map(clamp01);
  const pairs = { inputs: pool.inputs, targets, count: pool.count };
  const colours = options.colours ?? fidelityColours(seed + 1000);
  let best: Omit<LearnedLook, 'seconds'> | undefined;
  for (const size of sizes) {
    throwIfCancelled(options.signal, `learning cancelled before the ${size}³ lattice`);
    const fit = fitLatticeFromPairs(pairs, size, { interpolation: 'tetrahedral', smoothness: options.smoothness ?? COMPACT_DEFAULTS.smoothness });
    const code = encodeLookCode(fit.lut, quantisation);
    const lattice = decodeLookCode(code);
    const fidelity = measureLookFidelity(lut, lattice, colours);
    options.onAttempt?.({ size, bytes: code.length, fidelity });
    const metGoal = fidelity.photographic.deltaE2000.mean <= goalMean && fidelity.photographic.deltaE2000.p95 <= goalP95;
    // The first size that meets the goal is kept; failing that, the one closest to it.
    if (metGoal || !best || fidelity.photographic.deltaE2000.mean < best.fidelity.photographic.deltaE2000.mean)
      best = { lattice, code, size, fidelity, metGoal };
    if (metGoal) break;
  }
  return { ...best!, seconds: (performance.now() - started) / 1000 };
}
