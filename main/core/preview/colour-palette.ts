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

/**
 * Grades `source` (RGBA) into `out` through the palette: the LUT on the palette's colours
 * (into `graded`, palette-sized scratch), then every pixel gathers its colour's result; alpha
 * is copied.
 */
export function applyThroughPalette(prepared: PreparedLut, palette: ColourPalette, source: Uint8Array, out: Uint8Array, graded: Uint8Array): void {
  graded.set(palette.colours);
  prepared.applyTo(graded, 3);
  const { index } = palette;
  for (let i = 0, p = 0; i < index.length; i++, p += 4) {
    const j = index[i] * 3;
    out[p] = graded[j];
    out[p + 1] = graded[j + 1];
    out[p + 2] = graded[j + 2];
    out[p + 3] = source[p + 3];
  }
}
