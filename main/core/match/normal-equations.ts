/**
 * The looks' outputs at the sample colours as the normal equations of a blend: G = YᵀY,
 * b = Yᵀt, c = tᵀt, where column i of Y is look i's outputs and t the target's. A blend's
 * squared error ‖Yw − t‖² is then wᵀGw − 2bᵀw + c, whatever the number of samples, so every
 * set of looks the search tries costs a K×K solve, not a pass over the colours.
 *
 * The fit space. A blend mixes sRGB-encoded outputs, so its error is linear in the weights
 * only in RGB ('rgb'). But equal RGB errors are not equally visible. A perceptual space keeps
 * the problem quadratic by weighting each sample's RGB error e with a 3×3 factor F taken at
 * the target colour, ‖F·e‖² ≈ ΔE² for small e: 'lab' takes F = the Jacobian of CIELAB
 * (‖F·e‖ ≈ ΔE76); 'de2000' the square root of CIEDE2000's own local metric, M with
 * ΔE00(t, t + e)² ≈ eᵀMe, read off by finite differences and polarisation (M = FᵀF by
 * Cholesky). bench:match measures the three on the reported ΔE2000.
 */
import { deltaE2000 } from '../color/delta-e.js';
import { srgbToLab } from '../color/lab.js';

export type FitSpace = 'rgb' | 'lab' | 'de2000';

export interface NormalEquations {
  /** Number of looks K. */
  readonly looks: number;
  /** K×K, row-major: Σ over values of yᵢ·yⱼ. */
  readonly gram: Float64Array;
  /** K: Σ over values of yᵢ·t. */
  readonly cross: Float64Array;
  /** Σ over values of t². */
  readonly energy: number;
  /** Number of values (3 per sample), to report a mean squared error. */
  readonly rows: number;
}

/** Step of the finite differences: small against a code value (1/255), large against float rounding. */
const STEP = 1e-4;

/** One-sided away from the cube's face, so the colour and its neighbour both stay in gamut. */
const stepFrom = (v: number) => (v + STEP <= 1 ? STEP : -STEP);

/** The 3×3 Jacobian of CIELAB with respect to sRGB-encoded RGB at rgb, row-major (rows L, a, b), into out. */
function labJacobian(rgb: number[], out: Float64Array, at: number): void {
  const base = [0, 0, 0];
  const moved = [0, 0, 0];
  srgbToLab(rgb[0], rgb[1], rgb[2], base);
  for (let c = 0; c < 3; c++) {
    const h = stepFrom(rgb[c]);
    rgb[c] += h;
    srgbToLab(rgb[0], rgb[1], rgb[2], moved);
    rgb[c] -= h;
    for (let row = 0; row < 3; row++) out[at + row * 3 + c] = (moved[row] - base[row]) / h;
  }
}

/** ΔE2000 between rgb and rgb moved by `move` (RGB), both sRGB-encoded. */
function deltaE2000Step(rgb: readonly number[], base: readonly number[], move: readonly number[]): number {
  const lab = [0, 0, 0];
  srgbToLab(rgb[0] + move[0], rgb[1] + move[1], rgb[2] + move[2], lab);
  return deltaE2000(base[0], base[1], base[2], lab[0], lab[1], lab[2]);
}

/**
 * The upper Cholesky factor F (M = FᵀF, row-major) of CIEDE2000's local metric at rgb: M's
 * diagonal from steps along each channel, the rest by polarisation from steps along two.
 * A metric that rounding left not quite positive definite gets a ridge of 10⁻⁶ of its trace.
 */
function deltaE2000Factor(rgb: number[], out: Float64Array, at: number): void {
  const base = [0, 0, 0];
  srgbToLab(rgb[0], rgb[1], rgb[2], base);
  const h = rgb.map(stepFrom);
  const m = new Float64Array(9);
  const along = (c: number, d = -1) =>
    deltaE2000Step(
      rgb,
      base,
      [0, 1, 2].map((k) => (k === c || k === d ? h[k] : 0)),
    ) ** 2;
  for (let c = 0; c < 3; c++) m[c * 4] = along(c) / (h[c] * h[c]);
  for (let c = 0; c < 3; c++)
    for (let d = c + 1; d < 3; d++) m[c * 3 + d] = m[d * 3 + c] = (along(c, d) - h[c] * h[c] * m[c * 4] - h[d] * h[d] * m[d * 4]) / (2 * h[c] * h[d]);
  for (let ridge = 0; !choleskyUpper(m, ridge, out, at);) ridge = ridge === 0 ? 1e-6 * (m[0] + m[4] + m[8]) : ridge * 10;
}

/** F with (M + ridge·I) = FᵀF, F upper triangular, into out; false when M + ridge·I is not positive definite. */
function choleskyUpper(m: Float64Array, ridge: number, out: Float64Array, at: number): boolean {
  const f = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = i; j < 3; j++) {
      let sum = m[i * 3 + j] + (i === j ? ridge : 0);
      for (let k = 0; k < i; k++) sum -= f[k * 3 + i] * f[k * 3 + j];
      if (i === j) {
        if (!(sum > 0)) return false;
        f[i * 3 + i] = Math.sqrt(sum);
      } else f[i * 3 + j] = sum / f[i * 3 + i];
    }
  }
  out.set(f, at);
  return true;
}

/** Per sample, the 3×3 factor F of the fit space at that target colour (row-major), or undefined for plain RGB. */
export function fitSpaceFactors(space: FitSpace, colours: Float32Array): Float64Array | undefined {
  if (space === 'rgb') return undefined;
  const count = colours.length / 3;
  const factors = new Float64Array(count * 9);
  const rgb = [0, 0, 0];
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < 3; c++) rgb[c] = Math.min(1, Math.max(0, colours[n * 3 + c]));
    if (space === 'lab') labJacobian(rgb, factors, n * 9);
    else deltaE2000Factor(rgb, factors, n * 9);
  }
  return factors;
}

/** The values in the fit space: RGB as they are, or each sample multiplied by its factor. */
export function inFitSpace(values: Float32Array, factors: Float64Array | undefined): Float64Array {
  if (!factors) return Float64Array.from(values);
  const out = new Float64Array(values.length);
  for (let n = 0; n < values.length; n += 3) {
    const j = (n / 3) * 9;
    for (let row = 0; row < 3; row++)
      out[n + row] = factors[j + row * 3] * values[n] + factors[j + row * 3 + 1] * values[n + 1] + factors[j + row * 3 + 2] * values[n + 2];
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The normal equations of blends of `outputs` (each already in the fit space) against `target` (likewise). */
export function normalEquations(outputs: readonly Float64Array[], target: Float64Array): NormalEquations {
  const k = outputs.length;
  const gram = new Float64Array(k * k);
  const cross = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    cross[i] = dot(outputs[i], target);
    for (let j = i; j < k; j++) gram[i * k + j] = gram[j * k + i] = dot(outputs[i], outputs[j]);
  }
  return { looks: k, gram, cross, energy: dot(target, target), rows: target.length };
}
