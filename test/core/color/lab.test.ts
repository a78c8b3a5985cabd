import { describe, expect, it } from 'vitest';
import { srgbToLab } from '../../../main/core/color/lab.js';
import { linearToSrgb, srgbToLinear } from '../../../main/core/color/srgb.js';
import { compareColours, psnr } from '../../../main/core/color/metrics.js';

describe('sRGB → CIELAB (D65)', () => {
  it('maps white to L*=100, a*=b*=0 and black to 0', () => {
    const lab = [0, 0, 0];
    srgbToLab(1, 1, 1, lab);
    expect(lab[0]).toBeCloseTo(100, 6);
    expect(lab[1]).toBeCloseTo(0, 6);
    expect(lab[2]).toBeCloseTo(0, 6);
    srgbToLab(0, 0, 0, lab);
    expect(lab).toEqual([0, 0, 0]);
  });

  // Reference values of the sRGB primaries in CIELAB D65 (Lindbloom's calculator, sRGB, D65,
  // no adaptation): red (53.2408, 80.0925, 67.2032), green (87.7347, -86.1827, 83.1793),
  // blue (32.2970, 79.1875, -107.8602).
  it.each([
    [
      [1, 0, 0],
      [53.2408, 80.0925, 67.2032],
    ],
    [
      [0, 1, 0],
      [87.7347, -86.1827, 83.1793],
    ],
    [
      [0, 0, 1],
      [32.297, 79.1875, -107.8602],
    ],
  ])('maps primary %j to the published L*a*b*', (rgb, expected) => {
    const lab = [0, 0, 0];
    srgbToLab(rgb[0], rgb[1], rgb[2], lab);
    for (let c = 0; c < 3; c++) expect(Math.abs(lab[c] - expected[c])).toBeLessThan(0.01);
  });

  it('round-trips the sRGB transfer function', () => {
    for (let i = 0; i <= 255; i++) expect(linearToSrgb(srgbToLinear(i / 255))).toBeCloseTo(i / 255, 12);
  });
});

describe('metrics', () => {
  it('gives PSNR 20·log10(1/d) for a uniform error d', () => {
    const a = new Float32Array(300).fill(0.5);
    const b = new Float32Array(300).fill(0.6);
    expect(psnr(a, b)).toBeCloseTo(20, 4);
    expect(psnr(a, a)).toBe(Infinity);
  });

  it('reports zero colour difference for identical colours and a positive one otherwise', () => {
    const a = Float32Array.from([0.2, 0.4, 0.6, 0.9, 0.1, 0.3]);
    const same = compareColours(a, a);
    expect(same.deltaE76.max).toBe(0);
    expect(same.deltaE2000.mean).toBe(0);
    const shifted = compareColours(a, Float32Array.from([0.25, 0.4, 0.6, 0.9, 0.1, 0.3]));
    expect(shifted.deltaE76.max).toBeGreaterThan(1);
    expect(shifted.deltaE76.mean).toBeCloseTo(shifted.deltaE76.max / 2, 10);
  });
});
