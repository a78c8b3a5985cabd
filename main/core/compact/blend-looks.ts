/**
 * A blend of learned looks as one lattice: Σ wᵢ·lookᵢ(x), mixed by lut/mix.ts (exact on a
 * common grid, which looks of different sizes are brought onto).
 */
import type { Lut3D } from '../lut/lut.js';
import { mixLuts, normaliseWeights } from '../lut/mix.js';

/** Blend weights normalised to sum 1; the count must match and none may be negative. */
export function normaliseLookWeights(count: number, weights: readonly number[] | undefined): number[] {
  const w = weights ?? [1, ...Array<number>(Math.max(0, count - 1)).fill(0)];
  if (w.length !== count) throw new RangeError(`this file holds ${count} looks but ${w.length} blend weights were given`);
  return normaliseWeights(w);
}

export function blendLooks(lattices: readonly Lut3D[], weights: readonly number[] | undefined, title?: string): Lut3D {
  if (lattices.length === 0) throw new RangeError('a blend needs at least one look');
  const w = normaliseLookWeights(lattices.length, weights);
  return mixLuts(
    lattices.map((lut, i) => ({ lut, weight: w[i] })),
    { title },
  ).lut;
}
