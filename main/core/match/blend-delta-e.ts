/**
 * ΔE2000 of blends against one target, many times over: the target's CIELAB is computed once,
 * and only ΔE2000 (no ΔE76, no PSNR) per blend, since the candidates of a match are all
 * measured on the same colours.
 */
import { deltaE2000 } from '../color/delta-e.js';
import { srgbToLab } from '../color/lab.js';
import type { DeltaEStats } from '../color/metrics.js';
import { deltaEStats } from '../color/metrics.js';

const clamp01 = (v: number) => (v > 0 ? (v < 1 ? v : 1) : 0);

/** CIELAB of sRGB-encoded colours (count × 3), clamped to [0, 1] as an image holds them. */
export function labOf(colours: Float32Array): Float64Array {
  const lab = new Float64Array(colours.length);
  for (let o = 0; o < colours.length; o += 3) srgbToLab(clamp01(colours[o]), clamp01(colours[o + 1]), clamp01(colours[o + 2]), lab, o);
  return lab;
}

/** ΔE2000 between the target (its CIELAB) and the colours, as compareColours reports it. */
export function deltaE2000Against(targetLab: Float64Array, colours: Float32Array): DeltaEStats {
  const differences = new Float64Array(colours.length / 3);
  const lab = [0, 0, 0];
  for (let n = 0, o = 0; o < colours.length; n++, o += 3) {
    srgbToLab(clamp01(colours[o]), clamp01(colours[o + 1]), clamp01(colours[o + 2]), lab);
    differences[n] = deltaE2000(targetLab[o], targetLab[o + 1], targetLab[o + 2], lab[0], lab[1], lab[2]);
  }
  return deltaEStats(differences);
}
