/**
 * Issue 15: a fit that diverges must not end as a broken model without a word. LUT01 on a
 * 32×1 network at a peak learning rate of 0.1 trains well for about 120 steps, then diverges
 * (the loss jumps from about 1e-3 to 4e-2 within 30 steps) and never comes back: without the
 * guard it ends where doing nothing is (ΔE2000 4.8 against LUT01's 5.0 for the untouched colours).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reasonOf } from '../../../main/core/errors.js';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import { initBackend } from '../../../main/core/nilut/backend.js';
import { colourGrid, evaluateStyles } from '../../../main/core/nilut/evaluate.js';
import { assertFaithful, FidelityError } from '../../../main/core/nilut/fidelity-gate.js';
import { GUARD_DEFAULTS } from '../../../main/core/nilut/fit-defaults.js';
import type { FitProgress } from '../../../main/core/nilut/fit.js';
import { fitNilut } from '../../../main/core/nilut/fit.js';
import { DivergedError } from '../../../main/core/nilut/training-guard.js';
import { fixture } from '../../support/paths.js';

const LUT01 = parseCube(readFileSync(fixture('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube').lut;
const DIVERGING = { architecture: { units: 32, layers: 1 }, batchSize: 512, poolSize: 20_000, steps: 1000, learningRate: 0.1 } as const;

beforeAll(async () => {
  await initBackend();
});

async function meanDeltaE2000(model: Parameters<typeof evaluateStyles>[0]): Promise<number> {
  const [style] = await evaluateStyles(model, [LUT01], colourGrid(17));
  return style.metrics.deltaE2000.mean;
}

describe('a fit that diverges', () => {
  it('ends as a broken model when nothing watches it', async () => {
    const result = await fitNilut([LUT01], { ...DIVERGING, fidelityLimit: Infinity, guard: { spikeFactor: Infinity } });
    expect(result.recoveries).toEqual([]);
    expect(await meanDeltaE2000(result.model)).toBeGreaterThan(4);
    result.model.dispose();
  }, 60_000);

  it('is rolled back by the guard, goes on at half the rate, reports it and ends faithful', async () => {
    const events: FitProgress[] = [];
    const result = await fitNilut([LUT01], { ...DIVERGING, onProgress: (e) => events.push(e) });
    expect(result.recoveries.length).toBeGreaterThanOrEqual(1);
    const [first] = result.recoveries;
    expect(first).toMatchObject({ kind: 'spike', learningRateScale: GUARD_DEFAULTS.backoff });
    expect(first.step).toBeGreaterThan(100);
    expect(first.restoredStep).toBeLessThan(first.step);
    expect(first.loss).toBeGreaterThan(GUARD_DEFAULTS.spikeFactor * first.baseline);
    // The next progress report after the recovery carries it; the last carries every one.
    expect(events.find((e) => e.step > first.step)?.recoveries[0]).toEqual(first);
    expect(events.at(-1)?.recoveries).toEqual(result.recoveries);
    expect(await meanDeltaE2000(result.model)).toBeLessThan(1.5);
    result.model.dispose();
  }, 60_000);

  it('fails with DivergedError when every recovery diverges again, keeping no model and no tensors', async () => {
    const before = tf.memory().numTensors;
    const error = await fitNilut([LUT01], { ...DIVERGING, learningRate: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DivergedError);
    expect(reasonOf(error)).toBe('rejected');
    expect((error as DivergedError).recoveries).toHaveLength(GUARD_DEFAULTS.maxRecoveries);
    expect((error as Error).message).toMatch(/^training diverged at step \d+ .*try a lower learning rate$/);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('the fidelity gate at the end of a fit', () => {
  it('refuses a model far from one of its LUTs, naming that style and its ΔE2000', async () => {
    const grey = (await readLutFile(fixture('luts/cube/generated_grayscale_32.cube'))).lut;
    const before = tf.memory().numTensors;
    // Five steps cannot learn black and white (the untouched colours are ΔE2000 24.8 from it).
    const error = await fitNilut([LUT01, grey], { ...DIVERGING, learningRate: 0.01, steps: 5, styleNames: ['LUT01', 'Grey'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FidelityError);
    expect(reasonOf(error)).toBe('rejected');
    expect(error).toMatchObject({ style: 'Grey', limit: 5 });
    expect((error as FidelityError).deltaE2000).toBeGreaterThan(5);
    expect((error as Error).message).toMatch(/does not reproduce Grey: ΔE2000 mean \d+\.\d\d on a 17³ grid, over the limit of 5/);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('takes the worst style, and a style whose colours are not numbers as the worst of all', () => {
    const at = (style: number, mean: number) => ({
      style,
      metrics: { count: 1, psnr: 0, deltaE76: { mean, p95: mean, max: mean }, deltaE2000: { mean, p95: mean, max: mean } },
    });
    expect(() => assertFaithful([at(0, 1), at(1, 4.9)], ['a', 'b'], 5)).not.toThrow();
    expect(() => assertFaithful([at(0, 1), at(1, 7), at(2, 6)], ['a', 'b', 'c'], 5)).toThrow(/does not reproduce b: ΔE2000 mean 7\.00/);
    expect(() => assertFaithful([at(0, 9), at(1, Number.NaN), at(2, 6)], ['a', 'b', 'c'], 5)).toThrow(/does not reproduce b: ΔE2000 mean NaN/);
  });

  it('lets a short fit through when its model is near its LUT', async () => {
    const result = await fitNilut([LUT01], { ...DIVERGING, learningRate: 0.01, steps: 200 });
    expect(await meanDeltaE2000(result.model)).toBeLessThan(5);
    result.model.dispose();
  }, 60_000);
});
