import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../main/core/nilut/backend.js';
import { NilutModel, evaluateModel } from '../../../main/core/nilut/model.js';
import { readJsonF32Weights } from '../../../main/core/nilut/reference-weights.js';
import { fixture } from '../../support/paths.js';

function referenceRows(): number[][] {
  return readFileSync(fixture('nilut-paper/nilutx3style.reference.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
}

/** Worst per-channel difference between the model and the independent NumPy outputs. */
async function worstDifference(model: NilutModel): Promise<number> {
  const rows = referenceRows();
  let worst = 0;
  // Rows have their own blend weights; group them by weights to evaluate in batches.
  const groups = new Map<string, number[][]>();
  for (const row of rows) {
    const key = row.slice(3, 6).join(',');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    const rgb = Float32Array.from(group.flatMap((r) => r.slice(0, 3)));
    const out = await evaluateModel(model, rgb, key.split(',').map(Number));
    group.forEach((row, i) => {
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out[i * 3 + c] - row[6 + c]));
    });
  }
  return worst;
}

beforeAll(async () => {
  await initBackend();
});

describe("the paper's pretrained 3-style NILUT", () => {
  it('loads from JSON + f32 as K=3, H=256, L=2 and reproduces all 4096 reference rows within 1e-5', async () => {
    const weights = await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json'));
    expect(weights.architecture).toEqual({ styles: 3, units: 256, layers: 2 });
    expect(weights.styleNames).toEqual(['LUT01', 'LUT03', 'LUT04']);
    const model = new NilutModel(weights);
    expect(referenceRows()).toHaveLength(4096);
    expect(await worstDifference(model)).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });
});

describe('importing the original PyTorch checkpoint', () => {
  it('reads nilutx3style.pt safely and reproduces all 4096 reference rows within 1e-5', async () => {
    const { readPytorchCheckpoint } = await import('../../../main/core/nilut/pytorch-import.js');
    const weights = await readPytorchCheckpoint(fixture('nilut-paper/nilutx3style.pt'));
    expect(weights.architecture).toEqual({ styles: 3, units: 256, layers: 2 });
    const model = new NilutModel(weights);
    expect(await worstDifference(model)).toBeLessThanOrEqual(1e-5);
    model.dispose();
  });

  it('refuses a pickle that names any other global, without running it', async () => {
    const { readPickle, PickleError } = await import('../../../main/core/nilut/pickle.js');
    // protocol 2: GLOBAL 'os system', SHORT_BINUNICODE 'echo', TUPLE1, REDUCE, STOP
    const evil = Uint8Array.from([0x80, 2, 0x63, ...Buffer.from('os\nsystem\n'), 0x8c, 4, ...Buffer.from('echo'), 0x85, 0x52, 0x2e]);
    expect(() => readPickle(evil)).toThrow(PickleError);
    expect(() => readPickle(evil)).toThrow(/refusing global os system/);
  });
});

describe('fidelity of the pretrained model on the hald pair', () => {
  it('reaches the measured 43.5 dB (± 0.1) with weights [1, 0, 0] over 200,000 random pixels', async () => {
    const { readImagePair } = await import('../../../main/core/lut/image-pair.js');
    const { psnr } = await import('../../../main/core/color/metrics.js');
    const pairs = await readImagePair(fixture('nilut-paper/hald-identity-128.png'), fixture('nilut-paper/hald-LUT01.png'), { maxPairs: 200_000, seed: 1 });
    const model = new NilutModel(await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json')));
    const out = await evaluateModel(model, pairs.inputs, [1, 0, 0]);
    const value = psnr(pairs.targets, out);
    expect(Math.abs(value - 43.5)).toBeLessThanOrEqual(0.1);
    expect(psnr(pairs.targets, pairs.inputs)).toBeCloseTo(23.3, 0);
    model.dispose();
  }, 120_000);
});

describe('baking the pretrained model', () => {
  it('bakes a 33³ blend that stays close to the network itself (ΔE2000) and finer lattices get closer', async () => {
    const { bakeModel } = await import('../../../main/core/nilut/bake.js');
    const { bakedVersusDirect } = await import('../../../main/core/nilut/evaluate.js');
    const model = new NilutModel(await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json')));
    let s = 9;
    const colours = Float32Array.from({ length: 3 * 20_000 }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const blend = [0.2, 0.3, 0.5];
    const coarse = await bakedVersusDirect(model, await bakeModel(model, blend, 9), blend, colours);
    const fine = await bakedVersusDirect(model, await bakeModel(model, blend, 33), blend, colours);
    expect(fine.deltaE2000.mean).toBeLessThan(coarse.deltaE2000.mean);
    expect(fine.deltaE2000.mean).toBeLessThan(0.5);
    model.dispose();
  }, 120_000);
});
