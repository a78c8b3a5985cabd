import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../main/core/lut/image-pair.js';
import { normalEquations } from '../../../main/core/match/normal-equations.js';
import { blendError, solveOnSimplex } from '../../../main/core/match/simplex-least-squares.js';

/** K random "looks" of `rows` values and a target, as the normal equations of their blends. */
function randomSystem(seed: number, looks: number, rows = 60) {
  const random = seededRandom(seed);
  const outputs = Array.from({ length: looks }, () => Float64Array.from({ length: rows }, () => random()));
  const target = Float64Array.from({ length: rows }, () => random());
  return normalEquations(outputs, target);
}

/** A random point of the simplex (flat Dirichlet). */
function simplexPoint(random: () => number, k: number): number[] {
  const raw = Array.from({ length: k }, () => -Math.log(1 - random()));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

describe('solveOnSimplex', () => {
  it('recovers the weights of an exact convex blend', () => {
    const random = seededRandom(3);
    const outputs = Array.from({ length: 4 }, () => Float64Array.from({ length: 90 }, () => random()));
    const weights = [0.5, 0, 0.3, 0.2];
    const target = new Float64Array(90).map((_, v) => weights.reduce((sum, w, i) => sum + w * outputs[i][v], 0));
    const solution = solveOnSimplex(normalEquations(outputs, target), [0, 1, 2, 3]);
    weights.forEach((w, i) => expect(solution.weights[i]).toBeCloseTo(w, 6));
    expect(solution.meanSquaredError).toBeLessThan(1e-12);
  });

  it('finds weights ≥ 0 summing to 1 that no other point of the simplex beats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 6 }), (seed, k) => {
        const system = randomSystem(seed, k);
        const support = Array.from({ length: k }, (_, i) => i);
        const solution = solveOnSimplex(system, support);
        expect(solution.weights.every((w) => w >= 0)).toBe(true);
        expect(solution.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        const random = seededRandom(seed + 1);
        for (let trial = 0; trial < 200; trial++) {
          expect(solution.meanSquaredError).toBeLessThanOrEqual(blendError(system, support, simplexPoint(random, k)) + 1e-12);
        }
        // Every vertex and edge midpoint too: the optimum often lies on a face.
        for (let i = 0; i < k; i++) {
          const vertex = support.map((j) => (j === i ? 1 : 0));
          expect(solution.meanSquaredError).toBeLessThanOrEqual(blendError(system, support, vertex) + 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shares the weight between two identical looks instead of failing', () => {
    const random = seededRandom(9);
    const a = Float64Array.from({ length: 30 }, () => random());
    const b = Float64Array.from({ length: 30 }, () => random());
    const target = a.map((v, i) => 0.6 * v + 0.4 * b[i]);
    const solution = solveOnSimplex(normalEquations([a, a, b], target), [0, 1, 2]);
    expect(solution.weights[0] + solution.weights[1]).toBeCloseTo(0.6, 6);
    expect(solution.weights[2]).toBeCloseTo(0.4, 6);
  });
});
