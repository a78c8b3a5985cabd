/**
 * Turning a finished fit into what is stored: the model's fidelity on a 17³ colour grid
 * against its source LUTs, and the .nilut header that records the styles, the training
 * settings and those metrics. Shared by `nilut fit` and the library's fit jobs.
 */
import type { Lut3D } from '../lut/lut.js';
import { colourGrid, evaluateStyles, meanOf } from './evaluate.js';
import type { FitResult } from './fit.js';
import type { NilutHeader, StyleInfo } from './nilut-file.js';
import { encodeNilut } from './nilut-file.js';

export interface FitMetrics {
  readonly grid: string;
  readonly psnr: number;
  readonly deltaE76: number;
  readonly deltaE2000: number;
  readonly deltaE2000Max: number;
}

export async function measureFit(result: FitResult, luts: readonly Lut3D[]): Promise<FitMetrics> {
  const evaluation = await evaluateStyles(result.model, luts, colourGrid(17));
  return {
    grid: '17³',
    psnr: meanOf(evaluation, (m) => m.psnr),
    deltaE76: meanOf(evaluation, (m) => m.deltaE76.mean),
    deltaE2000: meanOf(evaluation, (m) => m.deltaE2000.mean),
    deltaE2000Max: Math.max(...evaluation.map((e) => e.metrics.deltaE2000.max)),
  };
}

export function fittedHeader(
  result: FitResult,
  styles: readonly StyleInfo[],
  backend: string,
  metrics: FitMetrics,
  dtype: 'float32' | 'float16' = 'float32',
): Omit<NilutHeader, 'formatVersion' | 'architecture'> {
  return {
    dtype,
    styles: [...styles],
    training: { ...result.settings, seconds: result.seconds, backend, finalLoss: result.finalLoss },
    metrics: { ...metrics },
    created: new Date().toISOString(),
    software: 'NILUT Studio',
  };
}

/** The .nilut bytes of a finished fit, with its metrics measured. */
export async function encodeFittedModel(
  result: FitResult,
  luts: readonly Lut3D[],
  styles: readonly StyleInfo[],
  backend: string,
  dtype: 'float32' | 'float16' = 'float32',
) {
  const metrics = await measureFit(result, luts);
  const header = fittedHeader(result, styles, backend, metrics, dtype);
  const weights = await result.model.readWeights();
  return { bytes: encodeNilut(weights, header), header, weights, metrics };
}
