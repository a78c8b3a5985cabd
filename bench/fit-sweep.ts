/**
 * bench:fit-sweep — the measurements behind FIT_DEFAULTS: fits LUT01.cube with several
 * widths, depths, batch sizes and learning rates under the same budget of training colours,
 * and prints seconds and PSNR on the paper's hald pair, so the best fidelity per second of
 * fitting on this machine can be read off.
 */
import path from 'node:path';
import { psnr } from '../main/core/color/metrics.js';
import { readImagePair } from '../main/core/lut/image-pair.js';
import { readLutFile } from '../main/core/lut/lut-file.js';
import { parameterCount } from '../main/core/nilut/architecture.js';
import { initBackend } from '../main/core/nilut/backend.js';
import { fitNilut } from '../main/core/nilut/fit.js';
import { evaluateModel } from '../main/core/nilut/model.js';
import { FIXTURES } from './paths.js';

const BUDGET = Number(process.env.SWEEP_POINTS ?? 3_000_000);

const ALL_CONFIGS = [
  { units: 64, layers: 2, batch: 2048, lr: 5e-3 },
  { units: 128, layers: 1, batch: 2048, lr: 5e-3 },
  { units: 128, layers: 2, batch: 2048, lr: 5e-3 },
  { units: 128, layers: 2, batch: 1024, lr: 5e-3 },
  { units: 128, layers: 2, batch: 4096, lr: 5e-3 },
  { units: 128, layers: 2, batch: 2048, lr: 2e-3 },
  { units: 128, layers: 2, batch: 2048, lr: 1e-2 },
  { units: 96, layers: 3, batch: 2048, lr: 5e-3 },
  { units: 128, layers: 2, batch: 1024, lr: 1e-2 },
  { units: 128, layers: 2, batch: 512, lr: 5e-3 },
];

/** SWEEP_ONLY=9,10 runs a subset (indices into the list above). */
const CONFIGS = process.env.SWEEP_ONLY ? process.env.SWEEP_ONLY.split(',').map((i) => ALL_CONFIGS[Number(i)]) : ALL_CONFIGS;

async function main(): Promise<void> {
  const backend = await initBackend();
  const lut = (await readLutFile(path.join(FIXTURES, 'nilut-paper/LUT01.cube'))).lut;
  const pairs = await readImagePair(path.join(FIXTURES, 'nilut-paper/hald-identity-128.png'), path.join(FIXTURES, 'nilut-paper/hald-LUT01.png'), {
    maxPairs: 200_000,
    seed: 1,
  });
  console.log(`bench:fit-sweep — LUT01, ${BUDGET} training colours per configuration, backend ${backend.name}`);
  console.log('units layers batch lr       params  steps  seconds  hald-PSNR  dB-per-minute');
  for (const c of CONFIGS) {
    const steps = Math.round(BUDGET / c.batch);
    const fit = await fitNilut([lut], { architecture: { units: c.units, layers: c.layers }, batchSize: c.batch, learningRate: c.lr, steps });
    const value = psnr(pairs.targets, await evaluateModel(fit.model, pairs.inputs, []));
    console.log(
      `${String(c.units).padStart(5)} ${String(c.layers).padStart(6)} ${String(c.batch).padStart(5)} ${c.lr.toExponential(0).padEnd(8)} ${String(parameterCount(fit.model.architecture)).padStart(6)} ${String(steps).padStart(6)} ${fit.seconds.toFixed(1).padStart(8)} ${value.toFixed(2).padStart(10)} ${((value - 23.3) / (fit.seconds / 60)).toFixed(2).padStart(14)}`,
    );
    fit.model.dispose();
  }
}

await main();
