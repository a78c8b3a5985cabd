/**
 * The looks' outputs at the sample colours as the normal equations of a blend: G = YᵀY,
 * b = Yᵀt, c = tᵀt, where column i of Y is look i's outputs and t the target's. A blend's
 * squared error ‖Yw − t‖² is then wᵀGw − 2bᵀw + c, whatever the number of samples, so every
 * support of the search costs a K×K solve, not a pass over the colours.
 *
 * The fit space. A blend mixes sRGB-encoded outputs, so its error is linear in the weights
 * only in RGB. But equal RGB errors are not equally visible: in the shadows one code value is
 * several ΔE. 'lab' weights each sample's RGB error by the Jacobian J of CIELAB at the target
 * colour, ‖J(y − t)‖ ≈ ΔE76 for small errors, which keeps the problem quadratic and linear in
 * the weights while measuring error nearly as the reported ΔE2000 does (bench:match compares
 * the two spaces).
 */
import { srgbToLab } from '../color/lab.js';

export type FitSpace = 'rgb' | 'lab';

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

/** Step of the finite differences of CIELAB: small against a code value (1/255), large against float rounding. */
const STEP = 1e-4;

/** Per sample, the 3×3 Jacobian of CIELAB with respect to sRGB-encoded RGB at that colour (row-major, L/a/b rows). */
export function labJacobians(colours: Float32Array): Float64Array {
  const count = colours.length / 3;
  const jacobians = new Float64Array(count * 9);
  const base = [0, 0, 0];
  const moved = [0, 0, 0];
  const rgb = [0, 0, 0];
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < 3; c++) rgb[c] = Math.min(1, Math.max(0, colours[n * 3 + c]));
    srgbToLab(rgb[0], rgb[1], rgb[2], base);
    for (let c = 0; c < 3; c++) {
      // One-sided away from the cube's face: the colour and its neighbour both stay in gamut.
      const h = rgb[c] + STEP <= 1 ? STEP : -STEP;
      rgb[c] += h;
      srgbToLab(rgb[0], rgb[1], rgb[2], moved);
      rgb[c] -= h;
      for (let row = 0; row < 3; row++) jacobians[n * 9 + row * 3 + c] = (moved[row] - base[row]) / h;
    }
  }
  return jacobians;
}

/** The values in the fit space: RGB as they are, or each sample multiplied by its Jacobian. */
export function inFitSpace(values: Float32Array, jacobians: Float64Array | undefined): Float64Array {
  if (!jacobians) return Float64Array.from(values);
  const out = new Float64Array(values.length);
  for (let n = 0; n < values.length; n += 3) {
    const j = (n / 3) * 9;
    for (let row = 0; row < 3; row++)
      out[n + row] = jacobians[j + row * 3] * values[n] + jacobians[j + row * 3 + 1] * values[n + 1] + jacobians[j + row * 3 + 2] * values[n + 2];
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
