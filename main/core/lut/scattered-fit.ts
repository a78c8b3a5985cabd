/**
 * Fitting a lattice to scattered colour pairs (an aligned image pair, a before/after edit).
 *
 * The unknown is the residual lattice R (LUT = identity + R). Each pair i says that the
 * interpolation of R at xᵢ (trilinear, or tetrahedral as the LUT engine applies it) should
 * equal yᵢ − xᵢ. We solve the regularised least
 * squares problem
 *     min ‖A R − d‖² + λ Rᵀ L R + ε ‖R‖²
 * (A: trilinear weights of every pair, L: the 6-neighbour graph Laplacian of the lattice) with
 * conjugate gradients on its normal equations. AᵀA only couples lattice points of a common
 * cell, so it is assembled once, in one pass over the pairs, as 27 coefficients per point; the
 * iterations then never touch the pairs again. Without data, the Laplacian makes the
 * correction fade smoothly and ε lets it settle to 0 far from the data.
 *
 * What the correction is taken from, and so what the fit falls back to where the pairs say
 * nothing, is the base lattice B (LUT = B + R, dᵢ = yᵢ − B(xᵢ)): the identity by default, or a
 * prior look (ScatteredFitOptions.prior, e.g. the library blend nearest to the pairs,
 * pair-with-prior.ts). Then the problem is min ‖A(LUT − B) − (y − AB)‖² + λ (LUT − B)ᵀL(LUT − B)
 * + ε ‖LUT − B‖²: where the pairs have data the LUT follows them, and elsewhere the correction
 * to B stays smooth and small, so colours the pairs never show keep the prior's look rather than
 * an extrapolation of the pairs'.
 */
import type { ColourPairs } from './image-pair.js';
import type { Interpolation } from './sample.js';
import type { Lut3D } from './lut.js';
import { identityLut } from './lut.js';

export interface ScatteredFitOptions {
  /** λ relative to the mean data weight per lattice point. */
  readonly smoothness?: number;
  readonly maxIterations?: number;
  /**
   * The interpolation the fitted lattice will be evaluated with (default trilinear). A coarse
   * lattice meant for the LUT engine, which applies LUTs tetrahedrally, must be fitted
   * tetrahedrally: the two differ by more than the fit's error at 9–13 points per axis.
   */
  readonly interpolation?: Interpolation;
  /**
   * The look to correct rather than the identity: sampled at this fit's lattice points (size³,
   * the unit domain, no shaper). Where the pairs have no data the fitted LUT stays near it.
   */
  readonly prior?: Lut3D;
}

export interface ScatteredFit {
  readonly lut: Lut3D;
  /** Fraction of lattice points that received data weight. */
  readonly coverage: number;
  /** Root-mean-square error of the fitted LUT on the pairs (trilinear evaluation). */
  readonly rmse: number;
}

/** Offset code 0..26 of neighbour (dr, dg, db) ∈ {-1,0,1}³; 13 is the point itself. */
const code = (dr: number, dg: number, db: number) => (db + 1) * 9 + (dg + 1) * 3 + (dr + 1);

