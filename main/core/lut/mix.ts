/**
 * A weighted mix of looks as one lattice: Σ wᵢ·lookᵢ(x), the blend the paper trains its CNILUT
 * to reproduce. Interpolation is linear in the lattice values, so on one grid the mix of the
 * lattices, applied once, is exactly the mix of the looks applied separately.
 *
 * Lattices of different sizes are brought onto a common grid first. When every grid refines
 * onto it (each size n with (n−1) dividing (m−1): 17³ and 33³ onto 33³, 25³ and 33³ onto 97³),
 * the tetrahedral resampling is exact for tetrahedral application (the engine's default, and
 * ffmpeg's): every tetrahedron of the fine grid lies inside one tetrahedron of the coarse grid,
 * where the coarse look is linear, so the fine lattice sampled from it interpolates to the same
 * values. Otherwise (33³ with 64³) the looks are resampled onto the largest grid, which is exact
 * only at its points, and the mix says so. Lattices already on the common grid are mixed as
 * they stand, exact for either interpolation.
 *
 * Colour space: lattices map sRGB-encoded values to sRGB-encoded values (lut.ts), and the mix
 * is taken in those encoded values, as the paper's blends are.
 */
import type { Lut3D, Vec3 } from './lut.js';
import { UNIT_MAX, UNIT_MIN, identityLut, latticeArray } from './lut.js';
import { sampleLut } from './sample.js';

export interface MixPart {
  readonly lut: Lut3D;
  /** 0 or more; the weights of a mix are normalised to sum to 1. */
  readonly weight: number;
}

export interface MixedLut {
  readonly lut: Lut3D;
  /** True when applying `lut` gives the mix of the parts' looks applied separately (up to float rounding). */
  readonly exact: boolean;
  /** Mixed on a coarser grid than the mix's own (MixOptions.maxSize), so neither exact nor final. */
  readonly coarsened: boolean;
}

/** The largest common grid an exact mix may take: 129³ is 26 MB of floats, mixed in a few ms. */
export const MAX_EXACT_MIX_SIZE = 129;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The smallest grid every size refines onto, if it is at most MAX_EXACT_MIX_SIZE or the largest
 * size itself (two 144³ Halds mix on their own grid).
 */
export function refiningGrid(sizes: readonly number[]): number | undefined {
  const cap = Math.max(MAX_EXACT_MIX_SIZE, ...sizes);
  let cells = 1;
  for (const size of sizes) {
    cells = (cells / gcd(cells, size - 1)) * (size - 1);
    if (cells + 1 > cap) return undefined;
  }
  return cells + 1;
}

function sameVec(a: Vec3, b: Vec3): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** `lut` evaluated (shaper, domain and all) at the points of a `size`³ grid spanning `min`..`max`. */
function sampledOnto(lut: Lut3D, size: number, min: Vec3, max: Vec3): Float32Array {
  const grid = identityLut(size);
  const data = latticeArray(grid.data.length);
  const input = [0, 0, 0],
    out = [0, 0, 0];
  for (let o = 0; o < data.length; o += 3) {
    for (let c = 0; c < 3; c++) input[c] = min[c] + grid.data[o + c] * (max[c] - min[c]);
    sampleLut(lut, input, out);
    data[o] = out[0];
    data[o + 1] = out[1];
    data[o + 2] = out[2];
  }
  return data;
}

/** Weights normalised to sum 1; none may be negative or all 0. */
export function normaliseWeights(weights: readonly number[]): number[] {
  if (weights.some((w) => !(w >= 0 && Number.isFinite(w)))) throw new RangeError(`blend weights must be finite and 0 or more, not ${weights.join(',')}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError('blend weights must not all be 0');
  return weights.map((w) => w / sum);
}

/**
 * The grid looks mix on: with one domain and no shaper the lattices mix as they stand (after
 * refining); else every look is sampled onto the unit cube, the inputs a photo can hold.
 */
function mixGrid(luts: readonly Lut3D[]): { shared: boolean; refined: number | undefined; size: number } {
  const first = luts[0];
  const shared = luts.every((l) => !l.shaper && sameVec(l.domainMin, first.domainMin) && sameVec(l.domainMax, first.domainMax));
  const refined = shared ? refiningGrid(luts.map((l) => l.size)) : undefined;
  return { shared, refined, size: refined ?? Math.max(...luts.map((l) => l.size)) };
}

/** Whether these looks mix exactly on their own grid (the released frame of a coarsened draft). */
export function isRefinable(luts: readonly Lut3D[]): boolean {
  return luts.length > 0 && mixGrid(luts).refined !== undefined;
}

/** The size of the grid these looks mix on (before any MixOptions.maxSize). */
export function mixGridSize(luts: readonly Lut3D[]): number {
  return mixGrid(luts).size;
}

export interface MixOptions {
  readonly title?: string;
  /** A coarser grid to mix on when the exact one is larger (a preview while a slider moves): not exact then. */
  readonly maxSize?: number;
  /** Keeps each look's resampled lattice, so mixing the same looks at new weights resamples nothing. */
  readonly cache?: ResampledLattices;
}

/** Looks resampled onto a grid, kept per look object (a lattice is never changed once made) and grid. */
export class ResampledLattices {
  private readonly kept = new WeakMap<Lut3D, Map<string, Float32Array>>();

  get(lut: Lut3D, size: number, min: Vec3, max: Vec3): Float32Array {
    const key = `${size}:${min.join(',')}:${max.join(',')}`;
    let grids = this.kept.get(lut);
    if (!grids) this.kept.set(lut, (grids = new Map()));
    let data = grids.get(key);
    if (!data) grids.set(key, (data = sampledOnto(lut, size, min, max)));
    return data;
  }
}

export function mixLuts(parts: readonly MixPart[], options: MixOptions = {}): MixedLut {
  if (parts.length === 0) throw new RangeError('a mix needs at least one look');
  const weights = normaliseWeights(parts.map((p) => p.weight));
  const used = parts.map((p, i) => ({ lut: p.lut, weight: weights[i] })).filter((p) => p.weight > 0);
  const first = used[0].lut;
  const { shared, refined, size: wanted } = mixGrid(used.map((p) => p.lut));
  const size = Math.min(wanted, options.maxSize ?? wanted);
  const [min, max] = shared ? [first.domainMin, first.domainMax] : [UNIT_MIN, UNIT_MAX];
  const resample = (lut: Lut3D) => (options.cache ? options.cache.get(lut, size, min, max) : sampledOnto(lut, size, min, max));
  const data = latticeArray(size ** 3 * 3);
  for (const { lut, weight } of used) {
    const values = lut.size === size && shared ? lut.data : resample(lut);
    for (let i = 0; i < data.length; i++) data[i] += weight * values[i];
  }
  const lut: Lut3D = { title: options.title ?? first.title, size, data, domainMin: min, domainMax: max };
  return { lut, exact: refined !== undefined && size === refined, coarsened: size < wanted };
}
