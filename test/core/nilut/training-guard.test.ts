/**
 * TrainingGuard on its own, over a one-variable problem: it knows nothing of the NILUT's shape,
 * only variables, an optimizer and a loss per step.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reasonOf } from '../../../main/core/errors.js';
import { initBackend } from '../../../main/core/nilut/backend.js';
import { GUARD_DEFAULTS } from '../../../main/core/nilut/fit-defaults.js';
import type { GuardedStep, Recovery } from '../../../main/core/nilut/training-guard.js';
import { DivergedError, recoveryText, TrainingGuard } from '../../../main/core/nilut/training-guard.js';

beforeAll(async () => {
  await initBackend();
});

/** w ← 3 by plain gradient descent on (w − 3)², with `level(step)` added to the loss (no gradient of its own). */
function problem(level: (step: number) => number, settings: Partial<typeof GUARD_DEFAULTS> = {}) {
  const w = tf.tidy(() => tf.variable(tf.tensor1d([0])));
  const recoveries: Recovery[] = [];
  const guard = new TrainingGuard(
    [w],
    () => tf.train.sgd(0.01),
    { ...GUARD_DEFAULTS, ...settings },
    (r) => recoveries.push(r),
  );
  const values: number[] = [];
  const run = (from: number, to: number): GuardedStep[] => {
    const outcomes: GuardedStep[] = [];
    for (let step = from; step < to; step++) {
      values[step] = w.dataSync()[0];
      outcomes.push(guard.step(step, 0.01, () => tf.add(tf.sum(tf.square(tf.sub(w, 3))), level(step)) as tf.Scalar));
    }
    return outcomes;
  };
  const dispose = () => {
    guard.dispose();
    w.dispose();
  };
  return { w, guard, recoveries, values, run, dispose };
}

describe('a training guard', () => {
  it('drops a step whose loss is not a number, restores the last good snapshot and halves the learning rate', () => {
    const p = problem((step) => (step === 250 ? Number.NaN : 0));
    const outcomes = p.run(0, 260);
    const recovered = outcomes.filter((o) => o.kind === 'recovered');
    expect(recovered).toHaveLength(1);
    // Snapshots every 100 steps; the one taken at 200 is not yet confirmed by 100 clean steps.
    expect(p.recoveries).toEqual([expect.objectContaining({ step: 250, restoredStep: 100, kind: 'not-finite', learningRateScale: 0.5, learningRate: 0.005 })]);
    expect(Number.isNaN(p.recoveries[0].loss)).toBe(true);
    expect(p.values[251]).toBe(p.values[100]);
    expect(p.values.slice(0, 250).every(Number.isFinite)).toBe(true);
    expect(recoveryText(p.recoveries[0])).toContain('diverged at step 251');
    p.dispose();
  });

  it('measures a spike against the level the losses had reached, so a slow climb is caught too', () => {
    // The squared error decays towards 0; the added level stands in for what a loss does.
    const climbing = problem((step) => (step < 150 ? 1e-3 : 1e-3 * 1.5 ** (step - 150)));
    climbing.run(0, 200);
    expect(climbing.recoveries.map((r) => r.kind)).toContain('spike');
    const first = climbing.recoveries[0];
    // Caught once the loss is 20 times the level reached, not when one step jumps by 20.
    expect(first.loss / first.baseline).toBeGreaterThan(GUARD_DEFAULTS.spikeFactor);
    expect(first.loss / first.baseline).toBeLessThan(GUARD_DEFAULTS.spikeFactor * 1.5 + 1);
    climbing.dispose();
    const noisy = problem((step) => (step % 7 === 0 ? 5e-3 : 1e-3));
    expect(noisy.run(0, 400).every((o) => o.kind === 'trained')).toBe(true);
    noisy.dispose();
  });

  it('gives up after its last recovery with DivergedError, a rejected fit that names the step', () => {
    const p = problem((step) => (step >= 120 ? Number.POSITIVE_INFINITY : 0), { maxRecoveries: 2 });
    const error = (() => {
      try {
        p.run(0, 200);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DivergedError);
    expect(reasonOf(error)).toBe('rejected');
    expect((error as DivergedError).step).toBe(122);
    expect((error as DivergedError).recoveries).toHaveLength(2);
    expect((error as Error).message).toMatch(/training diverged at step 123 .* after 2 recoveries/);
    p.dispose();
  });

  it('holds the same tensors through steps and recoveries, and none after dispose', () => {
    const before = tf.memory().numTensors;
    const p = problem((step) => (step % 150 === 149 ? Number.NaN : 0), { maxRecoveries: 10 });
    const counts: number[] = [];
    for (let from = 0; from < 1000; from += 100) {
      p.run(from, from + 100);
      counts.push(tf.memory().numTensors);
    }
    expect(p.recoveries.length).toBeGreaterThan(3);
    expect(new Set(counts).size).toBe(1);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scales gradients down to a multiple of their median norm when clipping is on', () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0])));
    const guard = new TrainingGuard([w], () => tf.train.sgd(1), { ...GUARD_DEFAULTS, clipFactor: 2, spikeFactor: Infinity });
    // A loss k·(1000 − w) has the gradient −k: 1 for 20 steps, then 100, clipped to twice the median norm.
    const slope = (k: number) => () => tf.sum(tf.mul(tf.sub(1000, w), k)) as tf.Scalar;
    for (let step = 0; step < 20; step++) guard.step(step, 1, slope(1));
    const before = w.dataSync()[0];
    expect(before).toBeCloseTo(20, 5);
    guard.step(20, 1, slope(100));
    expect(w.dataSync()[0] - before).toBeCloseTo(2, 5);
    guard.dispose();
    w.dispose();
  });
});
