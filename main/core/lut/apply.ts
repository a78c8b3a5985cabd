/**
 * Applying a LUT to interleaved pixel buffers: 8-bit and 16-bit RGB/RGBA (alpha untouched) and
 * float RGB/RGBA. The maths is sample.ts's, specialised for speed: for integer pixels the
 * shaper, domain and lattice position of every possible code value are tabulated once per
 * channel, so the per-pixel work is table look-ups and one tetrahedron (or cube) blend, with
 * no allocation and no division.
 */
import { expected } from '../errors.js';
import type { Lut3D } from './lut.js';
import { latticeArray } from './lut.js';
import type { Interpolation } from './sample.js';
import { normalise, sampleLut, sampleShaper } from './sample.js';

export interface ApplyOptions {
  readonly interpolation?: Interpolation;
  /** 0..1: how much of the look to mix over the original (1 = the LUT's output). */
  readonly strength?: number;
  /** Pre-scaled lattices (see PreparedLut.scaledLattice) made by another thread, by maximum code. */
  readonly scaledLattices?: ReadonlyMap<number, Float32Array>;
}

export type PixelBuffer = Uint8Array | Uint16Array | Float32Array;

/**
 * Per-channel tables for integer input: for code value v of channel c, `base[c][v]` is the
 * offset of the lower lattice neighbour along that axis (already multiplied by the axis
 * stride) and `frac[c][v]` the position between it and the next one. At the top of the range
 * the cell below is used with frac = 1, so the upper neighbour always exists and the kernels
 * need no edge test.
 */
export interface AxisTables {
  readonly base: Int32Array;
  readonly frac: Float32Array;
}

/** Tabulates shaper + domain + lattice position for every code value 0..maxCode. */
export function buildAxisTables(lut: Lut3D, maxCode: number): AxisTables {
  const count = maxCode + 1;
  const base = new Int32Array(count * 3);
  const frac = new Float32Array(count * 3);
  const last = lut.size - 1;
  const strides = [3, lut.size * 3, lut.size * lut.size * 3];
  const rgb = [0, 0, 0];
  const shaped = [0, 0, 0];
  for (let v = 0; v < count; v++) {
    rgb[0] = rgb[1] = rgb[2] = v / maxCode;
    if (lut.shaper) sampleShaper(lut.shaper, rgb, shaped);
    else shaped[0] = shaped[1] = shaped[2] = rgb[0];
    for (let c = 0; c < 3; c++) {
      const x = normalise(shaped[c], lut.domainMin[c], lut.domainMax[c]) * last;
      const i0 = Math.min(Math.floor(x), last - 1);
      const i = c * count + v;
      base[i] = i0 * strides[c];
      frac[i] = x - i0;
    }
  }
  return { base, frac };
}

/** A LUT made ready for repeated application with fixed options. */
export interface PreparedLut {
  readonly lut: Lut3D;
  readonly interpolation: Interpolation;
  readonly strength: number;
  /** Applies in place to pixels [start, end) (pixel indices) of an interleaved buffer. */
  applyTo(pixels: PixelBuffer, channels: 3 | 4, start?: number, end?: number): void;
  /**
   * Makes 8-bit RGB work a table look-up: `table` holds this LUT's 8-bit output for every one of
   * the 2²⁴ input colours, red fastest (see colour-table.ts, which builds it).
   */
  useColourTable(table: Uint8Array): void;
  readonly colourTable?: Uint8Array;
  /**
   * The lattice multiplied by `maxCode` and the strength, as the integer kernels read it: in
   * shared memory when large, so the worker threads are handed this one instead of each
   * making its own.
   */
  scaledLattice(maxCode: number): Float32Array;
}

/** Number of 8-bit RGB colours, the entries of a colour table. */
export const COLOUR_COUNT = 1 << 24;

