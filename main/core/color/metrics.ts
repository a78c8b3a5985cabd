/**
 * Fidelity metrics between two sets of sRGB-encoded colours, as the NILUT paper reports them
 * (PSNR over [0,1] RGB; "ΔE" = mean CIE76 distance in CIELAB, sRGB D65) plus CIEDE2000.
 */
import { srgbToLab } from './lab.js';
import { deltaE2000, deltaE76 } from './delta-e.js';

export interface DeltaEStats {
  readonly mean: number;
  readonly p95: number;
  readonly max: number;
}

export interface ColourMetrics {
  readonly count: number;
  /** PSNR in dB over [0,1] RGB values, peak 1. Infinity when identical. */
  readonly psnr: number;
  readonly deltaE76: DeltaEStats;
  readonly deltaE2000: DeltaEStats;
}

/** PSNR (dB) between two interleaved RGB arrays of values in [0,1]. */
export function psnr(reference: ArrayLike<number>, test: ArrayLike<number>): number {
  if (reference.length !== test.length) throw new RangeError(`psnr: lengths differ (${reference.length} vs ${test.length})`);
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = reference[i] - test[i];
    sum += d * d;
  }
  const mse = sum / reference.length;
  return mse === 0 ? Infinity : -10 * Math.log10(mse);
}

/** Mean, nearest-rank 95th percentile and maximum of a set of colour differences. */
export function deltaEStats(values: Float64Array): DeltaEStats {
  if (values.length === 0) return { mean: 0, p95: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  // Nearest-rank 95th percentile.
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return { mean: sum / sorted.length, p95, max: sorted[sorted.length - 1] };
}

/**
 * PSNR, ΔE76 and ΔE2000 between reference and test colours (interleaved sRGB-encoded RGB in
 * [0,1], equal lengths). Values outside [0,1] are clamped before the CIELAB conversion, as
 * an 8-bit image would hold them.
 */
export function compareColours(reference: ArrayLike<number>, test: ArrayLike<number>): ColourMetrics {
  const count = Math.floor(reference.length / 3);
  const e76 = new Float64Array(count);
  const e2000 = new Float64Array(count);
  const labA = [0, 0, 0],
    labB = [0, 0, 0];
  const c = (v: number) => (v > 0 ? (v < 1 ? v : 1) : 0);
  for (let i = 0; i < count; i++) {
    const o = i * 3;
    srgbToLab(c(reference[o]), c(reference[o + 1]), c(reference[o + 2]), labA);
    srgbToLab(c(test[o]), c(test[o + 1]), c(test[o + 2]), labB);
    e76[i] = deltaE76(labA[0], labA[1], labA[2], labB[0], labB[1], labB[2]);
    e2000[i] = deltaE2000(labA[0], labA[1], labA[2], labB[0], labB[1], labB[2]);
  }
  return { count, psnr: psnr(reference, test), deltaE76: deltaEStats(e76), deltaE2000: deltaEStats(e2000) };
}
