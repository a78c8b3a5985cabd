/**
 * A preview photo as its distinct colours plus, per pixel, which one it is. An 8-bit LUT maps
 * each colour to one result, so grading the distinct colours and gathering them gives exactly
 * the pixels a direct apply gives, for a fraction of the interpolation work: the 12 MP phone
 * photo of the reference set holds 246k colours in 1.0 MP at 1155 px (kodim23: 72k in 0.39 MP).
 * Built once per cached photo size (~60 ms at 1 MP), it took bench:preview's 1 MP draft
 * through the host from 51 to 24 ms p50 (78 to 36 ms p95): the direct tetrahedral pass
 * over every pixel was ~30 ms of it.
 */
import type { PreparedLut } from '../lut/apply.js';
import type { LutWorkerPool } from '../lut/parallel-apply.js';

export interface ColourPalette {
  /** The distinct colours, RGB interleaved, in order of first appearance. */
  readonly colours: Uint8Array;
  /** Per pixel, the palette entry of its colour. */
  readonly index: Uint32Array;
}

/** Above this share of distinct colours a palette saves too little to be worth its memory. */
const MAX_DISTINCT_SHARE = 0.6;

/** The palette of interleaved RGBA pixels, or undefined when nearly every pixel is distinct. */
export function buildPalette(rgba: Uint8Array): ColourPalette | undefined {
  const pixels = rgba.length >> 2;
  const limit = Math.floor(pixels * MAX_DISTINCT_SHARE);
  // Open addressing over a power-of-two table at most half full: keys are 24-bit colours + 1
  // (0 marks an empty slot), values their palette entry.
  const bits = Math.max(10, Math.ceil(Math.log2(Math.max(1, limit) * 2)));
  const slots = 1 << bits;
  const mask = slots - 1;
  const keys = new Int32Array(slots);
  const entries = new Uint32Array(slots);
  const index = new Uint32Array(pixels);
  const colours = new Uint8Array(limit * 3 + 3);
  let count = 0;
  for (let i = 0, p = 0; i < pixels; i++, p += 4) {
    const key = (rgba[p] | (rgba[p + 1] << 8) | (rgba[p + 2] << 16)) + 1;
    // Fibonacci hashing (the product's top bits) spreads neighbouring colours over the table.
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & mask;
    if (keys[slot] === 0) {
      if (count === limit) return undefined;
      keys[slot] = key;
      entries[slot] = count;
      colours[count * 3] = rgba[p];
      colours[count * 3 + 1] = rgba[p + 1];
      colours[count * 3 + 2] = rgba[p + 2];
      count++;
    }
    index[i] = entries[slot];
  }
  return { colours: colours.slice(0, count * 3), index };
}

/** Palette-sized scratch for grading through a palette, made once per palette. */
export interface PaletteScratch {
  /** Graded RGB per palette entry. */
  readonly graded: Uint8Array;
  /** A blend's weighted sum per palette entry and channel. */
  readonly sum: Float32Array;
  /** Graded RGB per palette entry as one little-endian word (alpha 0), for the word-wide gather. */
  readonly packed: Uint32Array;
}

export function paletteScratch(palette: ColourPalette): PaletteScratch {
  const n = palette.colours.length;
  return { graded: new Uint8Array(n), sum: new Float32Array(n), packed: new Uint32Array(n / 3) };
}

/** Words are little-endian here (every platform the app ships for): RGBA bytes read as r | g<<8 | b<<16 | a<<24. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Every pixel takes its palette entry's graded colour; alpha is copied. A word per pixel where
 * the buffers allow it (one load, one store: a third of the byte loop's time at 1 MP).
 */
function gather(palette: ColourPalette, scratch: PaletteScratch, source: Uint8Array, out: Uint8Array): void {
  const { index } = palette;
  const { graded, packed } = scratch;
  if (LITTLE_ENDIAN && source.byteOffset % 4 === 0 && out.byteOffset % 4 === 0) {
    const source32 = new Uint32Array(source.buffer, source.byteOffset, index.length);
    const out32 = new Uint32Array(out.buffer, out.byteOffset, index.length);
    for (let i = 0; i < index.length; i++) out32[i] = packed[index[i]] | (source32[i] & 0xff000000);
    return;
  }
  for (let i = 0, p = 0; i < index.length; i++, p += 4) {
    const j = index[i] * 3;
    out[p] = graded[j];
    out[p + 1] = graded[j + 1];
    out[p + 2] = graded[j + 2];
    out[p + 3] = source[p + 3];
  }
}

