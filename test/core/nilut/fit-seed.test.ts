/**
 * "Same seed, same backend → same model" (the CLI's --seed help), whatever else the process is
 * doing: how often progress is read and yielded, another fit sharing the engine between those
 * yields, a divergence rolled back on the way. Compared bit for bit.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import type { NilutWeights } from '../../../main/core/nilut/architecture.js';
import { initBackend } from '../../../main/core/nilut/backend.js';
import type { FitOptions } from '../../../main/core/nilut/fit.js';
import { fitNilut } from '../../../main/core/nilut/fit.js';
import { fixture } from '../../support/paths.js';

const LUT01 = parseCube(readFileSync(fixture('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube').lut;
const SMALL = { architecture: { units: 32, layers: 1 }, batchSize: 512, poolSize: 20_000, steps: 300, seed: 5 } as const;

function coolLook(): Lut3D {
  const lut = identityLut(9);
  return { ...lut, data: lut.data.map((v, i) => 0.08 + 0.85 * v + (i % 3 === 2 ? 0.05 : i % 3 === 0 ? -0.04 : 0)) };
}

async function weightsOf(luts: readonly Lut3D[], options: FitOptions): Promise<{ weights: NilutWeights; recoveries: number }> {
  const result = await fitNilut(luts, options);
  const weights = await result.model.readWeights();
  result.model.dispose();
  return { weights, recoveries: result.recoveries.length };
}

function bytesOf(weights: NilutWeights): Buffer[] {
  return weights.dense.flatMap((d) => [Buffer.from(d.weight.buffer), Buffer.from(d.bias.buffer)]);
}

beforeAll(async () => {
  await initBackend();
});

describe('a seeded fit', () => {
  it('gives the same weights whether progress is reported every 3 steps or every 100', async () => {
    const every = await weightsOf([LUT01], { ...SMALL, progressEvery: 3 });
    const seldom = await weightsOf([LUT01], { ...SMALL, progressEvery: 100 });
    expect(bytesOf(every.weights)).toEqual(bytesOf(seldom.weights));
  }, 60_000);

  it('gives the same weights while another fit runs in the same engine between its yields', async () => {
    const alone = await weightsOf([LUT01, coolLook()], { ...SMALL, progressEvery: 10 });
    const [together] = await Promise.all([
      weightsOf([LUT01, coolLook()], { ...SMALL, progressEvery: 10 }),
      weightsOf([coolLook()], { ...SMALL, seed: 9, progressEvery: 7 }),
    ]);
    expect(bytesOf(together.weights)).toEqual(bytesOf(alone.weights));
  }, 60_000);

  it('gives the same weights through a divergence rolled back on the way', async () => {
    const diverging = { ...SMALL, steps: 400, learningRate: 0.5, seed: 1 };
    const a = await weightsOf([LUT01], diverging);
    const b = await weightsOf([LUT01], { ...diverging, progressEvery: 7 });
    expect(a.recoveries).toBeGreaterThan(0);
    expect(b.recoveries).toBe(a.recoveries);
    expect(bytesOf(b.weights)).toEqual(bytesOf(a.weights));
  }, 60_000);
});
