/**
 * Which looks to blend: the best convex blends of up to N looks of the library. Trying every
 * set of N looks grows as K^N, so the search is a beam over the number of looks: every single
 * look, then each of the best BEAM_WIDTH sets of n looks grown by every other look, solved
 * exactly (simplex-least-squares.ts). On the normal equations each set is one small solve, so
 * the beam is wide enough to try every pair and most triples of a 25-look library.
 */
import { throwIfCancelled } from '../errors.js';
import type { NormalEquations } from './normal-equations.js';
import type { SimplexSolution } from './simplex-least-squares.js';
import { solveOnSimplex } from './simplex-least-squares.js';

/** Sets of looks kept at each size. */
export const BEAM_WIDTH = 64;

/**
 * A look whose weight is below this is dropped from the blend and the rest solved again: it
 * would print as 0.00, and a blend that needs it is the blend without it.
 */
export const MIN_WEIGHT = 0.005;

const keyOf = (looks: readonly number[]) => looks.join(',');

/** The solution with its negligible looks dropped (and the rest re-solved), so equal blends have equal look sets. */
function withoutNegligibleLooks(system: NormalEquations, solution: SimplexSolution): SimplexSolution {
  const kept = solution.looks.filter((_, i) => solution.weights[i] >= MIN_WEIGHT);
  if (kept.length === solution.looks.length) return solution;
  return withoutNegligibleLooks(system, solveOnSimplex(system, kept));
}

function bestOf(solutions: Iterable<SimplexSolution>, count: number): SimplexSolution[] {
  return [...solutions].sort((a, b) => a.meanSquaredError - b.meanSquaredError).slice(0, count);
}

/**
 * Every distinct blend of at most `maxLooks` looks the beam met, each over the looks it really
 * uses (weights ≥ MIN_WEIGHT), best first by the fit space's mean squared error.
 */
export function searchBlends(system: NormalEquations, maxLooks: number, signal?: AbortSignal): SimplexSolution[] {
  const distinct = new Map<string, SimplexSolution>();
  const keep = (solution: SimplexSolution) => {
    const used = withoutNegligibleLooks(system, solution);
    const key = keyOf(used.looks);
    const known = distinct.get(key);
    if (!known || used.meanSquaredError < known.meanSquaredError) distinct.set(key, used);
  };
  let level = new Map<string, SimplexSolution>();
  for (let i = 0; i < system.looks; i++) level.set(String(i), solveOnSimplex(system, [i]));
  for (const solution of level.values()) keep(solution);
  for (let size = 2; size <= Math.min(maxLooks, system.looks); size++) {
    throwIfCancelled(signal, 'match cancelled');
    const grown = new Map<string, SimplexSolution>();
    for (const base of bestOf(level.values(), BEAM_WIDTH)) {
      for (let j = 0; j < system.looks; j++) {
        if (base.looks.includes(j)) continue;
        const looks = [...base.looks, j].sort((a, b) => a - b);
        const key = keyOf(looks);
        if (grown.has(key)) continue;
        const solution = solveOnSimplex(system, looks);
        grown.set(key, solution);
        keep(solution);
      }
    }
    level = grown;
  }
  return bestOf(distinct.values(), distinct.size);
}
