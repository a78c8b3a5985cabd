import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { initBackend } from '../../../main/core/nilut/backend.js';
import { bakeModel } from '../../../main/core/nilut/bake.js';
import { colourGrid, evaluateBlends, evaluateStyles } from '../../../main/core/nilut/evaluate.js';
import { Cancelled, isCancelled } from '../../../main/core/errors.js';
import { fitNilut, learningRateAt } from '../../../main/core/nilut/fit.js';
import type { FitProgress } from '../../../main/core/nilut/fit.js';
import { fixture } from '../../support/paths.js';

const LUT01 = parseCube(readFileSync(fixture('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube').lut;

/** A simple second look made in code: cool, lifted blacks. */
function coolLook(): Lut3D {
  const lut = identityLut(9);
  return { ...lut, data: lut.data.map((v, i) => 0.08 + 0.85 * v + (i % 3 === 2 ? 0.05 : i % 3 === 0 ? -0.04 : 0)) };
}

const SMALL = { architecture: { units: 32, layers: 1 }, batchSize: 512, poolSize: 20_000 } as const;

beforeAll(async () => {
  await initBackend();
});

describe('fitting a NILUT', () => {
  it('learns LUT01 well past doing nothing, reporting progress, with flat tensor memory', async () => {
    const events: FitProgress[] = [];
    const before = tf.memory().numTensors;
    const result = await fitNilut([LUT01], { ...SMALL, steps: 600, onProgress: (e) => events.push(e) });
    expect(result.model.architecture).toEqual({ styles: 0, units: 32, layers: 1 });
    expect(events.map((e) => e.step)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(events.at(-1)!.etaSeconds).toBe(0);
    const [style] = await evaluateStyles(result.model, [LUT01], colourGrid(17));
    const [identity] = await evaluateStyles(result.model, [identityLut(2)], colourGrid(17));
    // Better than the untouched colours by a wide margin: the fit learned the look.
    expect(style.metrics.psnr).toBeGreaterThan(identity.metrics.psnr + 8);
    // Only the model's own variables remain.
    expect(tf.memory().numTensors - before).toBe(result.model.kernels.length * 2);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('keeps tensor memory flat over 10,000 steps', async () => {
    const counts: number[] = [];
    const result = await fitNilut([LUT01], {
      architecture: { units: 8, layers: 1 },
      batchSize: 32,
      poolSize: 2_000,
      steps: 10_000,
      progressEvery: 1_000,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    expect(counts).toHaveLength(10);
    expect(new Set(counts).size).toBe(1);
    result.model.dispose();
  }, 300_000);

  it('gives the same model for the same seed, another for another seed', async () => {
    const a = await fitNilut([LUT01], { ...SMALL, steps: 50, seed: 3 });
    const b = await fitNilut([LUT01], { ...SMALL, steps: 50, seed: 3 });
    const c = await fitNilut([LUT01], { ...SMALL, steps: 50, seed: 4 });
    const [wa, wb, wc] = await Promise.all([a, b, c].map((r) => r.model.readWeights()));
    expect(wa.dense[0].weight).toEqual(wb.dense[0].weight);
    expect(wa.dense[2].bias).toEqual(wb.dense[2].bias);
    expect(wa.dense[0].weight).not.toEqual(wc.dense[0].weight);
    for (const r of [a, b, c]) r.model.dispose();
  }, 120_000);

  it('stops at the next step when its signal is aborted', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = fitNilut([LUT01], {
      ...SMALL,
      steps: 100_000,
      progressEvery: 10,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step >= 30) controller.abort();
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect(isCancelled(error) && error.reason).toBe('cancelled');
    expect((error as Cancelled).done).toBe(30);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('learns two styles and the blends between them', async () => {
    const cool = coolLook();
    const result = await fitNilut([LUT01, cool], { ...SMALL, steps: 800 });
    expect(result.model.architecture.styles).toBe(2);
    const grid = colourGrid(9);
    const styles = await evaluateStyles(result.model, [LUT01, cool], grid);
    const blends = await evaluateBlends(result.model, [LUT01, cool], grid, 5);
    for (const s of styles) expect(s.metrics.deltaE2000.mean).toBeLessThan(3);
    for (const b of blends) expect(b.metrics.deltaE2000.mean).toBeLessThan(3);
    // A half-half blend baked to a LUT lies between the two styles.
    const half = await bakeModel(result.model, [1, 1], 5);
    const a = await bakeModel(result.model, [1, 0], 5);
    const b = await bakeModel(result.model, [0, 1], 5);
    let between = 0;
    for (let i = 0; i < half.data.length; i++)
      if (half.data[i] >= Math.min(a.data[i], b.data[i]) - 0.02 && half.data[i] <= Math.max(a.data[i], b.data[i]) + 0.02) between++;
    expect(between / half.data.length).toBeGreaterThan(0.95);
    result.model.dispose();
  }, 180_000);

  it('warms up, then decays the learning rate to 1% of its peak', () => {
    expect(learningRateAt(0, 1000, 1)).toBeCloseTo(1 / 50, 6);
    expect(learningRateAt(49, 1000, 1)).toBeCloseTo(1, 6);
    expect(learningRateAt(999, 1000, 1)).toBeCloseTo(0.01, 3);
  });
});

describe('a fit as an event stream', () => {
  it('yields progress with the current colour error, then the result', async () => {
    const { fitEvents } = await import('../../../main/core/nilut/fit-events.js');
    const kinds: string[] = [];
    let lastDeltaE = Infinity;
    let firstDeltaE = 0;
    for await (const event of fitEvents([LUT01], { ...SMALL, steps: 300 })) {
      kinds.push(event.type);
      if (event.type === 'progress') {
        if (firstDeltaE === 0) firstDeltaE = event.progress.deltaE2000;
        lastDeltaE = event.progress.deltaE2000;
        expect(event.progress.deltaE76).toBeGreaterThan(0);
      }
      if (event.type === 'done') event.result.model.dispose();
    }
    expect(kinds).toEqual(['progress', 'progress', 'progress', 'done']);
    expect(lastDeltaE).toBeLessThan(firstDeltaE);
  }, 60_000);
});