export function prepareLut(lut: Lut3D, options: ApplyOptions = {}): PreparedLut {
  const interpolation = options.interpolation ?? 'tetrahedral';
  const strength = options.strength ?? 1;
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(expected('strength', 'number between 0 and 1', strength));
  const lattices = new Map<number, Float32Array>(options.scaledLattices);
  const scaledLattice = (maxCode: number) => {
    let lattice = lattices.get(maxCode);
    if (!lattice) {
      // The lattice pre-multiplied by the output scale and strength saves three multiplies a pixel.
      const scale = maxCode * strength;
      lattice = latticeArray(lut.data.length);
      for (let i = 0; i < lattice.length; i++) lattice[i] = lut.data[i] * scale;
      lattices.set(maxCode, lattice);
    }
    return lattice;
  };
  const tables = new Map<number, { axes: AxisTables; lattice: Float32Array }>();
  const tablesFor = (maxCode: number) => {
    let t = tables.get(maxCode);
    if (!t) tables.set(maxCode, (t = { axes: buildAxisTables(lut, maxCode), lattice: scaledLattice(maxCode) }));
    return t;
  };
  let colourTable: Uint8Array | undefined;
  const memoKey = {};
  return {
    lut,
    interpolation,
    strength,
    get colourTable() {
      return colourTable;
    },
    useColourTable(table) {
      if (table.length !== COLOUR_COUNT * 3) throw new RangeError(`a colour table holds ${COLOUR_COUNT * 3} bytes, not ${table.length}`);
      colourTable = table;
    },
    scaledLattice,
    applyTo(pixels, channels, start = 0, end = Math.floor(pixels.length / channels)) {
      if (pixels instanceof Float32Array) return applyFloat(lut, pixels, channels, start, end, interpolation, strength);
      if (colourTable && pixels instanceof Uint8Array) return lookupKernel(pixels, channels, start, end, colourTable);
      const maxCode = pixels instanceof Uint8Array ? 255 : 65535;
      const kernel = interpolation === 'tetrahedral' ? tetrahedralKernel : trilinearKernel;
      const { axes, lattice } = tablesFor(maxCode);
      if (pixels instanceof Uint8Array && end - start >= MEMO_MIN_PIXELS) {
        memoisedKernel(pixels, channels, start, end, colourMemoFor(memoKey), (px, i) =>
          kernel(px, channels, i, i + 1, axes, lattice, maxCode, strength, lut.size),
        );
      } else kernel(pixels, channels, start, end, axes, lattice, maxCode, strength, lut.size);
    },
  };
}

/** Applies `lut` in place to every pixel of an interleaved buffer. */
export function applyLutToPixels(lut: Lut3D, pixels: PixelBuffer, channels: 3 | 4, options: ApplyOptions = {}): void {
  prepareLut(lut, options).applyTo(pixels, channels);
}

type IntegerKernel = (
  px: Uint8Array | Uint16Array,
  channels: number,
  start: number,
  end: number,
  t: AxisTables,
  lattice: Float32Array,
  maxCode: number,
  strength: number,
  size: number,
) => void;

function tetrahedralKernel(
  px: Uint8Array | Uint16Array,
  channels: number,
  start: number,
  end: number,
  t: AxisTables,
  lattice: Float32Array,
  maxCode: number,
  strength: number,
  size: number,
): void {
  const { base, frac } = t;
  const sr = 3,
    sg = size * 3,
    sb = size * size * 3;
  const gOff = maxCode + 1,
    bOff = 2 * (maxCode + 1);
  const keep = 1 - strength;
  for (let p = start * channels, stop = end * channels; p < stop; p += channels) {
    const vr = px[p],
      vg = px[p + 1] + gOff,
      vb = px[p + 2] + bOff;
    const o000 = base[vr] + base[vg] + base[vb];
    const dr = frac[vr],
      dg = frac[vg],
      db = frac[vb];
    let oA: number, oB: number, w0: number, wA: number, wB: number, w1: number;
    // The six tetrahedra of the cell, in the order and with the tie-breaking of sample.ts.
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
    // Unrolled over the three channels: measurably faster in V8 than an inner loop.
    const r = w0 * lattice[o000] + wA * lattice[oA] + wB * lattice[oB] + w1 * lattice[o111];
    const g = w0 * lattice[o000 + 1] + wA * lattice[oA + 1] + wB * lattice[oB + 1] + w1 * lattice[o111 + 1];
    const b = w0 * lattice[o000 + 2] + wA * lattice[oA + 2] + wB * lattice[oB + 2] + w1 * lattice[o111 + 2];
    const outR = r + px[p] * keep + 0.5;
    const outG = g + px[p + 1] * keep + 0.5;
    const outB = b + px[p + 2] * keep + 0.5;
    px[p] = outR <= 0 ? 0 : outR >= maxCode ? maxCode : outR;
    px[p + 1] = outG <= 0 ? 0 : outG >= maxCode ? maxCode : outG;
    px[p + 2] = outB <= 0 ? 0 : outB >= maxCode ? maxCode : outB;
  }
}

