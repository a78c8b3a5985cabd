import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { identityLut, latticeOffset } from '../../../main/core/lut/lut.js';
import { resampleLut, sampleLut } from '../../../main/core/lut/sample.js';

/** A LUT holding an affine map M·rgb + t: both interpolations must reproduce it exactly. */
function affineLut(size: number, m: number[], t: number[]): Lut3D {
  const lut = identityLut(size);
  const data = new Float32Array(lut.data.length);
  for (let o = 0; o < data.length; o += 3) {
    const [r, g, b] = [lut.data[o], lut.data[o + 1], lut.data[o + 2]];
    for (let c = 0; c < 3; c++) data[o + c] = m[c * 3] * r + m[c * 3 + 1] * g + m[c * 3 + 2] * b + t[c];
  }
  return { ...lut, data };
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const coeff = fc.double({ min: -2, max: 2, noNaN: true });

describe('sampleLut', () => {
  it('returns the stored value at every lattice point', () => {
    const size = 5;
    const lut = identityLut(size);
    const data = lut.data.map((_, i) => Math.sin(i * 1.7));
    const shuffled: Lut3D = { ...lut, data };
    const out = [0, 0, 0];
    for (const interp of ['tetrahedral', 'trilinear'] as const) {
      for (let b = 0; b < size; b++)
        for (let g = 0; g < size; g++)
          for (let r = 0; r < size; r++) {
            sampleLut(shuffled, [r / (size - 1), g / (size - 1), b / (size - 1)], out, interp);
            const o = latticeOffset(size, r, g, b);
            expect(out[0]).toBeCloseTo(data[o], 6);
            expect(out[2]).toBeCloseTo(data[o + 2], 6);
          }
    }
  });

  it('reproduces an affine map exactly with either interpolation', () => {
    fc.assert(
      fc.property(fc.array(coeff, { minLength: 12, maxLength: 12 }), unit, unit, unit, (c, r, g, b) => {
        const lut = affineLut(4, c.slice(0, 9), c.slice(9));
        for (const interp of ['tetrahedral', 'trilinear'] as const) {
          const out = [0, 0, 0];
          sampleLut(lut, [r, g, b], out, interp);
          for (let k = 0; k < 3; k++) {
            const expected = c[k * 3] * r + c[k * 3 + 1] * g + c[k * 3 + 2] * b + c[9 + k];
            expect(Math.abs(out[k] - expected)).toBeLessThan(1e-5);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps inputs through the domain and clamps outside it', () => {
    const lut: Lut3D = { ...identityLut(3), domainMin: [0, 0, 0], domainMax: [2, 4, 8] };
    const out = [0, 0, 0];
    sampleLut(lut, [1, 1, 4], out);
    expect(out).toEqual([0.5, 0.25, 0.5]);
    sampleLut(lut, [-5, 99, Number.NaN], out);
    expect(out).toEqual([0, 1, 0]);
  });

  it('applies the 1D shaper before the lattice', () => {
    // Shaper squares the input (sampled at 5 points, linear in between).
    const xs = [0, 0.25, 0.5, 0.75, 1];
    const shaper = { size: 5, data: Float32Array.from(xs.flatMap((x) => [x * x, x * x, x * x])), domainMin: [0, 0, 0] as const, domainMax: [1, 1, 1] as const };
    const lut: Lut3D = { ...identityLut(2), shaper };
    const out = [0, 0, 0];
    sampleLut(lut, [0.5, 0.25, 0.75], out);
    expect(out[0]).toBeCloseTo(0.25, 6);
    expect(out[1]).toBeCloseTo(0.0625, 6);
    expect(out[2]).toBeCloseTo(0.5625, 6);
  });
});

describe('resampleLut', () => {
  it('keeps an affine look exact at any size and spans the original domain', () => {
    const lut = { ...affineLut(9, [0.8, 0.1, 0, 0, 0.9, 0.1, 0.05, 0, 0.7], [0.05, 0, 0.1]), domainMax: [2, 2, 2] as const };
    const small = resampleLut(lut, 3);
    expect(small.size).toBe(3);
    expect(small.domainMax).toEqual([2, 2, 2]);
    const a = [0, 0, 0],
      b = [0, 0, 0];
    for (const rgb of [
      [0.3, 1.1, 1.9],
      [2, 0, 1],
      [0.01, 0.5, 0.77],
    ]) {
      sampleLut(lut, rgb, a);
      sampleLut(small, rgb, b);
      for (let k = 0; k < 3; k++) expect(b[k]).toBeCloseTo(a[k], 5);
    }
  });
});