/** Packs `graded` (RGB bytes per entry) into words. */
function pack(scratch: PaletteScratch): void {
  const { graded, packed } = scratch;
  for (let j = 0, i = 0; j < packed.length; j++, i += 3) packed[j] = graded[i] | (graded[i + 1] << 8) | (graded[i + 2] << 16);
}

/** One look of a blend: its output at each palette colour (0..1 floats, gradedColours) and its weight. */
export interface GradedTerm {
  readonly colours: Float32Array;
  readonly weight: number;
}

/** The palette's colours as 0..1 floats, in `colours`. */
function unitColours(palette: ColourPalette, colours: Float32Array): Float32Array {
  for (let i = 0; i < colours.length; i++) colours[i] = palette.colours[i] / 255;
  return colours;
}

/** The palette's colours graded by `prepared` as 0..1 floats, unclamped: one look of a blend, made once per photo size. */
export function gradedColours(prepared: PreparedLut, palette: ColourPalette): Float32Array {
  const colours = unitColours(palette, new Float32Array(palette.colours.length));
  prepared.applyTo(colours, 3);
  return colours;
}

/** gradedColours on every thread of `pool`. */
export async function gradedColoursOn(pool: LutWorkerPool, prepared: PreparedLut, palette: ColourPalette): Promise<Float32Array> {
  const colours = unitColours(palette, new Float32Array(new SharedArrayBuffer(palette.colours.length * 4)));
  await pool.apply(prepared, colours, 3);
  return colours;
}

/** An 8-bit code from a value in code units: rounded half up by truncation (Math.round cost 6 ms a frame), clamped. */
function code(v: number): number {
  const r = v + 0.5;
  return r <= 0 ? 0 : r >= 256 ? 255 : r | 0;
}

/**
 * Grades `source` (RGBA) into `out` with a blend of looks, Σ wᵢ·lookᵢ(x) faded by `strength`:
 * the looks' outputs at the palette's colours (made once) summed by weight, then gathered. A
 * blend's frame costs a few multiply-adds per colour and look instead of an interpolation per
 * colour; it equals grading with the mixed lattice (interpolation is linear in the lattice)
 * up to rounding.
 */
export function mixThroughPalette(
  terms: readonly GradedTerm[],
  strength: number,
  palette: ColourPalette,
  source: Uint8Array,
  out: Uint8Array,
  scratch: PaletteScratch,
): void {
  const { colours } = palette;
  const { sum, graded, packed } = scratch;
  const n = colours.length;
  const first = terms[0];
  for (let i = 0; i < n; i++) sum[i] = first.weight * first.colours[i];
  for (let t = 1; t < terms.length; t++) {
    const term = terms[t];
    const w = term.weight,
      values = term.colours;
    for (let i = 0; i < n; i++) sum[i] += w * values[i];
  }
  const scale = 255 * strength,
    keep = 1 - strength;
  for (let j = 0, i = 0; j < packed.length; j++, i += 3) {
    const r = code(keep * colours[i] + scale * sum[i]),
      g = code(keep * colours[i + 1] + scale * sum[i + 1]),
      b = code(keep * colours[i + 2] + scale * sum[i + 2]);
    graded[i] = r;
    graded[i + 1] = g;
    graded[i + 2] = b;
    packed[j] = r | (g << 8) | (b << 16);
  }
  gather(palette, scratch, source, out);
}

/**
 * Grades `source` (RGBA) into `out` through the palette: the LUT on the palette's colours, then
 * every pixel gathers its colour's result; alpha is copied.
 */
export function applyThroughPalette(prepared: PreparedLut, palette: ColourPalette, source: Uint8Array, out: Uint8Array, scratch: PaletteScratch): void {
  scratch.graded.set(palette.colours);
  prepared.applyTo(scratch.graded, 3);
  pack(scratch);
  gather(palette, scratch, source, out);
}
