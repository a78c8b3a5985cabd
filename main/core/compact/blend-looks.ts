/**
 * A blend of learned looks as one lattice. Looks are linear in their lattice values, so the
 * blend Σ wᵢ·lookᵢ(x) is itself a lattice: the same blend of the lattices, exactly, when they
 * share a size; looks of different sizes are first resampled onto the largest (tetrahedral,
 * as the engine applies them), where the blend is exact at that lattice's points.
 */
import type { Lut3D } from '../lut/lut.js';
import { resampleLut } from '../lut/sample.js';

/** Blend weights normalised to sum 1; the count must match and none may be negative. */
export function normaliseLookWeights(count: number, weights: readonly number[] | undefined): number[] {
  const w = weights ?? [1, ...Array<number>(Math.max(0, count - 1)).fill(0)];
  if (w.length !== count) throw new RangeError(`this file holds ${count} looks but ${w.length} blend weights were given`);
  if (w.some((v) => !(v >= 0))) throw new RangeError(`blend weights must be 0 or more, not ${w.join(',')}`);
  const sum = w.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError('blend weights must not all be 0');
  return w.map((v) => v / sum);
}

export function blendLooks(lattices: readonly Lut3D[], weights: readonly number[] | undefined, title?: string): Lut3D {
  if (lattices.length === 0) throw new RangeError('a blend needs at least one look');
  const w = normaliseLookWeights(lattices.length, weights);
  const used = lattices.map((lattice, i) => ({ lattice, weight: w[i] })).filter((l) => l.weight > 0);
  const size = Math.max(...used.map((l) => l.lattice.size));
  const data = new Float32Array(size ** 3 * 3);
  for (const { lattice, weight } of used) {
    const values = lattice.size === size ? lattice.data : resampleLut(lattice, size).data;
    for (let i = 0; i < data.length; i++) data[i] += weight * values[i];
  }
  return { title: title ?? used[0].lattice.title, size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1] };
}
