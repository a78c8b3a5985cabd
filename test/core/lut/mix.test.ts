import { describe, expect, it } from 'vitest';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { mixLuts, refiningGrid } from '../../../main/core/lut/mix.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fixture } from '../../support/paths.js';

const lut01 = (await readLutFile(fixture('nilut-paper/LUT01.cube'))).lut; // 33³
const lustre = (await readLutFile(fixture('luts/3dl/ocio_lustre_33x33x33.3dl'))).lut; // 33³
const discreet = (await readLutFile(fixture('luts/3dl/ocio_discreet_17.3dl'))).lut; // 17³
const velvia = (await readLutFile(fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png'))).lut; // 144³ (a level-12 Hald)
const shaped = (await readLutFile(fixture('luts/cube/ocio_resolve_1d3d.cube'))).lut; // 3³ after a shaper

function randomPixels(count: number, seed: number): Uint8Array {
  const pixels = new Uint8Array(count * 3);
  let s = seed;
  for (let i = 0; i < pixels.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    pixels[i] = s >>> 24;
  }
  return pixels;
}

function graded(lut: Lut3D, pixels: Uint8Array): Uint8Array {
  const out = pixels.slice();
  prepareLut(lut).applyTo(out, 3);
  return out;
}

/** Largest difference, in 8-bit code values, between the mix applied once and the looks applied separately then mixed. */
function codeError(parts: { lut: Lut3D; weight: number }[], mixed: Lut3D): number {
  const pixels = randomPixels(40000, 7);
  const once = graded(mixed, pixels);
  const separately = parts.map((p) => graded(p.lut, pixels));
  const total = parts.reduce((a, p) => a + p.weight, 0);
  let worst = 0;
  for (let i = 0; i < pixels.length; i++) {
    const expected = parts.reduce((a, p, k) => a + (p.weight / total) * separately[k][i], 0);
    worst = Math.max(worst, Math.abs(once[i] - expected));
  }
  return worst;
}

/** Largest difference in float output between the mix and the looks' mix, at random colours. */
function floatError(parts: { lut: Lut3D; weight: number }[], mixed: Lut3D): number {
  const a = [0, 0, 0],
    out = [0, 0, 0],
    rgb = [0, 0, 0];
  const total = parts.reduce((s, p) => s + p.weight, 0);
  let worst = 0,
    seed = 3;
  for (let n = 0; n < 20000; n++) {
    for (let c = 0; c < 3; c++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      rgb[c] = seed / 2 ** 32;
    }
    sampleLut(mixed, rgb, out);
    const expected = [0, 0, 0];
    for (const p of parts) {
      sampleLut(p.lut, rgb, a);
      for (let c = 0; c < 3; c++) expected[c] += (p.weight / total) * a[c];
    }
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out[c] - expected[c]));
  }
  return worst;
}

describe('mixing looks into one lattice', () => {
  it('finds the grid every size refines onto, within its cap', () => {
    expect(refiningGrid([33, 33])).toBe(33);
    expect(refiningGrid([17, 33])).toBe(33);
    expect(refiningGrid([25, 33])).toBe(97);
    expect(refiningGrid([33, 65])).toBe(65);
    expect(refiningGrid([33, 64])).toBeUndefined();
    // Lattices of one size mix as they stand, however large.
    expect(refiningGrid([144, 144])).toBe(144);
    expect(refiningGrid([144, 33])).toBeUndefined();
  });

  it('mixes two lattices of one size exactly: applied once, within 1 code value of the looks applied separately', () => {
    const parts = [
      { lut: lut01, weight: 0.6 },
      { lut: lustre, weight: 0.4 },
    ];
    const { lut, exact } = mixLuts(parts);
    expect(exact).toBe(true);
    expect(lut.size).toBe(33);
    expect(floatError(parts, lut)).toBeLessThan(1e-5);
    expect(codeError(parts, lut)).toBeLessThanOrEqual(1);
  });

  it('refines a 17³ and a 33³ lattice onto 33³ with no loss (tetrahedral)', () => {
    const parts = [
      { lut: discreet, weight: 1 },
      { lut: lut01, weight: 3 },
    ];
    const { lut, exact } = mixLuts(parts);
    expect(exact).toBe(true);
    expect(lut.size).toBe(33);
    expect(floatError(parts, lut)).toBeLessThan(1e-5);
    expect(codeError(parts, lut)).toBeLessThanOrEqual(1);
  });

  it('says it is not exact where no common grid refines both (144³ with 33³), and stays close', () => {
    const parts = [
      { lut: velvia, weight: 0.5 },
      { lut: lut01, weight: 0.5 },
    ];
    const { lut, exact } = mixLuts(parts);
    expect(exact).toBe(false);
    expect(lut.size).toBe(144);
    const error = floatError(parts, lut);
    // Exact at the 144³ points only: a small but real error between them.
    expect(error).toBeGreaterThan(1e-5);
    expect(error).toBeLessThan(0.02);
  });

  it('folds a shaper in on the unit cube, and says it is not exact', () => {
    const parts = [
      { lut: shaped, weight: 0.3 },
      { lut: lut01, weight: 0.7 },
    ];
    const { lut, exact } = mixLuts(parts);
    expect(exact).toBe(false);
    expect(lut.shaper).toBeUndefined();
    expect([...lut.domainMin, ...lut.domainMax]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(floatError(parts, lut)).toBeLessThan(0.05);
  });

  it('refuses negative, non-finite or all-zero weights', () => {
    expect(() => mixLuts([{ lut: lut01, weight: -1 }])).toThrow(/0 or more/);
    expect(() => mixLuts([{ lut: lut01, weight: Number.NaN }])).toThrow(/finite/);
    expect(() => mixLuts([{ lut: lut01, weight: 0 }])).toThrow(/not all be 0/);
    expect(() => mixLuts([])).toThrow(/at least one/);
  });
});
