/**
 * A watch over a training loop that catches a divergence as it happens and rolls it back. It
 * knows only a list of variables, an optimizer it can make afresh and a loss per step, so any
 * network shape can use it.
 *
 * Every step it reads the loss (never negative: a mean squared error) before the gradients are
 * applied; that sync costs nothing measurable on the wasm backend. A loss that is not finite,
 * or above `spikeFactor` × the baseline, is a divergence: that step's update is dropped, the
 * last good weights come back, the learning rate is cut by `backoff` and training goes on;
 * after `maxRecoveries` it gives up with DivergedError. The baseline is the lowest median of
 * `baselineWindow` consecutive losses seen so far (the level the training had reached), so a
 * climb over many steps is caught as surely as a jump, and a climb's losses never raise the bar.
 *
 * "Good" weights are a snapshot taken every `snapshotEvery` steps that then trained cleanly for
 * `snapshotEvery` more steps: the weights just before a spike are often already on its slope.
 * On recovery the optimizer is made afresh rather than rewound: its moments then hold the
 * spike's gradients (Adam's second moment inflated, the first pointing along the spike), and
 * rewinding them needs state no optimizer exposes for assignment (Adam's setWeights replaces
 * its moment variables without disposing them). A fresh Adam's first updates are its largest
 * (about ±lr per parameter), so the rate ramps back up over `rewarmSteps`, as at the start.
 */
import * as tf from '@tensorflow/tfjs';
import { NilutError } from '../errors.js';
import type { GuardSettings } from './fit-defaults.js';
import { GUARD_DEFAULTS } from './fit-defaults.js';

export type { GuardSettings };

export type DivergenceKind = 'not-finite' | 'spike';

/** One divergence caught and rolled back. */
export interface Recovery {
  /** The step whose loss showed the divergence (0-based). */
  readonly step: number;
  /** How many steps the restored weights had trained. */
  readonly restoredStep: number;
  readonly kind: DivergenceKind;
  /** The baseline (the level the losses had reached) and the loss that broke away from it. */
  readonly baseline: number;
  readonly loss: number;
  /** The factor now applied to the caller's learning rate (backoff^recoveries). */
  readonly learningRateScale: number;
  /** The learning rate the step would have had, times that factor. */
  readonly learningRate: number;
}

export type GuardedStep = { readonly kind: 'trained'; readonly loss: number } | { readonly kind: 'recovered'; readonly recovery: Recovery };

/** A recovery as a sentence for people (the doors print it; the data are the fields). */
export function recoveryText(r: Recovery): string {
  return (
    `training diverged at step ${r.step + 1} (loss ${r.baseline.toExponential(2)} → ${r.loss.toExponential(2)}); ` +
    `went back to ${r.restoredStep === 0 ? 'its initial weights' : `the weights it had after ${r.restoredStep} steps`} and goes on at learning rate ${r.learningRate.toExponential(2)} (${r.learningRateScale}× its schedule)`
  );
}

/** A training run that kept diverging after every recovery it was allowed. */
export class DivergedError extends NilutError {
  override name = 'DivergedError';
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly baseline: number,
    readonly recoveries: readonly Recovery[],
  ) {
    super(
      'rejected',
      `training diverged at step ${step + 1} (loss ${loss.toExponential(2)} after ${baseline.toExponential(2)}) and still diverged after ` +
        `${recoveries.length} recover${recoveries.length === 1 ? 'y' : 'ies'} at a learning rate cut to ${(recoveries.at(-1)?.learningRateScale ?? 1).toPrecision(2)}× ` +
        'its setting; nothing was kept: try a lower learning rate',
    );
  }
}

/** Weights, and the baseline as it stood when they were taken. */
interface Snapshot {
  readonly step: number;
  readonly tensors: tf.Tensor[];
  readonly losses: readonly number[];
  readonly baseline: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export class TrainingGuard {
  private optimizerNow: tf.Optimizer;
  private losses: number[] = [];
  private lowestMedian = Infinity;
  private readonly norms: number[] = [];
  private good: Snapshot;
  private pending: Snapshot | undefined;
  private scale = 1;
  private recoveredAt = -Infinity;
  readonly recoveries: Recovery[] = [];

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly makeOptimizer: () => tf.Optimizer,
    private readonly settings: GuardSettings = GUARD_DEFAULTS,
    private readonly onRecovery?: (recovery: Recovery) => void,
  ) {
    this.optimizerNow = makeOptimizer();
    this.good = this.snapshot(0);
  }

  get optimizer(): tf.Optimizer {
    return this.optimizerNow;
  }

  /** The loss level spikes are measured against (Infinity before any step). */
  get baseline(): number {
    return this.lowestMedian;
  }

