/**
 * The reference evaluator: one colour through a LUT in float precision, with its shaper and
 * input domain. Readers, writers and resampling use it; the hot per-image paths in apply.ts
 * are specialised copies of the same maths and are tested against it.
 *
 * Tetrahedral interpolation splits each lattice cell into six tetrahedra along its main
 * diagonal (Kasson, Nin, Plouffe & Hafner 1995); the case order and tie-breaking follow
 * ffmpeg's vf_lut3d so the two agree to the last bit on ties.
 */
import type { Lut3D, Shaper1D, Vec3 } from './lut.js';
import { identityLut, latticeArray } from './lut.js';

function clamp01(v: number): number {
  // NaN inputs clamp to 0 so a bad pixel can never index outside the lattice.
  return v > 0 ? (v < 1 ? v : 1) : 0;
}

/** Position of `v` in [0, 1] along an axis spanning [min, max]. */
export function normalise(v: number, min: number, max: number): number {
  return clamp01((v - min) / (max - min));
}

/** Per-channel linear interpolation through a 1D shaper; writes into out[0..2]. */
export function sampleShaper(shaper: Shaper1D, rgb: ArrayLike<number>, out: Float64Array | Float32Array | number[]): void {
  const last = shaper.size - 1;
  for (let c = 0; c < 3; c++) {
    const x = normalise(rgb[c], shaper.domainMin[c], shaper.domainMax[c]) * last;
    const i0 = Math.floor(x);
    const i1 = i0 < last ? i0 + 1 : last;
    const f = x - i0;
    const a = shaper.data[i0 * 3 + c];
    const b = shaper.data[i1 * 3 + c];
    out[c] = a + (b - a) * f;
  }
}

/**
 * The lattice cell holding lattice coordinates (x, y, z), each in [0, size-1]: the offset of its
 * lower corner, the offsets to the next point along r, g and b (0 at the top edge) and the
 * fractional position inside it, written into `cell` as [o000, sr, sg, sb, dr, dg, db].
 */
const cell = new Float64Array(7);

function locateCell(size: number, x: number, y: number, z: number): Float64Array {
  const last = size - 1;
  const r0 = Math.floor(x),
    g0 = Math.floor(y),
    b0 = Math.floor(z);
  cell[0] = (b0 * size * size + g0 * size + r0) * 3;
  cell[1] = r0 < last ? 3 : 0;
  cell[2] = g0 < last ? size * 3 : 0;
  cell[3] = b0 < last ? size * size * 3 : 0;
  cell[4] = x - r0;
  cell[5] = y - g0;
  cell[6] = z - b0;
  return cell;
}

/**
 * Tetrahedral interpolation of the lattice at lattice coordinates (x, y, z), each already in
 * [0, size-1] (x = red axis). Writes the colour into out[0..2].
 */
export function tetrahedralAt(data: Float32Array, size: number, x: number, y: number, z: number, out: Float64Array | Float32Array | number[]): void {
  const [o000, sr, sg, sb, dr, dg, db] = locateCell(size, x, y, z);
  let oA: number, oB: number, w0: number, wA: number, wB: number, w1: number;
  if (dr > dg) {
    if (dg > db) {
      oA = o000 + sr;
      oB = oA + sg;
      w0 = 1 - dr;
      wA = dr - dg;
      wB = dg - db;
      w1 = db;
    } else if (dr > db) {
      oA = o000 + sr;
      oB = oA + sb;
      w0 = 1 - dr;
      wA = dr - db;
      wB = db - dg;
      w1 = dg;
    } else {
      oA = o000 + sb;
      oB = oA + sr;
      w0 = 1 - db;
      wA = db - dr;
      wB = dr - dg;
      w1 = dg;
    }
  } else if (db > dg) {
    oA = o000 + sb;
    oB = oA + sg;
    w0 = 1 - db;
    wA = db - dg;
    wB = dg - dr;
    w1 = dr;
  } else if (db > dr) {
    oA = o000 + sg;
    oB = oA + sb;
    w0 = 1 - dg;
    wA = dg - db;
    wB = db - dr;
    w1 = dr;
  } else {
    oA = o000 + sg;
    oB = oA + sr;
    w0 = 1 - dg;
    wA = dg - dr;
    wB = dr - db;
    w1 = db;
  }
  const o111 = o000 + sr + sg + sb;
  for (let c = 0; c < 3; c++) {
    out[c] = w0 * data[o000 + c] + wA * data[oA + c] + wB * data[oB + c] + w1 * data[o111 + c];
  }
}

