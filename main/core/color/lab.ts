/**
 * sRGB-encoded RGB ↔ CIE 1976 L*a*b* under D65, the space of the paper's ΔE metric
 * (NILUT's evaluation code converts sRGB with a D65 white point).
 */
import { linearToSrgb, srgbToLinear } from './srgb.js';

// IEC 61966-2-1 sRGB → XYZ (D65) matrix.
const M = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041] as const;

/** XYZ → linear sRGB: the inverse of M, computed from it so the two cannot disagree. */
const M_INVERSE = invert3x3(M);

function invert3x3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d].map(
    (v) => v / det,
  );
}

// D65 reference white, the Y = 1 normalisation of the same matrix's row sums.
const WHITE_X = M[0] + M[1] + M[2];
const WHITE_Y = M[3] + M[4] + M[5];
const WHITE_Z = M[6] + M[7] + M[8];

// CIE 15: ε = (6/29)³, κ-based linear segment below it.
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** Writes L*, a*, b* of the sRGB-encoded colour (r, g, b in [0,1]) into out[offset..offset+2]. */
export function srgbToLab(r: number, g: number, b: number, out: Float64Array | number[], offset = 0): void {
  const lr = srgbToLinear(r),
    lg = srgbToLinear(g),
    lb = srgbToLinear(b);
  const fx = f((M[0] * lr + M[1] * lg + M[2] * lb) / WHITE_X);
  const fy = f((M[3] * lr + M[4] * lg + M[5] * lb) / WHITE_Y);
  const fz = f((M[6] * lr + M[7] * lg + M[8] * lb) / WHITE_Z);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

function fInverse(t: number): number {
  return t > 6 / 29 ? t * t * t : (116 * t - 16) / KAPPA;
}

/**
 * The inverse of srgbToLab: writes the sRGB-encoded colour of (L*, a*, b*) into
 * out[offset..offset+2], unclamped (a colour outside the sRGB gamut comes out below 0 or above 1).
 */
export function labToSrgb(l: number, a: number, b: number, out: Float64Array | Float32Array | number[], offset = 0): void {
  const fy = (l + 16) / 116;
  const x = fInverse(fy + a / 500) * WHITE_X;
  const y = fInverse(fy) * WHITE_Y;
  const z = fInverse(fy - b / 200) * WHITE_Z;
  for (let c = 0; c < 3; c++) {
    const linear = M_INVERSE[c * 3] * x + M_INVERSE[c * 3 + 1] * y + M_INVERSE[c * 3 + 2] * z;
    out[offset + c] = linearToSrgb(linear);
  }
}
