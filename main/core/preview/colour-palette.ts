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

/** Every pixel takes its palette entry's graded colour (`graded`, RGB); alpha is copied. */
function gather(palette: ColourPalette, graded: Uint8Array, source: Uint8Array, out: Uint8Array): void {
  const { index } = palette;
  for (let i = 0, p = 0; i < index.length; i++, p += 4) {
    const j = index[i] * 3;
    out[p] = graded[j];
    out[p + 1] = graded[j + 1];
    out[p + 2] = graded[j + 2];
    out[p + 3] = source[p + 3];
  }
}

/** One look of a blend: its output at each palette colour (0..1 floats, gradedColours) and its weight. */
export interface GradedTerm {
  readonly colours: Float32Array;
  readonly weight: number;
}

/** The palette's colours graded by `prepared` as 0..1 floats, unclamped: one look of a blend, made once per photo size. */
export function gradedColours(prepared: PreparedLut, palette: ColourPalette): Float32Array {
  const colours = new Float32Array(palette.colours.length);
  for (let i = 0; i < colours.length; i++) colours[i] = palette.colours[i] / 255;
  prepared.applyTo(colours, 3);
  return colours;
}

/**
 * Grades `source` (RGBA) into `out` with a blend of looks, Σ wᵢ·lookᵢ(x) faded by `strength`:
 * the looks' outputs at the palette's colours (made once) summed by weight, then gathered. A
 * blend's frame costs a few multiply-adds per colour and look instead of an interpolation per
 * colour; it equals grading with the mixed lattice (interpolation is linear in the lattice)
 * up to rounding. `sum` and `graded` are palette-sized scratch.
 */
export function mixThroughPalette(
  terms: readonly GradedTerm[],
  strength: number,
  palette: ColourPalette,
  source: Uint8Array,
  out: Uint8Array,
  sum: Float32Array,
  graded: Uint8Array,
): void {
  const n = palette.colours.length;
  sum.fill(0, 0, n);
  for (let t = 0; t < terms.length; t++) {
    const { colours, weight } = terms[t];
    for (let i = 0; i < n; i++) sum[i] += weight * colours[i];
  }
  const { colours } = palette;
  for (let i = 0; i < n; i++) {
    const x = colours[i];
    // Rounded half up by truncation (Math.round cost 6 ms a frame here); below 0 clamps anyway.
    const v = x + strength * (255 * sum[i] - x) + 0.5;
    graded[i] = v <= 0 ? 0 : v >= 256 ? 255 : v | 0;
  }
  gather(palette, graded, source, out);
}

/**
 * Grades `source` (RGBA) into `out` through the palette: the LUT on the palette's colours
 * (into `graded`, palette-sized scratch), then every pixel gathers its colour's result; alpha
 * is copied.
 */
export function applyThroughPalette(prepared: PreparedLut, palette: ColourPalette, source: Uint8Array, out: Uint8Array, graded: Uint8Array): void {
  graded.set(palette.colours);
  prepared.applyTo(graded, 3);
  gather(palette, graded, source, out);
}