/** Trilinear interpolation of the lattice at lattice coordinates (x, y, z) in [0, size-1]. */
export function trilinearAt(data: Float32Array, size: number, x: number, y: number, z: number, out: Float64Array | Float32Array | number[]): void {
  const [o000, sr, sg, sb, dr, dg, db] = locateCell(size, x, y, z);
  for (let c = 0; c < 3; c++) {
    const o = o000 + c;
    const c00 = data[o] + (data[o + sr] - data[o]) * dr;
    const c10 = data[o + sg] + (data[o + sg + sr] - data[o + sg]) * dr;
    const c01 = data[o + sb] + (data[o + sb + sr] - data[o + sb]) * dr;
    const c11 = data[o + sb + sg] + (data[o + sb + sg + sr] - data[o + sb + sg]) * dr;
    const c0 = c00 + (c10 - c00) * dg,
      c1 = c01 + (c11 - c01) * dg;
    out[c] = c0 + (c1 - c0) * db;
  }
}

export type Interpolation = 'tetrahedral' | 'trilinear';

/**
 * One colour through the whole LUT: shaper (if any), then the 3D domain, then the lattice.
 * Input and output are in the LUT's own encoding (sRGB-encoded values for ordinary looks).
 */
export function sampleLut(lut: Lut3D, rgb: ArrayLike<number>, out: Float64Array | Float32Array | number[], interpolation: Interpolation = 'tetrahedral'): void {
  let r = rgb[0],
    g = rgb[1],
    b = rgb[2];
  if (lut.shaper) {
    const shaped = [0, 0, 0];
    sampleShaper(lut.shaper, rgb, shaped);
    r = shaped[0];
    g = shaped[1];
    b = shaped[2];
  }
  const last = lut.size - 1;
  const x = normalise(r, lut.domainMin[0], lut.domainMax[0]) * last;
  const y = normalise(g, lut.domainMin[1], lut.domainMax[1]) * last;
  const z = normalise(b, lut.domainMin[2], lut.domainMax[2]) * last;
  if (interpolation === 'tetrahedral') tetrahedralAt(lut.data, lut.size, x, y, z, out);
  else trilinearAt(lut.data, lut.size, x, y, z, out);
}

/**
 * The same look on a lattice of another size, shaper folded in. The new lattice spans the
 * input domain of the original (the shaper's, when there is one), so nothing the file could
 * take as input is lost; the result has no shaper.
 */
export function resampleLut(lut: Lut3D, size: number, interpolation: Interpolation = 'tetrahedral'): Lut3D {
  const domainMin: Vec3 = lut.shaper ? lut.shaper.domainMin : lut.domainMin;
  const domainMax: Vec3 = lut.shaper ? lut.shaper.domainMax : lut.domainMax;
  const grid = identityLut(size);
  const data = latticeArray(grid.data.length);
  const input = [0, 0, 0];
  const out = [0, 0, 0];
  for (let o = 0; o < data.length; o += 3) {
    for (let c = 0; c < 3; c++) input[c] = domainMin[c] + grid.data[o + c] * (domainMax[c] - domainMin[c]);
    sampleLut(lut, input, out, interpolation);
    data[o] = out[0];
    data[o + 1] = out[1];
    data[o + 2] = out[2];
  }
  return { title: lut.title, size, data, domainMin, domainMax };
}
