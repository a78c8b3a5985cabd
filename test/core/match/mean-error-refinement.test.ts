import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../main/core/lut/image-pair.js';
import { refineForMeanError } from '../../../main/core/match/mean-error-refinement.js';
import { normalEquations } from '../../../main/core/match/normal-equations.js';
import { solveOnSimplex } from '../../../main/core/match/simplex-least-squares.js';

/** The mean over colours of the length of the blend's error. */
function meanError(outputs: readonly Float64Array[], target: Float64Array, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let v = 0; v < target.length; v += 3) {
    let squared = 0;
    for (let c = 0; c < 3; c++) {
      const e = outputs.reduce((s, o, i) => s + weights[i] * o[v + c], 0) - target[v + c];
      squared += e * e;
    }
    sum += Math.sqrt(squared);
  }
  return sum / (target.length / 3);
}

describe('refineForMeanError', () => {
  it('moves least squares weights, pulled by a few far colours, back to the blend most colours show', () => {
    const random = seededRandom(12);
    const colours = 2000;
    const outputs = Array.from({ length: 3 }, () => Float64Array.from({ length: colours * 3 }, () => random()));
    const truth = [0.6, 0.3, 0.1];
    const target = new Float64Array(colours * 3).map((_, v) => truth.reduce((s, w, i) => s + w * outputs[i][v], 0));
    // One colour in twenty is far off, the way a look the library cannot make differs in a few hues.
    for (let n = 0; n < colours; n += 20) for (let c = 0; c < 3; c++) target[n * 3 + c] += 0.8 * (outputs[2][n * 3 + c] - outputs[0][n * 3 + c]);
    const leastSquares = solveOnSimplex(normalEquations(outputs, target), [0, 1, 2]);
    const refined = refineForMeanError({ outputs, target }, leastSquares);

    expect(meanError(outputs, target, refined.weights)).toBeLessThan(meanError(outputs, target, leastSquares.weights));
    const off = (w: ArrayLike<number>) => Math.max(...truth.map((t, i) => Math.abs(t - w[i])));
    expect(off(refined.weights)).toBeLessThan(off(leastSquares.weights));
    expect(off(refined.weights)).toBeLessThan(0.02);
    expect(refined.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(refined.weights.every((w) => w >= 0)).toBe(true);
  });
});
