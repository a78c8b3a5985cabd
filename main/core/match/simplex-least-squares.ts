/**
 * The blend of looks closest to a target, for one set of looks: minimise ‖Σ wᵢ·yᵢ − t‖² over
 * weights w ≥ 0 with Σ w = 1 (a convex blend, as a CNILUT's style weights are: Conde et al.,
 * AAAI 2024, §3.2). A blend's outputs are linear in its weights, so the objective is the
 * quadratic wᵀGw − 2bᵀw + c of the looks' normal equations (normal-equations.ts) and the
 * problem a small quadratic programme on the simplex.
 *
 * Solved by an active-set method in the manner of Lawson & Hanson's NNLS (Solving Least Squares
 * Problems, 1974, ch. 23) with the sum-to-one constraint kept as an equality in every
 * subproblem: looks join the blend while the objective's gradient says one would lower it,
 * and leave when the unconstrained step would make their weight negative.
 */
import type { NormalEquations } from './normal-equations.js';

export interface SimplexSolution {
  /** The looks of the support, in the order given. */
  readonly looks: readonly number[];
  /** One weight per look, each ≥ 0, summing to 1. */
  readonly weights: Float64Array;
  /** The mean squared error per value (RGB or Lab-weighted, as the equations were built). */
  readonly meanSquaredError: number;
}

/** Solves A·x = rhs for a small dense square A (row-major, n×n) by Gaussian elimination with partial pivoting; A and rhs are overwritten. */
function solveDense(a: Float64Array, rhs: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]) > Math.abs(a[pivot * n + col])) pivot = row;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
      [rhs[col], rhs[pivot]] = [rhs[pivot], rhs[col]];
    }
    const p = a[col * n + col];
    if (p === 0) continue;
    for (let row = col + 1; row < n; row++) {
      const factor = a[row * n + col] / p;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[row * n + k] -= factor * a[col * n + k];
      rhs[row] -= factor * rhs[col];
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = rhs[row];
    for (let k = row + 1; k < n; k++) sum -= a[row * n + k] * x[k];
    const p = a[row * n + row];
    x[row] = p === 0 ? 0 : sum / p;
  }
  return x;
}

/**
 * The least-squares blend of exactly the looks `passive` (indices into the equations) with Σ = 1
 * and no sign constraint: the KKT system [G 1; 1ᵀ 0]·[z; μ] = [b; 1]. A ridge of 10⁻⁹ of G's
 * mean diagonal keeps two identical looks (one LUT imported twice) solvable: they share the weight.
 */
function equalityBlend(system: NormalEquations, passive: readonly number[]): Float64Array {
  const m = passive.length;
  const n = m + 1;
  const a = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  let trace = 0;
  for (const i of passive) trace += system.gram[i * system.looks + i];
  const ridge = (1e-9 * trace) / m;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) a[r * n + c] = system.gram[passive[r] * system.looks + passive[c]];
    a[r * n + r] += ridge;
    a[r * n + m] = 1;
    a[m * n + r] = 1;
    rhs[r] = system.cross[passive[r]];
  }
  rhs[m] = 1;
  return solveDense(a, rhs, n).subarray(0, m);
}

/** wᵀGw − 2bᵀw + c over the rows: the mean squared error of the blend. */
export function blendError(system: NormalEquations, looks: readonly number[], weights: ArrayLike<number>): number {
  let quadratic = 0;
  let linear = 0;
  for (let r = 0; r < looks.length; r++) {
    linear += weights[r] * system.cross[looks[r]];
    for (let c = 0; c < looks.length; c++) quadratic += weights[r] * weights[c] * system.gram[looks[r] * system.looks + looks[c]];
  }
  return Math.max(0, quadratic - 2 * linear + system.energy) / system.rows;
}

/** Half the gradient of the objective at w, for look i: (Gw − b)ᵢ. */
function halfGradient(system: NormalEquations, looks: readonly number[], weights: Float64Array, i: number): number {
  let g = -system.cross[looks[i]];
  for (let c = 0; c < looks.length; c++) g += system.gram[looks[i] * system.looks + looks[c]] * weights[c];
  return g;
}

/** The best convex blend of the looks `support` (indices into the equations). */
export function solveOnSimplex(system: NormalEquations, support: readonly number[]): SimplexSolution {
  const m = support.length;
  const weights = new Float64Array(m);
  // Start at the best single look: a vertex of the simplex, feasible.
  let best = 0;
  const vertexError = (i: number) => system.gram[support[i] * system.looks + support[i]] - 2 * system.cross[support[i]];
  for (let i = 1; i < m; i++) if (vertexError(i) < vertexError(best)) best = i;
  weights[best] = 1;
  const passive = new Set([best]);
  const scale = Math.max(1e-300, ...support.map((i) => system.gram[i * system.looks + i]));
  const tolerance = 1e-12 * scale;
  for (let iteration = 0; iteration < 4 * m + 8; iteration++) {
    // At the optimum every look in the blend has the same gradient (the multiplier of Σ = 1) and no other look a lower one.
    let lambda = 0;
    for (const i of passive) lambda += halfGradient(system, support, weights, i);
    lambda /= passive.size;
    let entering = -1;
    let steepest = -tolerance;
    for (let i = 0; i < m; i++) {
      if (passive.has(i)) continue;
      const slope = halfGradient(system, support, weights, i) - lambda;
      if (slope < steepest) [entering, steepest] = [i, slope];
    }
    if (entering < 0) break;
    passive.add(entering);
    if (!moveTowardsBlend(system, support, weights, passive, entering)) break;
  }
  return { looks: support, weights, meanSquaredError: blendError(system, support, weights) };
}

/**
 * The inner loop: step from w towards the equality blend of the passive looks, stopping where a
 * weight reaches 0 and dropping that look, until the blend is feasible. False when the look that
 * just entered is dropped at once (rounding at a degenerate vertex), which ends the search.
 */
function moveTowardsBlend(system: NormalEquations, support: readonly number[], weights: Float64Array, passive: Set<number>, entering: number): boolean {
  for (let guard = 0; guard <= support.length; guard++) {
    const order = [...passive];
    const z = equalityBlend(
      system,
      order.map((i) => support[i]),
    );
    if (z.every((v) => v > 0)) {
      order.forEach((i, k) => (weights[i] = z[k]));
      return true;
    }
    let step = 1;
    order.forEach((i, k) => {
      if (z[k] <= 0) step = Math.min(step, weights[i] / (weights[i] - z[k]));
    });
    order.forEach((i, k) => (weights[i] += step * (z[k] - weights[i])));
    for (const i of order) {
      if (weights[i] > 1e-12) continue;
      weights[i] = 0;
      passive.delete(i);
      if (i === entering && guard === 0) return false;
    }
    renormalise(weights);
  }
  return true;
}

function renormalise(weights: Float64Array): void {
  let sum = 0;
  for (const w of weights) sum += w;
  for (let i = 0; i < weights.length; i++) weights[i] /= sum;
}