interface Cell {
  readonly corners: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Tetrahedral weights of the cell's 8 corners (k = r + 2g + 4b bits), 4 of them non-zero: the
 * same six tetrahedra, case order and ties as sample.ts's tetrahedralAt.
 */
function tetrahedralWeights(dr: number, dg: number, db: number, weights: Float64Array): void {
  weights.fill(0);
  let a: number, b: number, w0: number, wA: number, wB: number, w1: number;
  if (dr > dg) {
    if (dg > db) [a, b, w0, wA, wB, w1] = [1, 3, 1 - dr, dr - dg, dg - db, db];
    else if (dr > db) [a, b, w0, wA, wB, w1] = [1, 5, 1 - dr, dr - db, db - dg, dg];
    else [a, b, w0, wA, wB, w1] = [4, 5, 1 - db, db - dr, dr - dg, dg];
  } else if (db > dg) [a, b, w0, wA, wB, w1] = [4, 6, 1 - db, db - dg, dg - dr, dr];
  else if (db > dr) [a, b, w0, wA, wB, w1] = [2, 6, 1 - dg, dg - db, db - dr, dr];
  else [a, b, w0, wA, wB, w1] = [2, 3, 1 - dg, dg - dr, dr - db, db];
  weights[0] = w0;
  weights[a] += wA;
  weights[b] += wB;
  weights[7] += w1;
}

function locate(pairs: ColourPairs, i: number, size: number, cell: Cell, interpolation: Interpolation): void {
  const last = size - 1;
  const base: number[] = [];
  const frac: number[] = [];
  for (let c = 0; c < 3; c++) {
    const v = pairs.inputs[i * 3 + c];
    const x = (v < 0 ? 0 : v > 1 ? 1 : v) * last;
    const i0 = Math.min(last - 1, Math.floor(x));
    base.push(i0);
    frac.push(x - i0);
  }
  for (let k = 0; k < 8; k++) {
    const dr = k & 1,
      dg = (k >> 1) & 1,
      db = k >> 2;
    cell.corners[k] = ((base[2] + db) * size + base[1] + dg) * size + base[0] + dr;
    cell.weights[k] = (dr ? frac[0] : 1 - frac[0]) * (dg ? frac[1] : 1 - frac[1]) * (db ? frac[2] : 1 - frac[2]);
  }
  if (interpolation === 'tetrahedral') tetrahedralWeights(frac[0], frac[1], frac[2], cell.weights);
}

interface System {
  /** AᵀA as 27 coefficients per lattice point. */
  readonly normal: Float64Array;
  /** Aᵀd per lattice point and channel. */
  readonly rhs: Float64Array;
}

/** The base lattice B interpolated at pair i's input, for the cell locate() filled. */
function baseAt(base: Float32Array, cell: Cell, channel: number): number {
  let value = 0;
  for (let k = 0; k < 8; k++) value += cell.weights[k] * base[cell.corners[k] * 3 + channel];
  return value;
}

function assemble(pairs: ColourPairs, size: number, interpolation: Interpolation, base: Float32Array): System {
  const points = size ** 3;
  const normal = new Float64Array(points * 27);
  const rhs = new Float64Array(points * 3);
  const cell: Cell = { corners: new Int32Array(8), weights: new Float64Array(8) };
  for (let i = 0; i < pairs.count; i++) {
    locate(pairs, i, size, cell, interpolation);
    const o = i * 3;
    const d0 = pairs.targets[o] - baseAt(base, cell, 0),
      d1 = pairs.targets[o + 1] - baseAt(base, cell, 1),
      d2 = pairs.targets[o + 2] - baseAt(base, cell, 2);
    for (let k = 0; k < 8; k++) {
      const p = cell.corners[k],
        wk = cell.weights[k];
      rhs[p * 3] += wk * d0;
      rhs[p * 3 + 1] += wk * d1;
      rhs[p * 3 + 2] += wk * d2;
      for (let l = 0; l < 8; l++) {
        const dr = (l & 1) - (k & 1),
          dg = ((l >> 1) & 1) - ((k >> 1) & 1),
          db = (l >> 2) - (k >> 2);
        normal[p * 27 + code(dr, dg, db)] += wk * cell.weights[l];
      }
    }
  }
  return { normal, rhs };
}

/** y = (AᵀA + λL + εI) x for one channel. */
function multiply(system: System, size: number, lambda: number, epsilon: number, x: Float64Array, y: Float64Array): void {
  const s1 = size,
    s2 = size * size;
  for (let b = 0, p = 0; b < size; b++)
    for (let g = 0; g < size; g++)
      for (let r = 0; r < size; r++, p++) {
        let sum = epsilon * x[p];
        const row = p * 27;
        for (let db = -1; db <= 1; db++) {
          if (b + db < 0 || b + db >= size) continue;
          for (let dg = -1; dg <= 1; dg++) {
            if (g + dg < 0 || g + dg >= size) continue;
            for (let dr = -1; dr <= 1; dr++) {
              if (r + dr < 0 || r + dr >= size) continue;
              const coefficient = system.normal[row + code(dr, dg, db)];
              if (coefficient !== 0) sum += coefficient * x[p + db * s2 + dg * s1 + dr];
            }
          }
        }
        let laplacian = 0;
        if (r > 0) laplacian += x[p] - x[p - 1];
        if (r < size - 1) laplacian += x[p] - x[p + 1];
        if (g > 0) laplacian += x[p] - x[p - s1];
        if (g < size - 1) laplacian += x[p] - x[p + s1];
        if (b > 0) laplacian += x[p] - x[p - s2];
        if (b < size - 1) laplacian += x[p] - x[p + s2];
        y[p] = sum + lambda * laplacian;
      }
}

/** Conjugate gradients for one channel, from x = 0. */
function solve(system: System, size: number, lambda: number, epsilon: number, channel: number, maxIterations: number): Float64Array {
  const n = size ** 3;
  const x = new Float64Array(n);
  const r = new Float64Array(n);
  for (let p = 0; p < n; p++) r[p] = system.rhs[p * 3 + channel];
  const d = Float64Array.from(r);
  const q = new Float64Array(n);
  let rr = r.reduce((s, v) => s + v * v, 0);
  const stop = rr * 1e-14;
  for (let it = 0; it < maxIterations && rr > stop; it++) {
    multiply(system, size, lambda, epsilon, d, q);
    let dq = 0;
    for (let p = 0; p < n; p++) dq += d[p] * q[p];
    const alpha = rr / dq;
    let next = 0;
    for (let p = 0; p < n; p++) {
      x[p] += alpha * d[p];
      r[p] -= alpha * q[p];
      next += r[p] * r[p];
    }
    const beta = next / rr;
    rr = next;
    for (let p = 0; p < n; p++) d[p] = r[p] + beta * d[p];
  }
  return x;
}

function rmseOf(pairs: ColourPairs, base: Float32Array, residual: Float64Array[], size: number, interpolation: Interpolation): number {
  const cell: Cell = { corners: new Int32Array(8), weights: new Float64Array(8) };
  let squared = 0;
  for (let i = 0; i < pairs.count; i++) {
    locate(pairs, i, size, cell, interpolation);
    for (let c = 0; c < 3; c++) {
      let predicted = baseAt(base, cell, c);
      for (let k = 0; k < 8; k++) predicted += cell.weights[k] * residual[c][cell.corners[k]];
      const e = predicted - pairs.targets[i * 3 + c];
      squared += e * e;
    }
  }
  return Math.sqrt(squared / Math.max(1, pairs.count * 3));
}

/** The lattice the correction is added to: the prior's values at this fit's points, else the identity's. */
function baseLattice(size: number, prior: Lut3D | undefined): Lut3D {
  if (!prior) return identityLut(size);
  const unitDomain = [...prior.domainMin, ...prior.domainMax].every((v, i) => v === (i < 3 ? 0 : 1));
  if (prior.size !== size || prior.shaper || !unitDomain)
    throw new RangeError(`a prior must be a ${size}³ lattice over the unit cube with no shaper, not ${prior.size}³${prior.shaper ? ' with a shaper' : ''}`);
  return prior;
}

export function fitLatticeFromPairs(pairs: ColourPairs, size: number, options: ScatteredFitOptions = {}): ScatteredFit {
  const points = size ** 3;
  const interpolation = options.interpolation ?? 'trilinear';
  const base = baseLattice(size, options.prior);
  const system = assemble(pairs, size, interpolation, base.data);
  let covered = 0,
    totalWeight = 0;
  for (let p = 0; p < points; p++) {
    const diagonal = system.normal[p * 27 + 13];
    totalWeight += diagonal;
    if (diagonal > 0) covered++;
  }
  const meanWeight = totalWeight / points || 1;
  const lambda = (options.smoothness ?? 1e-3) * meanWeight;
  const epsilon = 1e-6 * meanWeight;
  const maxIterations = options.maxIterations ?? 2000;
  const residual = [0, 1, 2].map((c) => solve(system, size, lambda, epsilon, c, maxIterations));
  const data = new Float32Array(base.data.length);
  for (let p = 0; p < points; p++) for (let c = 0; c < 3; c++) data[p * 3 + c] = base.data[p * 3 + c] + residual[c][p];
  const lut: Lut3D = { title: base.title, size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1] };
  return { lut, coverage: covered / points, rmse: rmseOf(pairs, base.data, residual, size, interpolation) };
}
