/**
 * Fitting a NILUT to one or more LUTs with Adam on colour pairs sampled from the LUTs.
 * Progress is reported through a callback; an AbortSignal stops it between steps; a seed fixes
 * initialisation and sampling, so a fit is repeatable on the same backend (nothing depends on
 * time, load or how often progress is reported). Every step runs inside tf.tidy, so tensor
 * memory does not grow with the number of steps. A TrainingGuard rolls back a divergence as it
 * happens, and the finished model must pass the fidelity gate, else the fit fails.
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../lut/image-pair.js';
import type { Lut3D } from '../lut/lut.js';
import type { NilutArchitecture } from './architecture.js';
import { initialWeights } from './initialise.js';
import { NilutModel } from './model.js';
import { buildColourPool, sampleBatch } from './training-data.js';
import type { TrainingPairs } from './training-data.js';
import { compareColours } from '../color/metrics.js';
import { throwIfCancelled } from '../errors.js';
import { defaultSteps, FIT_DEFAULTS, GUARD_DEFAULTS } from './fit-defaults.js';
import type { GuardSettings } from './fit-defaults.js';
import { checkFidelity } from './fidelity-gate.js';
import { TrainingGuard } from './training-guard.js';
import type { Recovery } from './training-guard.js';

export type { Recovery };

export interface FitOptions {
  readonly architecture?: Partial<Pick<NilutArchitecture, 'units' | 'layers'>>;
  readonly steps?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** Random colours drawn per fit (plus the 17³ lattice). */
  readonly poolSize?: number;
  /** Share of those drawn in shadows and near-neutrals (training-data.ts). */
  readonly nearNeutralShare?: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: FitProgress) => void;
  /** Report every this many steps. */
  readonly progressEvery?: number;
  /** The worst style's mean ΔE2000 (17³ grid) the model may have; Infinity skips the check. */
  readonly fidelityLimit?: number;
  /** The styles' names, for the fidelity gate's error. */
  readonly styleNames?: readonly string[];
  /** How divergences are caught and rolled back (GUARD_DEFAULTS otherwise). */
  readonly guard?: Partial<GuardSettings>;
}

/** The options that are not training settings (not recorded with the model). */
type NotSettings = 'signal' | 'onProgress' | 'architecture' | 'fidelityLimit' | 'styleNames' | 'guard';

export interface FitProgress {
  readonly step: number;
  readonly steps: number;
  /** Mean squared error of the last batch, in [0,1]² units. */
  readonly loss: number;
  /** PSNR of the last batch in dB (from the loss). */
  readonly psnr: number;
  /** Mean ΔE76 (the paper's metric) and ΔE2000 of the model on the last batch. */
  readonly deltaE76: number;
  readonly deltaE2000: number;
  readonly elapsedSeconds: number;
  readonly etaSeconds: number;
  /** Every divergence rolled back so far. */
  readonly recoveries: readonly Recovery[];
}

export interface FitResult {
  readonly model: NilutModel;
  readonly steps: number;
  readonly seconds: number;
  readonly finalLoss: number;
  /** Every divergence rolled back on the way (the model passed the fidelity gate after them). */
  readonly recoveries: readonly Recovery[];
  readonly settings: Required<Omit<FitOptions, NotSettings>> & { architecture: NilutArchitecture };
}

/** Cosine decay from the peak learning rate to 1% of it, after a short warm-up. */
export function learningRateAt(step: number, steps: number, peak: number): number {
  const warmup = Math.min(100, Math.floor(steps / 20));
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const t = (step - warmup) / Math.max(1, steps - warmup);
  return peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** Colour error of the model on a batch (clamped output, as it will grade images). */
async function batchColourError(model: NilutModel, batch: TrainingPairs) {
  const predicted = tf.tidy(() => model.forward(tf.tensor2d(batch.inputs, [batch.count, batch.width])));
  const values = (await predicted.data()) as Float32Array;
  predicted.dispose();
  return compareColours(batch.targets, values);
}

export async function fitNilut(luts: readonly Lut3D[], options: FitOptions = {}): Promise<FitResult> {
  if (luts.length === 0) throw new RangeError('fitting needs at least one LUT');
  const steps = options.steps ?? defaultSteps(luts.length);
  const batchSize = options.batchSize ?? FIT_DEFAULTS.batchSize;
  const peak = options.learningRate ?? FIT_DEFAULTS.learningRate;
  const seed = options.seed ?? FIT_DEFAULTS.seed;
  const poolSize = options.poolSize ?? FIT_DEFAULTS.poolSize;
  const every = options.progressEvery ?? FIT_DEFAULTS.progressEvery;
  const architecture: NilutArchitecture = {
    styles: luts.length === 1 ? 0 : luts.length,
    units: options.architecture?.units ?? FIT_DEFAULTS.units,
    layers: options.architecture?.layers ?? FIT_DEFAULTS.layers,
  };
  const model = new NilutModel(initialWeights(architecture, seed));
  const nearNeutralShare = options.nearNeutralShare ?? FIT_DEFAULTS.nearNeutralShare;
  const pool = buildColourPool(luts, poolSize, seed + 1, nearNeutralShare);
  const random = seededRandom(seed + 2);
  const guard = new TrainingGuard([...model.kernels, ...model.biases], () => tf.train.adam(peak), { ...GUARD_DEFAULTS, ...options.guard });
  const started = performance.now();
  let finalLoss = Number.NaN;
  let seconds: number;
  let batch = sampleBatch(pool, architecture.styles, batchSize, random);
  const loss = () => {
    const x = tf.tensor2d(batch.inputs, [batchSize, batch.width]);
    const y = tf.tensor2d(batch.targets, [batchSize, 3]);
    return tf.mean(tf.squaredDifference(model.forwardUnclamped(x), y)) as tf.Scalar;
  };
  try {
    for (let step = 0; step < steps; step++) {
      throwIfCancelled(options.signal, `fit cancelled at step ${step}`, step);
      batch = sampleBatch(pool, architecture.styles, batchSize, random, batch);
      const outcome = guard.step(step, learningRateAt(step, steps, peak), loss);
      if (outcome.kind === 'trained') finalLoss = outcome.loss;
      if ((step + 1) % every === 0 || step === steps - 1) {
        const colour = await batchColourError(model, batch);
        const elapsed = (performance.now() - started) / 1000;
        options.onProgress?.({
          step: step + 1,
          steps,
          loss: finalLoss,
          psnr: -10 * Math.log10(finalLoss),
          deltaE76: colour.deltaE76.mean,
          deltaE2000: colour.deltaE2000.mean,
          elapsedSeconds: elapsed,
          etaSeconds: (elapsed / (step + 1)) * (steps - step - 1),
          recoveries: [...guard.recoveries],
        });
        // Yield so a pending abort (Ctrl-C, IPC cancel) can be seen.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    seconds = (performance.now() - started) / 1000;
    const limit = options.fidelityLimit ?? FIT_DEFAULTS.fidelityLimit;
    if (limit !== Infinity) await checkFidelity(model, luts, limit, options.styleNames);
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    guard.dispose();
  }
  return {
    model,
    steps,
    seconds,
    finalLoss,
    recoveries: [...guard.recoveries],
    settings: { steps, batchSize, learningRate: peak, poolSize, nearNeutralShare, seed, progressEvery: every, architecture },
  };
}