  /**
   * One step at `learningRate` (the caller's schedule; the guard applies its own cut): the loss
   * and its gradients, then either the update or, on a divergence, a recovery.
   */
  step(step: number, learningRate: number, loss: () => tf.Scalar): GuardedStep {
    this.advanceSnapshots(step);
    const { value, grads } = tf.tidy(() => tf.variableGrads(loss, [...this.variables]));
    try {
      const lossValue = value.dataSync()[0];
      const kind = this.divergence(lossValue);
      if (kind) return { kind: 'recovered', recovery: this.recover(step, learningRate, lossValue, kind) };
      this.apply(grads, learningRate * this.scale * this.rewarm(step));
      this.remember(this.losses, lossValue);
      this.lowestMedian = Math.min(this.lowestMedian, median(this.losses));
      return { kind: 'trained', loss: lossValue };
    } finally {
      value.dispose();
      tf.dispose(grads);
    }
  }

  dispose(): void {
    this.optimizerNow.dispose();
    tf.dispose(this.good.tensors);
    if (this.pending) tf.dispose(this.pending.tensors);
  }

  private divergence(loss: number): DivergenceKind | undefined {
    if (!Number.isFinite(loss)) return 'not-finite';
    if (this.losses.length < this.settings.baselineMinimum) return undefined;
    return loss > this.settings.spikeFactor * this.baseline ? 'spike' : undefined;
  }

  /** Clipped to `clipFactor` × the median recent gradient norm, then handed to the optimizer. */
  private apply(grads: tf.NamedTensorMap, learningRate: number): void {
    // SGD and momentum hold the rate as a tensor behind setLearningRate; Adam and the others read the field.
    const optimizer = this.optimizerNow as unknown as { learningRate: number; setLearningRate?: (rate: number) => void };
    if (optimizer.setLearningRate) optimizer.setLearningRate(learningRate);
    else optimizer.learningRate = learningRate;
    if (!Number.isFinite(this.settings.clipFactor)) {
      this.optimizerNow.applyGradients(grads);
      return;
    }
    tf.tidy(() => {
      const names = Object.keys(grads);
      const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))).dataSync()[0];
      const limit = this.norms.length < this.settings.baselineMinimum ? Infinity : this.settings.clipFactor * median(this.norms);
      this.remember(this.norms, Math.min(norm, limit));
      if (norm <= limit) return this.optimizerNow.applyGradients(grads);
      const clipped: tf.NamedTensorMap = {};
      for (const n of names) clipped[n] = tf.mul(grads[n], limit / norm);
      this.optimizerNow.applyGradients(clipped);
    });
  }

  private rewarm(step: number): number {
    return Math.min(1, (step - this.recoveredAt) / this.settings.rewarmSteps);
  }

  private remember(list: number[], value: number): void {
    list.push(value);
    if (list.length > this.settings.baselineWindow) list.shift();
  }

  private recover(step: number, learningRate: number, loss: number, kind: DivergenceKind): Recovery {
    const baseline = this.baseline;
    if (this.recoveries.length >= this.settings.maxRecoveries) throw new DivergedError(step, loss, baseline, this.recoveries);
    this.variables.forEach((v, i) => v.assign(this.good.tensors[i]));
    this.losses = [...this.good.losses];
    this.lowestMedian = this.good.baseline;
    // The pending snapshot may hold the slope into the spike: it becomes a copy of the good one
    // (so the count of tensors held stays the same through a recovery).
    if (this.pending) tf.dispose(this.pending.tensors);
    this.pending = { ...this.good, tensors: this.good.tensors.map((t) => tf.clone(t)) };
    this.optimizerNow.dispose();
    this.optimizerNow = this.makeOptimizer();
    this.scale *= this.settings.backoff;
    this.recoveredAt = step;
    const recovery: Recovery = {
      step,
      restoredStep: this.good.step,
      kind,
      baseline,
      loss,
      learningRateScale: this.scale,
      learningRate: learningRate * this.scale,
    };
    this.recoveries.push(recovery);
    this.onRecovery?.(recovery);
    return recovery;
  }

  /** Every `snapshotEvery` steps the pending snapshot, clean since it was taken (a recovery replaces it), becomes the good one. */
  private advanceSnapshots(step: number): void {
    if (step % this.settings.snapshotEvery !== 0) return;
    if (this.pending) {
      tf.dispose(this.good.tensors);
      this.good = this.pending;
    }
    this.pending = this.snapshot(step);
  }

  private snapshot(step: number): Snapshot {
    return { step, tensors: this.variables.map((v) => tf.clone(v)), losses: [...this.losses], baseline: this.lowestMedian };
  }
}
