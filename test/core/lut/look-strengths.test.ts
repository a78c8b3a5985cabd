/**
 * Colour and tone strengths (main/core/lut/look-strengths.ts) on real looks and photos: the
 * definition in CIELAB, the lattice it is made into, and that 1 and 1 change nothing at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { labToSrgb, srgbToLab } from '../../../main/core/color/lab.js';
import { readImage } from '../../../main/core/grading/image-io.js';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { isPlainUnitLut } from '../../../main/core/lut/lut.js';
import { lookStrengthsAt, strengthsLatticeSize, withLookStrengths } from '../../../main/core/lut/look-strengths.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fixture } from '../../support/paths.js';

let lut01: Lut3D;
let velvia: Lut3D;
let shaper: Lut3D;
/** Every third pixel of kodim04 and kodim23, RGB, 8-bit. */
let photo: Uint8Array;

beforeAll(async () => {
  lut01 = (await readLutFile(fixture('nilut-paper/LUT01.cube'))).lut;
  velvia = (await readLutFile(fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png'))).lut;
  shaper = (await readLutFile(fixture('luts/cube/colour_Three_Dimensional_Table_With_Shaper.cube'))).lut;
  const pixels: number[] = [];
  for (const name of ['kodim04.png', 'kodim23.png']) {
    const image = await readImage(fixture('photos', name));
    expect(image.channels).toBe(3);
    for (let i = 0; i < image.pixels.length; i += 9) pixels.push(image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]);
  }
  photo = Uint8Array.from(pixels);
}, 60_000);

function lab(rgb: ArrayLike<number>, at = 0): number[] {
  const out = [0, 0, 0];
  srgbToLab(rgb[at], rgb[at + 1], rgb[at + 2], out);
  return out;
}

/** Float pixels graded through the lattice (the float kernel: no 8-bit rounding in the figures). */
function gradeFloat(look: Lut3D, pixels: Uint8Array, strength = 1): Float32Array {
  const floats = Float32Array.from(pixels, (v) => v / 255);
  prepareLut(look, { strength }).applyTo(floats, 3);
  return floats;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Per pixel of `photo` whose exact result lies inside the sRGB gamut (it was not clamped: there
 * the definition holds exactly), how far the graded L* and a*b* are from what they should be.
 */
function errors(look: Lut3D, colour: number, tone: number) {
  const graded = gradeFloat(withLookStrengths(look, { colour, tone }), photo);
  const exact = [0, 0, 0];
  const lookOut = [0, 0, 0];
  const l: number[] = [];
  const ab: number[] = [];
  for (let i = 0; i < photo.length; i += 6) {
    const input = [photo[i] / 255, photo[i + 1] / 255, photo[i + 2] / 255];
    lookStrengthsAt(look, input, colour, tone, exact);
    if (exact.some((v) => v <= 0 || v >= 1)) continue;
    sampleLut(look, input, lookOut);
    const [li, ai, bi] = lab(input);
    const [lo, ao, bo] = lab(lookOut);
    const [lg, ag, bg] = lab(graded, i);
    l.push(Math.abs(lg - (li + tone * (lo - li))));
    ab.push(Math.hypot(ag - (ai + colour * (ao - ai)), bg - (bi + colour * (bo - bi))));
  }
  return { count: l.length, l: { p50: percentile(l, 0.5), p99: percentile(l, 0.99) }, ab: { p50: percentile(ab, 0.5), p99: percentile(ab, 0.99) } };
}

describe('CIELAB ↔ sRGB', () => {
  it('labToSrgb inverts srgbToLab to 1e-9 on every 8-bit grey and 10,000 colours', () => {
    const back = [0, 0, 0];
    let s = 3;
    for (let i = 0; i < 10_256; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const rgb = i < 256 ? [i / 255, i / 255, i / 255] : [(s >>> 24) / 255, ((s >>> 16) & 255) / 255, ((s >>> 8) & 255) / 255];
      const [l, a, b] = lab(rgb);
      labToSrgb(l, a, b, back);
      for (let c = 0; c < 3; c++) expect(Math.abs(back[c] - rgb[c])).toBeLessThan(1e-9);
    }
  });
});

describe('colour and tone strengths', () => {
  it('at colour 1 and tone 1 is the look itself, grading byte-identically at any strength', () => {
    for (const look of [lut01, velvia, shaper]) {
      expect(withLookStrengths(look, { colour: 1, tone: 1 })).toBe(look);
      expect(withLookStrengths(look, {})).toBe(look);
      for (const strength of [1, 0.6]) {
        const today = photo.slice();
        prepareLut(look, { strength }).applyTo(today, 3);
        const withStrengths = photo.slice();
        prepareLut(withLookStrengths(look, { colour: 1, tone: 1 }), { strength }).applyTo(withStrengths, 3);
        expect(Buffer.from(withStrengths).equals(Buffer.from(today))).toBe(true);
      }
    }
  });

  // The tolerances are the lattice's interpolation; measured p99 on these pixels: at colour 0,
  // LUT01 0.02 L* and 0.30 Δab, Velvia 0.15 and 0.11; at tone 0, 0.015 and 0.11, 0.007 and 0.47.
  it("at colour 0 keeps the photo's a*b* and takes the look's L* (within 0.75 ΔL* and Δab p99 on in-gamut pixels)", () => {
    for (const look of [lut01, velvia]) {
      const e = errors(look, 0, 1);
      expect(e.count).toBeGreaterThan(50_000);
      expect(e.l.p99).toBeLessThan(0.75);
      expect(e.ab.p99).toBeLessThan(0.75);
      expect(e.ab.p50).toBeLessThan(0.1);
    }
  });

  it("at tone 0 keeps the photo's L* and takes the look's a*b* (within 0.75 p99)", () => {
    for (const look of [lut01, velvia]) {
      const e = errors(look, 1, 0);
      expect(e.count).toBeGreaterThan(50_000);
      expect(e.l.p99).toBeLessThan(0.75);
      expect(e.ab.p99).toBeLessThan(0.75);
      expect(e.l.p50).toBeLessThan(0.1);
    }
  });

  it('between 0 and 1 interpolates L* and a*b* each by its own strength (measured p99 ≤ 0.12 L*, 0.28 Δab)', () => {
    for (const [colour, tone] of [
      [0.25, 0.75],
      [0.6, 0.3],
    ]) {
      const e = errors(velvia, colour, tone);
      expect(e.l.p99).toBeLessThan(0.5);
      expect(e.ab.p99).toBeLessThan(0.5);
    }
  });

  it("actually changes the look: colour 0 moves Velvia's a*b* back to the photo's by more than 3 on average", () => {
    const full = gradeFloat(velvia, photo);
    const faded = gradeFloat(withLookStrengths(velvia, { colour: 0 }), photo);
    let moved = 0,
      n = 0;
    for (let i = 0; i < photo.length; i += 3, n++) {
      const [, ai, bi] = lab([photo[i] / 255, photo[i + 1] / 255, photo[i + 2] / 255]);
      const [, af, bf] = lab(full, i);
      const [, ag, bg] = lab(faded, i);
      moved += Math.hypot(af - ai, bf - bi) - Math.hypot(ag - ai, bg - bi);
    }
    expect(moved / n).toBeGreaterThan(3);
  });

  it('at colour 0 and tone 0 is the identity (within 1e-4), so the strengths reach all the way back', () => {
    const graded = gradeFloat(withLookStrengths(velvia, { colour: 0, tone: 0 }), photo);
    let worst = 0;
    for (let i = 0; i < photo.length; i++) worst = Math.max(worst, Math.abs(graded[i] - photo[i] / 255));
    expect(worst).toBeLessThan(1e-4);
  });

  it('samples a shaper LUT through its shaper onto a plain unit lattice, as the exact definition does', () => {
    expect(shaper.shaper).toBeDefined();
    const derived = withLookStrengths(shaper, { colour: 0.2, tone: 0.9 });
    expect(isPlainUnitLut(derived)).toBe(true);
    expect(derived.size).toBe(strengthsLatticeSize(shaper));
    // At the lattice points the derived lattice holds the exact combination of the shaped look.
    const exact = [0, 0, 0];
    const step = 1 / (derived.size - 1);
    for (const [r, g, b] of [
      [0, 0, 0],
      [5, 17, 30],
      [32, 1, 16],
      [20, 20, 20],
    ]) {
      lookStrengthsAt(shaper, [r * step, g * step, b * step], 0.2, 0.9, exact);
      const o = ((b * derived.size + g) * derived.size + r) * 3;
      for (let c = 0; c < 3; c++) expect(derived.data[o + c]).toBeCloseTo(exact[c], 4);
    }
    // And its tone follows the shaped look's L*, not the lattice's values read without the
    // shaper (this test LUT leaves the gamut for most colours; 1,700 stay in: p99 0.37 L*).
    const e = errors(shaper, 0, 1);
    expect(e.count).toBeGreaterThan(500);
    expect(e.l.p99).toBeLessThan(1);
  });

  it('takes the look’s own lattice size between 33 and 65', () => {
    expect(strengthsLatticeSize(lut01)).toBe(33);
    expect(strengthsLatticeSize(velvia)).toBe(65);
    expect(strengthsLatticeSize(shaper)).toBe(33);
  });

  it('refuses a strength outside 0..1, naming it', () => {
    expect(() => withLookStrengths(lut01, { tone: 2 })).toThrow(/between 0 and 1 for tone strength but received 2/);
    expect(() => withLookStrengths(lut01, { colour: Number.NaN })).toThrow(/colour strength/);
  });
});