function trilinearKernel(
  px: Uint8Array | Uint16Array,
  channels: number,
  start: number,
  end: number,
  t: AxisTables,
  lattice: Float32Array,
  maxCode: number,
  strength: number,
  size: number,
): void {
  const { base, frac } = t;
  const sr = 3,
    sg = size * 3,
    sb = size * size * 3;
  const gOff = maxCode + 1,
    bOff = 2 * (maxCode + 1);
  const keep = 1 - strength;
  for (let p = start * channels, stop = end * channels; p < stop; p += channels) {
    const vr = px[p],
      vg = px[p + 1] + gOff,
      vb = px[p + 2] + bOff;
    const o000 = base[vr] + base[vg] + base[vb];
    const dr = frac[vr],
      dg = frac[vg],
      db = frac[vb];
    for (let c = 0; c < 3; c++) {
      const o = o000 + c;
      const c00 = lattice[o] + (lattice[o + sr] - lattice[o]) * dr;
      const c10 = lattice[o + sg] + (lattice[o + sg + sr] - lattice[o + sg]) * dr;
      const c01 = lattice[o + sb] + (lattice[o + sb + sr] - lattice[o + sb]) * dr;
      const c11 = lattice[o + sb + sg] + (lattice[o + sb + sg + sr] - lattice[o + sb + sg]) * dr;
      const c0 = c00 + (c10 - c00) * dg,
        c1 = c01 + (c11 - c01) * dg;
      const v = c0 + (c1 - c0) * db;
      const out = v + px[p + c] * keep + 0.5;
      px[p + c] = out <= 0 ? 0 : out >= maxCode ? maxCode : out;
    }
  }
}

/**
 * Large 8-bit images graded directly remember each colour's result the first time they meet
 * it: a photo holds far fewer distinct colours than pixels (a noisy 24 MP frame ~10 %), so
 * most pixels become a look-up. One memo per thread, reused across LUTs (its "seen" flags are
 * cleared when the LUT changes): 64 MiB, allocated on first use.
 */
const MEMO_MIN_PIXELS = 2_000_000;

interface ColourMemo {
  owner: object | undefined;
  readonly seen: Uint8Array;
  readonly table: Uint8Array;
}

let memo: ColourMemo | undefined;

function colourMemoFor(owner: object): ColourMemo {
  memo ??= { owner: undefined, seen: new Uint8Array(COLOUR_COUNT), table: new Uint8Array(COLOUR_COUNT * 3) };
  if (memo.owner !== owner) {
    memo.seen.fill(0);
    memo.owner = owner;
  }
  return memo;
}

function memoisedKernel(px: Uint8Array, channels: number, start: number, end: number, m: ColourMemo, gradeOne: (px: Uint8Array, pixel: number) => void): void {
  const { seen, table } = m;
  for (let i = start, p = start * channels; i < end; i++, p += channels) {
    const key = px[p] | (px[p + 1] << 8) | (px[p + 2] << 16);
    const t = key * 3;
    if (seen[key] === 1) {
      px[p] = table[t];
      px[p + 1] = table[t + 1];
      px[p + 2] = table[t + 2];
    } else {
      gradeOne(px, i);
      table[t] = px[p];
      table[t + 1] = px[p + 1];
      table[t + 2] = px[p + 2];
      seen[key] = 1;
    }
  }
}

function lookupKernel(px: Uint8Array, channels: number, start: number, end: number, table: Uint8Array): void {
  for (let p = start * channels, stop = end * channels; p < stop; p += channels) {
    const t = (px[p] | (px[p + 1] << 8) | (px[p + 2] << 16)) * 3;
    px[p] = table[t];
    px[p + 1] = table[t + 1];
    px[p + 2] = table[t + 2];
  }
}

function applyFloat(lut: Lut3D, px: Float32Array, channels: number, start: number, end: number, interpolation: Interpolation, strength: number): void {
  const rgb = [0, 0, 0];
  const out = [0, 0, 0];
  for (let p = start * channels, stop = end * channels; p < stop; p += channels) {
    rgb[0] = px[p];
    rgb[1] = px[p + 1];
    rgb[2] = px[p + 2];
    sampleLut(lut, rgb, out, interpolation);
    for (let c = 0; c < 3; c++) px[p + c] = rgb[c] + (out[c] - rgb[c]) * strength;
  }
}

export type { IntegerKernel };
