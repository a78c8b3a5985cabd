/**
 * bench:pair-prior — a look learned from one before/after pair, alone and with the library as a
 * prior (issue 16, main/core/match/pair-with-prior.ts).
 *
 * The library: bench:compact's creative looks (bench/compact/looks.ts) without Hefe, imported
 * into a real library in a temporary folder. Two pairs, both of pineapple.jpeg (about a fifth
 * of colour space): the fixture pineapple.hefe.jpeg (Pillow's Hefe look, a JPEG; true look the
 * Hefe Hald, a look the library does not know), and the same photo graded by a blend of two
 * library looks (a look the library does know). Each learned look is applied (tetrahedral, as
 * the engine grades) to two OTHER photos, kodim23 and kodim04, and compared with the true look
 * on them: ΔE2000 mean / p95 over every pixel, and the seconds it took to learn.
 *
 * Rows: `nilut pair` as today (17³ and the default 33³); the match alone (its best blend as a
 * lattice); `nilut pair --prior` (17³, 33³); then a sweep of lattice size and smoothness, the
 * pair alone and corrected from the prior whatever its distance; then the blend moved away
 * from the library step by step: the figures the defaults were chosen on.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_BAKE_SIZE } from '../main/common/lattice-sizes.js';
import { compareColours } from '../main/core/color/metrics.js';
import { importPaths } from '../main/core/library/import.js';
import type { Library } from '../main/core/library/library.js';
import { openLibrary } from '../main/core/library/library.js';
import type { ColourPairs } from '../main/core/lut/image-pair.js';
import { readImagePair } from '../main/core/lut/image-pair.js';
import type { Lut3D } from '../main/core/lut/lut.js';
import { readLutFile, writeLutFile } from '../main/core/lut/lut-file.js';
import { fitLatticeFromPairs } from '../main/core/lut/scattered-fit.js';
import { mixLuts } from '../main/core/lut/mix.js';
import { resampleLut } from '../main/core/lut/sample.js';
import { listPresets } from '../main/core/library/catalogue.js';
import { latticeOfPreset } from '../main/core/library/preset-looks.js';
import { libraryLooks } from '../main/core/match/library-looks.js';
import type { LookToMatch } from '../main/core/match/match-look.js';
import { fitPairWithPrior, pairDeltaE2000, priorOfPair } from '../main/core/match/pair-with-prior.js';
import { throughLut } from '../main/core/nilut/evaluation-samples.js';
import { benchLooks } from './compact/looks.js';
import { BENCH_OUT, FIXTURES } from './paths.js';

const TRUE_LOOK = 'luts/hald/pillowlut_hald6_hefe.png';
const PHOTOS = ['kodim23', 'kodim04'];

async function buildLibrary(dir: string): Promise<{ library: Library; looks: number }> {
  const looks = (await benchLooks()).filter((look) => look.origin !== `test/fixtures/${TRUE_LOOK}`);
  const generated = path.join(dir, 'generated');
  mkdirSync(generated, { recursive: true });
  const files: string[] = [];
  for (const look of looks) {
    if (look.origin.startsWith('test/fixtures/')) files.push(path.join(FIXTURES, look.origin.slice('test/fixtures/'.length)));
    else {
      files.push(path.join(generated, `${look.name}.cube`));
      await writeLutFile(files[files.length - 1], look.lut);
    }
  }
  const library = openLibrary(path.join(dir, 'library'));
  const report = await importPaths(library, files, { queueFits: false });
  if (report.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(report.failed)}`);
  return { library, looks: files.length };
}

/** A photo's pixels, read as `nilut pair` reads them. */
async function pixelsOf(name: string): Promise<Float32Array> {
  const file = path.join(FIXTURES, 'photos', `${name}.png`);
  return (await readImagePair(file, file)).inputs;
}

const f2 = (v: number) => v.toFixed(2);
const FORCED = { maxPriorDeltaE: Infinity };

interface Case {
  readonly name: string;
  readonly pairs: ColourPairs;
  /** The look the pair was graded with, which the learned looks are compared with on the photos. */
  readonly trueLook: Lut3D;
}

