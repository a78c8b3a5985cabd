/**
 * bench:fit — fits the paper's LUT01.cube (one style) and a 5-style CNILUT of five film looks
 * with the default settings on this machine, and prints time, size and fidelity: PSNR on the
 * paper's hald pair, ΔE76/ΔE2000 (mean, p95, max) per style on a 33³ grid and on the fixture
 * photos, and on 20 random blends. Targets (issue): LUT01 ≥ 45.5 dB on the hald pair with at most
 * 33,923 parameters and ΔE2000 mean ≤ 0.5 on the photos within 120 s; 5 styles ΔE2000 mean ≤ 1.0
 * per style and ≤ 1.5 on blends within 10 minutes, model ≤ 1/10 of the five 33³ .cube files.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ColourMetrics } from '../main/core/color/metrics.js';
import { compareColours, psnr } from '../main/core/color/metrics.js';
import { readImagePair } from '../main/core/lut/image-pair.js';
import { readLutFile, writeLutFile } from '../main/core/lut/lut-file.js';
import type { Lut3D } from '../main/core/lut/lut.js';
import { parameterCount } from '../main/core/nilut/architecture.js';
import { initBackend } from '../main/core/nilut/backend.js';
import { bakeModel } from '../main/core/nilut/bake.js';
import { colourGrid, evaluateBlends, evaluateStyles, throughLut } from '../main/core/nilut/evaluate.js';
import { fitNilut } from '../main/core/nilut/fit.js';
import { writeModelFile } from '../main/core/nilut/model-file.js';
import type { NilutModel } from '../main/core/nilut/model.js';
import { evaluateModel } from '../main/core/nilut/model.js';
import { BENCH_OUT, FIXTURES } from './paths.js';
import { photoColours } from './photo-colours.js';

const FILMS = ['Fuji_Velvia_50', 'Kodak_Portra_400_2', 'Kodak_Kodachrome_64', 'BleachBypass1', 'HorrorBlue'];

function fmt(m: ColourMetrics): string {
  return `PSNR ${m.psnr.toFixed(2)} dB  ΔE76 ${m.deltaE76.mean.toFixed(3)}  ΔE2000 mean ${m.deltaE2000.mean.toFixed(3)} p95 ${m.deltaE2000.p95.toFixed(3)} max ${m.deltaE2000.max.toFixed(3)}`;
}

async function report(label: string, model: NilutModel, luts: Lut3D[], names: string[], photos: Float32Array): Promise<void> {
  const grid = colourGrid(33);
  const styles = await evaluateStyles(model, luts, grid);
  styles.forEach((s) => console.log(`  ${label} ${names[s.style].padEnd(22)} grid 33³   ${fmt(s.metrics)}`));
  for (let s = 0; s < luts.length; s++) {
    const weights = luts.length === 1 ? [] : luts.map((_, j) => (j === s ? 1 : 0));
    console.log(
      `  ${label} ${names[s].padEnd(22)} photos     ${fmt(compareColours(throughLut(luts[s], photos), await evaluateModel(model, photos, weights)))}`,
    );
  }
  if (luts.length > 1) {
    const blends = await evaluateBlends(model, luts, grid, 20);
    const mean = (pick: (m: ColourMetrics) => number) => blends.reduce((s, b) => s + pick(b.metrics), 0) / blends.length;
    console.log(
      `  ${label} 20 random blends        grid 33³   ΔE76 ${mean((m) => m.deltaE76.mean).toFixed(3)}  ΔE2000 mean ${mean((m) => m.deltaE2000.mean).toFixed(3)} p95 ${mean((m) => m.deltaE2000.p95).toFixed(3)} max ${Math.max(...blends.map((b) => b.metrics.deltaE2000.max)).toFixed(3)}`,
    );
  }
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const backend = await initBackend();
  console.log(`bench:fit — backend ${backend.name}${backend.simd ? ' (SIMD)' : ''}, tfjs ${backend.tfjsVersion}`);
  const photos = await photoColours();

  const lut01 = (await readLutFile(path.join(FIXTURES, 'nilut-paper/LUT01.cube'))).lut;
  const single = await fitNilut([lut01]);
  const singleFile = path.join(BENCH_OUT, 'LUT01.nilut');
  await writeModelFile(singleFile, await single.model.readWeights(), {
    dtype: 'float32',
    styles: [{ name: 'LUT01' }],
    created: new Date().toISOString(),
    software: 'bench',
  });
  const pairs = await readImagePair(path.join(FIXTURES, 'nilut-paper/hald-identity-128.png'), path.join(FIXTURES, 'nilut-paper/hald-LUT01.png'), {
    maxPairs: 200_000,
    seed: 1,
  });
  const haldPsnr = psnr(pairs.targets, await evaluateModel(single.model, pairs.inputs, []));
  const bakeStarted = performance.now();
  await bakeModel(single.model, undefined, 33);
  const bakeSeconds = (performance.now() - bakeStarted) / 1000;
  console.log(
    `LUT01: ${single.seconds.toFixed(1)} s, ${parameterCount(single.model.architecture)} parameters, ${statSync(singleFile).size} bytes, hald pair PSNR ${haldPsnr.toFixed(2)} dB (paper's pretrained 3-style model: 43.5 dB), bake 33³ ${bakeSeconds.toFixed(2)} s`,
  );
  await report('LUT01', single.model, [lut01], ['LUT01'], photos);
  single.model.dispose();

  const films = await Promise.all(FILMS.map(async (f) => (await readLutFile(path.join(FIXTURES, `luts/hald/rawtherapee_${f}.png`))).lut));
  const multi = await fitNilut(films, {
    onProgress: (e) => {
      if (e.step % 2000 === 0) console.log(`  5-style step ${e.step}/${e.steps} ${e.psnr.toFixed(1)} dB ${e.elapsedSeconds.toFixed(0)} s`);
    },
  });
  const multiFile = path.join(BENCH_OUT, 'films.nilut');
  await writeModelFile(multiFile, await multi.model.readWeights(), {
    dtype: 'float32',
    styles: FILMS.map((name) => ({ name })),
    created: new Date().toISOString(),
    software: 'bench',
  });
  let cubeBytes = 0;
  for (let i = 0; i < films.length; i++) {
    const cube = path.join(BENCH_OUT, `${FILMS[i]}.cube`);
    await writeLutFile(cube, films[i], { size: 33 });
    cubeBytes += statSync(cube).size;
  }
  const modelBytes = statSync(multiFile).size;
  console.log(
    `5 styles: ${multi.seconds.toFixed(1)} s, ${parameterCount(multi.model.architecture)} parameters, ${modelBytes} bytes vs ${cubeBytes} bytes as five 33³ .cube files (ratio ${(modelBytes / cubeBytes).toFixed(3)})`,
  );
  await report('films', multi.model, films, FILMS, photos);
  multi.model.dispose();
}

await main();
