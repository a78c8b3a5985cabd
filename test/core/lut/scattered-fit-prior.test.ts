/**
 * The scattered fit with a prior lattice: the fitted LUT is the prior plus a smooth correction,
 * so it follows the pairs where they have colours and keeps the prior's look far from them.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../main/core/lut/image-pair.js';
import type { ColourPairs } from '../../../main/core/lut/image-pair.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { fitLatticeFromPairs } from '../../../main/core/lut/scattered-fit.js';
import { sampleLut } from '../../../main/core/lut/sample.js';

type Grade = (rgb: readonly number[]) => number[];

/** The look the pairs come from: a curve that lifts shadows and a cooler blue, so it bends far from the pairs. */
const curve: Grade = ([r, g, b]) => [r ** 0.7, g ** 0.85, b * 0.9];
/** Another look: warm, with contrast. */
const warm: Grade = ([r, g, b]) => [Math.min(1, r * 1.08 + 0.02), g, Math.max(0, b * 0.9)];

function latticeOf(grade: Grade, size: number): Lut3D {
  const grid = identityLut(size);
  const data = new Float32Array(grid.data.length);
  for (let o = 0; o < data.length; o += 3) data.set(grade([grid.data[o], grid.data[o + 1], grid.data[o + 2]]), o);
  return { ...grid, data };
}

/** 2,000 colours from the lower middle of the cube only, through `grade`. */
function sparsePairs(grade: Grade): ColourPairs {
  const random = seededRandom(3);
  const inputs = Float32Array.from({ length: 6000 }, () => 0.2 + 0.3 * random());
  const targets = new Float32Array(inputs.length);
  for (let o = 0; o < inputs.length; o += 3) targets.set(grade([inputs[o], inputs[o + 1], inputs[o + 2]]), o);
  return { inputs, targets, count: 2000 };
}

const at = (lut: Lut3D, rgb: number[]) => {
  const out = [0, 0, 0];
  sampleLut(lut, rgb, out);
  return out;
};
const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('fitLatticeFromPairs with a prior', () => {
  it('keeps the prior where no pair reaches, where the fit alone extrapolates', () => {
    const pairs = sparsePairs(curve);
    const prior = latticeOf(curve, 17);
    const fit = fitLatticeFromPairs(pairs, 17, { prior });
    const alone = fitLatticeFromPairs(pairs, 17);
    for (const far of [
      [0.9, 0.1, 0.9],
      [0.05, 0.05, 0.05],
      [0.95, 0.95, 0.95],
    ]) {
      expect(distance(at(fit.lut, far), at(prior, far))).toBeLessThan(0.002);
      expect(distance(at(alone.lut, far), curve(far))).toBeGreaterThan(0.02);
    }
  });

  it('follows the pairs where they have colours, whatever the prior says there', () => {
    const pairs = sparsePairs(curve);
    const prior = latticeOf(warm, 17);
    const fit = fitLatticeFromPairs(pairs, 17, { prior });
    // The prior is 0.05–0.1 from the pairs' look there; the fit is within a few thousandths.
    expect(fit.rmse).toBeLessThan(0.003);
    const inside = [0.35, 0.3, 0.4];
    expect(distance(at(prior, inside), curve(inside))).toBeGreaterThan(0.05);
    expect(distance(at(fit.lut, inside), curve(inside))).toBeLessThan(0.005);
  });

  it('with the identity as its prior is the fit without one', () => {
    const pairs = sparsePairs(warm);
    const fit = fitLatticeFromPairs(pairs, 9, { prior: identityLut(9) });
    const alone = fitLatticeFromPairs(pairs, 9);
    for (let i = 0; i < fit.lut.data.length; i++) expect(fit.lut.data[i]).toBeCloseTo(alone.lut.data[i], 5);
  });

  it('refuses a prior of another lattice size, naming both', () => {
    expect(() => fitLatticeFromPairs(sparsePairs(warm), 17, { prior: latticeOf(warm, 9) })).toThrow(/a prior must be a 17³ lattice .* not 9³/);
  });
});