/** A pair graded by a blend the library can make (0.6 Velvia 50 + 0.4 Amatorka), its after image rounded to 8 bits as a file holds it. */
async function blendCase(library: Library, before: Float32Array): Promise<Case> {
  const presets = listPresets(library);
  const part = async (name: string, weight: number) => ({
    lut: resampleLut(
      await latticeOfPreset(
        library,
        presets.find((p) => p.name === name)!,
      ),
      DEFAULT_BAKE_SIZE,
    ),
    weight,
  });
  const trueLook = mixLuts([await part('rawtherapee_Fuji_Velvia_50', 0.6), await part('gpuimage_lookup_amatorka', 0.4)]).lut;
  const targets = throughLut(trueLook, before).map((v) => Math.round(v * 255) / 255);
  return {
    name: 'pineapple → 0.6 Velvia 50 + 0.4 Amatorka (a blend of library looks)',
    pairs: { inputs: before, targets, count: before.length / 3 },
    trueLook,
  };
}

async function timed(work: () => Promise<{ lut: Lut3D; note?: string }>) {
  const started = performance.now();
  const value = await work();
  return { ...value, seconds: (performance.now() - started) / 1000 };
}

async function benchCase({ name, pairs, trueLook }: Case, looks: readonly LookToMatch[], photos: readonly Float32Array[]): Promise<void> {
  const truths = photos.map((pixels) => throughLut(trueLook, pixels));
  console.log(`\n${name}: ${pairs.count} pixels; ΔE2000 mean / p95 against the true look on photos the pair is not`);
  console.log(`${'learned look'.padEnd(44)} ${'seconds'.padStart(7)}  ${PHOTOS.map((p) => p.padEnd(13)).join(' ')}  note`);
  const measure = async (row: string, work: () => Promise<{ lut: Lut3D; note?: string }>) => {
    const { lut, note, seconds } = await timed(work);
    const perPhoto = photos.map((pixels, i) => compareColours(truths[i], throughLut(lut, pixels)).deltaE2000);
    console.log(`${row.padEnd(44)} ${f2(seconds).padStart(7)}  ${perPhoto.map((d) => `${f2(d.mean)} / ${f2(d.p95)}`.padEnd(13)).join(' ')}  ${note ?? ''}`);
  };
  const onPair = (lut: Lut3D) => {
    const d = pairDeltaE2000(lut, pairs);
    return `ΔE2000 ${f2(d.mean)} / ${f2(d.p95)} on the pair`;
  };

  for (const size of [17, DEFAULT_BAKE_SIZE])
    await measure(`nilut pair as today, ${size}³`, async () => {
      const { lut } = fitLatticeFromPairs(pairs, size);
      return { lut, note: onPair(lut) };
    });
  await measure(`match alone (best blend of ≤ 3), ${DEFAULT_BAKE_SIZE}³`, async () => {
    const prior = await priorOfPair(pairs, looks, DEFAULT_BAKE_SIZE);
    const blend = prior.blend.parts.map((p) => `${p.name}:${f2(p.weight)}`).join(',');
    return { lut: prior.lut, note: `${onPair(prior.lut)}; ${blend}` };
  });
  for (const size of [17, DEFAULT_BAKE_SIZE])
    await measure(`nilut pair --prior, ${size}³`, async () => {
      const result = await fitPairWithPrior(pairs, looks, size);
      return { lut: result.fit.lut, note: `${onPair(result.fit.lut)}; ${result.usedPrior ? 'prior used' : 'prior too far: the pair alone'}` };
    });

  console.log('sweep: the pair alone, and corrected from the prior (used whatever its distance), by lattice size and λ');
  for (const size of [17, DEFAULT_BAKE_SIZE])
    for (const smoothness of [1e-3, 1e-2, 1e-1, 1]) {
      await measure(`  ${size}³, λ ${smoothness}, pair alone`, async () => {
        const { lut } = fitLatticeFromPairs(pairs, size, { smoothness });
        return { lut, note: onPair(lut) };
      });
      await measure(`  ${size}³, λ ${smoothness}, prior + pair`, async () => {
        const { fit } = await fitPairWithPrior(pairs, looks, size, { smoothness, ...FORCED });
        return { lut: fit.lut, note: onPair(fit.lut) };
      });
    }
}

