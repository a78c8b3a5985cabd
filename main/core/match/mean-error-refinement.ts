/**
 * The search chooses weights by least squares: the blend with the smallest mean squared error
 * in the fit space. But a match is judged by its mean ΔE2000, and on a look the library cannot
 * make the errors are large and uneven, where least squares gives up many colours to spare a
 * few far ones. So each shortlisted blend is refined to the smallest mean error Σₙ‖Fₙ·rₙ‖/N
 * (rₙ its RGB error at colour n, Fₙ the fit space's factor there) by iteratively reweighted
 * least squares: each step solves the simplex problem with every colour weighted by the
 * inverse of its current error (Weiszfeld's scheme; the objective is convex in the weights and
 * each step lowers it).
 */
import type { NormalEquations } from './normal-equations.js';
import type { SimplexSolution } from './simplex-least-squares.js';
import { solveOnSimplex } from './simplex-least-squares.js';

/** The looks' outputs and the target's, at the fitting colours, in the fit space (3 values a colour). */
export interface FitRows {
  readonly outputs: readonly Float64Array[];
  readonly target: Float64Array;
}

export const REFINEMENT_STEPS = 8;
/** A step that lowers the mean error by less than this share ends the refinement: far below a printed 0.01 of ΔE. */
const SETTLED = 1e-3;

/** Per colour, the length of the blend's error in the fit space, into `into`; returns their mean. */
function colourErrors(rows: FitRows, looks: readonly number[], weights: ArrayLike<number>, into: Float64Array): number {
  const residual = new Float64Array(rows.target.length);
  for (let v = 0; v < residual.length; v++) residual[v] = -rows.target[v];
  for (let i = 0; i < looks.length; i++) {
    const outputs = rows.outputs[looks[i]];
    const w = weights[i];
    for (let v = 0; v < residual.length; v++) residual[v] += w * outputs[v];
  }
  let sum = 0;
  for (let n = 0, v = 0; n < into.length; n++, v += 3) {
    into[n] = Math.sqrt(residual[v] * residual[v] + residual[v + 1] * residual[v + 1] + residual[v + 2] * residual[v + 2]);
    sum += into[n];
  }
  return sum / into.length;
}

/** The normal equations of the blend's own looks with colour n weighted by weights[n]. */
function weightedEquations(rows: FitRows, looks: readonly number[], colourWeights: Float64Array): NormalEquations {
  const m = looks.length;
  const gram = new Float64Array(m * m);
  const cross = new Float64Array(m);
  let energy = 0;
  for (let v = 0; v < rows.target.length; v++) {
    const omega = colourWeights[(v / 3) | 0];
    const t = rows.target[v];
    energy += omega * t * t;
    for (let i = 0; i < m; i++) {
      const yi = omega * rows.outputs[looks[i]][v];
      cross[i] += yi * t;
      for (let j = i; j < m; j++) gram[i * m + j] += yi * rows.outputs[looks[j]][v];
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) gram[i * m + j] = gram[j * m + i];
  return { looks: m, gram, cross, energy, rows: rows.target.length };
}

/** The blend's weights moved to the smallest mean error; a blend of one look is returned as it is. */
export function refineForMeanError(rows: FitRows, solution: SimplexSolution): SimplexSolution {
  const { looks } = solution;
  if (looks.length === 1) return solution;
  const errors = new Float64Array(rows.target.length / 3);
  let best: { weights: Float64Array; mean: number } = {
    weights: Float64Array.from(solution.weights),
    mean: colourErrors(rows, looks, solution.weights, errors),
  };
  // Colours the blend already nearly matches are weighted as if their error were 1% of the mean, so none dominates.
  const floor = 0.01 * best.mean;
  const omega = new Float64Array(errors.length);
  for (let step = 0; step < REFINEMENT_STEPS && best.mean > 0; step++) {
    for (let n = 0; n < errors.length; n++) omega[n] = 1 / Math.max(floor, errors[n]);
    const local = solveOnSimplex(weightedEquations(rows, looks, omega), [...looks.keys()]);
    const mean = colourErrors(rows, looks, local.weights, errors);
    const settled = mean >= best.mean * (1 - SETTLED);
    if (mean < best.mean) best = { weights: local.weights, mean };
    if (settled) break;
  }
  return { ...solution, weights: best.weights };
}