/**
 * The blend case moved away from the library by a warm, contrasty tweak of growing strength:
 * how far the prior may be from the pair and still help (PAIR_PRIOR_DEFAULTS.maxPriorDeltaE).
 */
async function thresholdSweep(blend: Case, looks: readonly LookToMatch[], photos: readonly Float32Array[]): Promise<void> {
  console.log('\nthe blend tweaked (red ×(1+0.04k)+0.01k, blue ×(1−0.05k), green contrast 1+0.05k): 17³, ΔE2000 mean on kodim23 / kodim04');
  console.log(`${'k'.padStart(4)}  ${'prior on the pair'.padEnd(18)} ${'pair alone'.padEnd(12)} prior + pair (used whatever its distance)`);
  for (const k of [0.5, 1, 2, 3]) {
    const tweak = (v: number, c: number) =>
      c === 0
        ? Math.min(1, v * (1 + 0.04 * k) + 0.01 * k)
        : c === 2
          ? Math.max(0, v * (1 - 0.05 * k))
          : Math.min(1, Math.max(0, 0.5 + (v - 0.5) * (1 + 0.05 * k)));
    const trueLook: Lut3D = { ...blend.trueLook, data: blend.trueLook.data.map((v, o) => tweak(v, o % 3)) };
    const targets = throughLut(trueLook, blend.pairs.inputs).map((v) => Math.round(v * 255) / 255);
    const pairs: ColourPairs = { inputs: blend.pairs.inputs, targets, count: blend.pairs.count };
    const onPhotos = (lut: Lut3D) =>
      photos.map((pixels) => f2(compareColours(throughLut(trueLook, pixels), throughLut(lut, pixels)).deltaE2000.mean)).join(' / ');
    const result = await fitPairWithPrior(pairs, looks, 17, FORCED);
    console.log(
      `${String(k).padStart(4)}  ${f2(result.prior.deltaE2000.mean).padEnd(18)} ${onPhotos(fitLatticeFromPairs(pairs, 17).lut).padEnd(12)} ${onPhotos(result.fit.lut)}`,
    );
  }
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'nilut-bench-pair-prior-'));
  try {
    const { library, looks: lookCount } = await buildLibrary(dir);
    const photos = await Promise.all(PHOTOS.map(pixelsOf));
    const looks: LookToMatch[] = libraryLooks(library);
    console.log(`bench:pair-prior — a library of ${lookCount} looks without Hefe; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`);
    const hefe: Case = {
      name: 'pineapple → Hefe (the fixture JPEG pair; Hefe not in the library)',
      pairs: await readImagePair(path.join(FIXTURES, 'photos/pineapple.jpeg'), path.join(FIXTURES, 'photos/pineapple.hefe.jpeg')),
      trueLook: (await readLutFile(path.join(FIXTURES, TRUE_LOOK))).lut,
    };
    await benchCase(hefe, looks, photos);
    // How far the after JPEG is from the true Hefe of its before image, and what the pair alone learns without that noise.
    const clean = { inputs: hefe.pairs.inputs, targets: throughLut(hefe.trueLook, hefe.pairs.inputs), count: hefe.pairs.count };
    const afterError = compareColours(clean.targets, hefe.pairs.targets).deltaE2000;
    const cleanFit = fitLatticeFromPairs(clean, 17).lut;
    const cleanOnPhotos = photos.map((pixels) => compareColours(throughLut(hefe.trueLook, pixels), throughLut(cleanFit, pixels)).deltaE2000);
    console.log(
      `the Hefe pair's after JPEG against the true Hefe of its before: ΔE2000 ${f2(afterError.mean)} / ${f2(afterError.p95)}; ` +
        `the pair alone at 17³ with the true Hefe as its after image instead: ${cleanOnPhotos.map((d, i) => `${PHOTOS[i]} ${f2(d.mean)} / ${f2(d.p95)}`).join(', ')}`,
    );
    const blend = await blendCase(library, hefe.pairs.inputs);
    await benchCase(blend, looks, photos);
    await thresholdSweep(blend, looks, photos);
    library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
