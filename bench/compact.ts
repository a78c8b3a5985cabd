/**
 * bench:compact — the library's looks as compact learned models, against G'MIC's keypoint
 * compression of the same looks, in one run on this machine (issue 15).
 *
 * For ≥ 20 creative looks (bench/compact/looks.ts) it prints, per look and as medians, for ours
 * and for G'MIC: bytes per look (ours: the one library file's bytes divided by its looks;
 * G'MIC: its keypoint file gzipped), ΔE2000 mean / p95 / max on five real photos and on a 33³
 * grid against the exact LUT, and time. For ours also: 20 random blends of 2–3 looks against
 * the exact mix of the LUTs' outputs; adding one look to the learned library (time, and how far
 * the others moved); one look alone; and the bytes-versus-ΔE2000 curve over lattice sizes.
 *
 * Colour: every look maps sRGB-encoded values to sRGB-encoded values; both sides are applied
 * with the same tetrahedral engine and clamped to [0, 1]; ΔE2000 on CIELAB (D65) of the
 * decoded sRGB colours.
 *
 * Environment: GMIC_BUDGET (seconds per look, default 150), GMIC_CAP (keypoint cap, default
 * 2048), SKIP_GMIC=1 (ours only), LOOKS=n (the first n looks, for a quick look).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import type { ColourMetrics } from '../main/core/color/metrics.js';
import { compareColours } from '../main/core/color/metrics.js';
import { blendLooks } from '../main/core/compact/blend-looks.js';
import { COMPACT_DEFAULTS } from '../main/core/compact/compact-defaults.js';
import type { LearnedLook } from '../main/core/compact/learn-look.js';
import { learnLook } from '../main/core/compact/learn-look.js';
import { learnLooks } from '../main/core/compact/learn-many.js';
import { fidelityColours } from '../main/core/compact/look-fidelity.js';
import { decodeLooksFile, encodeLooksFile } from '../main/core/compact/looks-file.js';
import type { StoredLook } from '../main/core/compact/looks-file.js';
import { seededRandom } from '../main/core/lut/image-pair.js';
import type { Lut3D } from '../main/core/lut/lut.js';
import { colourGrid, throughLut } from '../main/core/nilut/evaluate.js';
import type { BenchLook } from './compact/looks.js';
import { benchLooks } from './compact/looks.js';
import type { GmicPeerResult } from './compact/gmic-peer.js';
import { GMIC_DEFAULTS, gmicCompress, gmicVersion } from './compact/gmic-peer.js';
import { BENCH_OUT } from './paths.js';
import { photoColours } from './photo-colours.js';

interface Measured {
  readonly bytes: number;
  readonly photos: ColourMetrics;
  readonly grid: ColourMetrics;
  readonly seconds: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
const de = (m: ColourMetrics) => `${f3(m.deltaE2000.mean)} / ${f2(m.deltaE2000.p95)} / ${f2(m.deltaE2000.max)}`;

function measure(reference: Lut3D, learned: Lut3D, photos: Float32Array, grid: Float32Array): Pick<Measured, 'photos' | 'grid'> {
  return {
    photos: compareColours(throughLut(reference, photos), throughLut(learned, photos)),
    grid: compareColours(throughLut(reference, grid), throughLut(learned, grid)),
  };
}

function storedLook(look: BenchLook, learned: LearnedLook): StoredLook {
  const f = learned.fidelity;
  return {
    name: look.name,
    fidelity: {
      mean: f.photographic.deltaE2000.mean,
      p95: f.photographic.deltaE2000.p95,
      max: f.photographic.deltaE2000.max,
      gridMean: f.grid.deltaE2000.mean,
    },
    code: learned.code,
  };
}

/** Learns every look on both cores; returns them in input order, with the wall time of the whole library. */
async function learnLibrary(looks: readonly BenchLook[], options: { sizes?: readonly number[]; threads?: number } = {}) {
  const learned = new Array<LearnedLook>(looks.length);
  const started = performance.now();
  await learnLooks(
    looks.map((look, key) => ({ key, name: look.name, lut: look.lut })),
    { ...options, onLearned: (key, look) => void (learned[key] = look), onFailed: (_key, error) => Promise.reject(error) },
  );
  return { learned, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const all = await benchLooks();
  const looks = process.env.LOOKS ? all.slice(0, Number(process.env.LOOKS)) : all;
  const photos = await photoColours();
  const grid = colourGrid(33);
  const version = await gmicVersion();
  const skipGmic = process.env.SKIP_GMIC === '1' || version === undefined;
  const budget = Number(process.env.GMIC_BUDGET ?? GMIC_DEFAULTS.budgetSeconds);
  const cap = Number(process.env.GMIC_CAP ?? GMIC_DEFAULTS.maxKeypoints);
  console.log(
    `bench:compact — ${looks.length} looks; ${photos.length / 3} photo colours from 5 photos and a 33³ grid; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`,
  );
  console.log(
    `ours: compact learned looks (lattice sizes ${COMPACT_DEFAULTS.sizes.join('/')}, goal ΔE2000 mean ≤ ${COMPACT_DEFAULTS.goalMean} and p95 ≤ ${COMPACT_DEFAULTS.goalP95} on held-out colours), ${availableParallelism()} worker threads`,
  );
  console.log(
    skipGmic
      ? `G'MIC: skipped (${version === undefined ? 'no gmic command: apt-get install gmic' : 'SKIP_GMIC=1'})`
      : `G'MIC ${version}: compress_clut ${GMIC_DEFAULTS.maxError},${GMIC_DEFAULTS.meanError},${cap} within ${budget} s per look, decompress_clut 33³`,
  );

  // 1. The library: every look learned into one compact file.
  const library = await learnLibrary(looks);
  const file = encodeLooksFile(looks.map((look, i) => storedLook(look, library.learned[i])));
  writeFileSync(path.join(BENCH_OUT, 'compact-library.nilut'), file);
  const decoded = decodeLooksFile(file, 'compact-library.nilut');
  const perLook = file.length / looks.length;
  const ours: Measured[] = looks.map((look, i) => ({
    bytes: perLook,
    ...measure(look.lut, decoded[i].lattice, photos, grid),
    seconds: library.learned[i].seconds,
  }));

  // 2. G'MIC on each of the same looks.
  const peer: (GmicPeerResult | undefined)[] = [];
  const peerMeasured: (Measured | undefined)[] = [];
  for (const look of looks) {
    if (skipGmic) {
      peer.push(undefined);
      peerMeasured.push(undefined);
      continue;
    }
    const result = await gmicCompress(look.name, look.lut, { budgetSeconds: budget, maxKeypoints: cap });
    peer.push(result);
    peerMeasured.push(
      result.kind === 'compressed' ? { bytes: result.gzipBytes, ...measure(look.lut, result.decompressed, photos, grid), seconds: result.seconds } : undefined,
    );
    process.stderr.write(
      `  G'MIC ${look.name}: ${result.kind === 'compressed' ? `${result.keypoints} keypoints, ${result.gzipBytes} B gz` : 'no result'} in ${result.seconds.toFixed(0)} s\n`,
    );
  }

  console.log("\nper look — bytes (ours: the look's code; the file adds its name and fidelity); ΔE2000 mean / p95 / max on photos; on the 33³ grid; seconds");
  console.log(`${'look'.padEnd(36)} ${'ours'.padEnd(74)} G'MIC`);
  looks.forEach((look, i) => {
    const o = ours[i];
    const l = library.learned[i];
    const g = peerMeasured[i];
    const p = peer[i];
    const oursText = `${String(l.size).padStart(2)}³ ${String(l.code.length).padStart(5)} B code  photos ${de(o.photos)}  grid ${de(o.grid)}  ${o.seconds.toFixed(1)} s${l.metGoal ? '' : ' (goal missed)'}`;
    const gmicText = !p
      ? 'skipped'
      : p.kind === 'no-result'
        ? `no result within ${budget} s (${p.lastProgress ? `${p.lastProgress.keypoints} keypoints, its ΔE mean ${p.lastProgress.meanError}` : 'no progress logged'})`
        : `${p.keypoints} kp ${String(g!.bytes).padStart(5)} B gz (${p.bytes} as written)  photos ${de(g!.photos)}  grid ${de(g!.grid)}  ${p.seconds.toFixed(0)} s${p.stoppedShort ? ' (stopped at the cap)' : ''}`;
    console.log(`${look.name.padEnd(36)} ${oursText.padEnd(74)} ${gmicText}`);
  });

  const med = (items: readonly (Measured | undefined)[], pick: (m: Measured) => number) => median(items.filter((m): m is Measured => !!m).map(pick));
  const gmicDone = peerMeasured.filter((m): m is Measured => !!m);
  console.log('\nmedians over looks');
  for (const [label, items] of [
    ['ours', ours],
    [`G'MIC (${gmicDone.length} of ${looks.length} finished)`, peerMeasured],
  ] as const) {
    console.log(
      `  ${label.padEnd(28)} bytes/look ${f2(med(items, (m) => m.bytes))}  photos ΔE2000 mean ${f3(med(items, (m) => m.photos.deltaE2000.mean))} p95 ${f2(med(items, (m) => m.photos.deltaE2000.p95))} max ${f2(med(items, (m) => m.photos.deltaE2000.max))}  grid mean ${f3(med(items, (m) => m.grid.deltaE2000.mean))}  time/look ${f2(med(items, (m) => m.seconds))} s`,
    );
  }
  // Like for like: the looks both finished.
  const both = looks.map((_, i) => i).filter((i) => peerMeasured[i]);
  if (both.length > 0) {
    const ratio = median(both.map((i) => ours[i].bytes)) / median(both.map((i) => peerMeasured[i]!.bytes));
    console.log(
      `  on the ${both.length} looks G'MIC finished: ours/G'MIC median bytes ${f3(ratio)}; photos ΔE2000 mean ${f3(median(both.map((i) => ours[i].photos.deltaE2000.mean)))} vs ${f3(median(both.map((i) => peerMeasured[i]!.photos.deltaE2000.mean)))}`,
    );
  }
  // Both cores: the same library on one worker thread.
  const oneThread = await learnLibrary(looks, { threads: 1 });
  console.log(
    `  the same library on 1 thread: ${oneThread.seconds.toFixed(1)} s; on ${availableParallelism()}: ${library.seconds.toFixed(1)} s (${f2(oneThread.seconds / library.seconds)}× faster)`,
  );
  const gmicSeconds = peer.reduce((s, p) => s + (p?.seconds ?? 0), 0);
  console.log(
    `  learning the ${looks.length}-look library: ${library.seconds.toFixed(1)} s wall on ${availableParallelism()} threads; the file ${file.length} B; G'MIC ${gmicSeconds.toFixed(0)} s in all`,
  );

  // 3. Blends never trained: 20 random convex blends of 2–3 looks against the exact mix of the LUTs' outputs.
  const random = seededRandom(15);
  const blendErrors: ColourMetrics[] = [];
  const exactOnPhotos = looks.map((look) => throughLut(look.lut, photos));
  for (let b = 0; b < 20; b++) {
    const count = 2 + Math.floor(random() * 2);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * looks.length));
    const ids = [...chosen];
    const raw = ids.map(() => -Math.log(1 - random()));
    const sum = raw.reduce((a, v) => a + v, 0);
    const weights = raw.map((v) => v / sum);
    const target = new Float32Array(photos.length);
    ids.forEach((id, j) => exactOnPhotos[id].forEach((v, i) => (target[i] += weights[j] * v)));
    const blended = blendLooks(
      ids.map((id) => decoded[id].lattice),
      weights,
    );
    blendErrors.push(compareColours(target, throughLut(blended, photos)));
  }
  const blendMean = blendErrors.reduce((s, m) => s + m.deltaE2000.mean, 0) / blendErrors.length;
  const lookMean = ours.reduce((s, m) => s + m.photos.deltaE2000.mean, 0) / ours.length;
  console.log(
    `\n20 untrained blends of 2–3 looks, photos: ΔE2000 mean ${f3(blendMean)} (p95 ${f2(median(blendErrors.map((m) => m.deltaE2000.p95)))}, max ${f2(Math.max(...blendErrors.map((m) => m.deltaE2000.max)))}); the looks alone ${f3(lookMean)}: ${f3(blendMean - lookMean)} from them`,
  );

  // 4. Adding one look to the learned library: the last look learned alone, appended; the others re-measured from the new file.
  const base = looks.slice(0, -1);
  const added = looks[looks.length - 1];
  const addStarted = performance.now();
  const addedLook = learnLook(added.lut, { colours: fidelityColours(COMPACT_DEFAULTS.seed + 1000) });
  const grown = encodeLooksFile([...base.map((look, i) => storedLook(look, library.learned[i])), storedLook(added, addedLook)]);
  const addSeconds = (performance.now() - addStarted) / 1000;
  const regrown = decodeLooksFile(grown, 'grown.nilut');
  const drift = base.map((look, i) => measure(look.lut, regrown[i].lattice, photos, grid).photos.deltaE2000.mean - ours[i].photos.deltaE2000.mean);
  console.log(
    `adding one look (${added.name}) to the ${base.length}-look library: ${addSeconds.toFixed(1)} s; largest rise of another look's photo ΔE2000 mean ${f3(Math.max(...drift))} (each look is its own lattice in the file: adding never relearns the others)`,
  );

  // 5. One look alone: LUT01 (the paper's) as its own file.
  const lut01 = looks.find((l) => l.name === 'nilut-paper-lut01') ?? looks[0];
  const aloneStarted = performance.now();
  const alone = learnLook(lut01.lut);
  const aloneFile = encodeLooksFile([storedLook(lut01, alone)]);
  const aloneSeconds = (performance.now() - aloneStarted) / 1000;
  const aloneMeasured = measure(lut01.lut, decodeLooksFile(aloneFile, 'alone.nilut')[0].lattice, photos, grid);
  console.log(
    `one look alone (${lut01.name}): ${aloneFile.length} B file (${alone.size}³), photos ΔE2000 ${de(aloneMeasured.photos)}, grid ${de(aloneMeasured.grid)}, ${aloneSeconds.toFixed(1)} s on one thread`,
  );

  // 6. Bytes versus ΔE2000: every look at one fixed lattice size.
  console.log('\nbytes versus ΔE2000 (every look at one lattice size; medians over looks)');
  for (const size of [5, 7, 9, 11, 13, 15, 17]) {
    const fixed = await learnLibrary(looks, { sizes: [size] });
    const fixedFile = encodeLooksFile(looks.map((look, i) => storedLook(look, fixed.learned[i])));
    const fixedDecoded = decodeLooksFile(fixedFile, 'fixed.nilut');
    const m = looks.map((look, i) => measure(look.lut, fixedDecoded[i].lattice, photos, grid));
    console.log(
      `  ${String(size).padStart(2)}³  ${String(Math.round(fixedFile.length / looks.length)).padStart(5)} B/look  photos ΔE2000 mean ${f3(median(m.map((x) => x.photos.deltaE2000.mean)))} p95 ${f2(median(m.map((x) => x.photos.deltaE2000.p95)))}  grid mean ${f3(median(m.map((x) => x.grid.deltaE2000.mean)))}  ${fixed.seconds.toFixed(1)} s`,
    );
  }

  // 7. Targets (issue 15).
  const medianBytes = median(ours.map((m) => m.bytes));
  const gmicMedianBytes = med(peerMeasured, (m) => m.bytes);
  const worstMean = Math.max(...ours.map((m) => m.photos.deltaE2000.mean));
  const worstP95 = Math.max(...ours.map((m) => m.photos.deltaE2000.p95));
  const over = ours.filter((m) => m.photos.deltaE2000.mean > 0.5 || m.photos.deltaE2000.p95 > 1.5).length;
  console.log('\ntargets');
  console.log(`  median bytes per look ≤ G'MIC's: ${f2(medianBytes)} vs ${f2(gmicMedianBytes)} → ${medianBytes <= gmicMedianBytes ? 'met' : 'missed'}`);
  console.log(
    `  every look ≤ 0.5 mean and ≤ 1.5 p95 on photos: worst ${f3(worstMean)} / ${f2(worstP95)}; ${over} of ${looks.length} over → ${over === 0 ? 'met' : 'missed'}`,
  );
  console.log(`  untrained blends within 0.5 of the exact mix: ${f3(blendMean)} → ${blendMean <= 0.5 ? 'met' : 'missed'}`);
  console.log(`  learning the library ≤ 600 s: ${library.seconds.toFixed(1)} s → ${library.seconds <= 600 ? 'met' : 'missed'}`);
  console.log(
    `  adding a look ≤ 60 s, others rise ≤ 0.05: ${addSeconds.toFixed(1)} s, ${f3(Math.max(...drift))} → ${addSeconds <= 60 && Math.max(...drift) <= 0.05 ? 'met' : 'missed'}`,
  );
  console.log(
    `  one look alone ≤ 2 KB, ≤ 0.5 mean on photos, ≤ 30 s: ${aloneFile.length} B, ${f3(aloneMeasured.photos.deltaE2000.mean)}, ${aloneSeconds.toFixed(1)} s → ${aloneFile.length <= 2048 && aloneMeasured.photos.deltaE2000.mean <= 0.5 && aloneSeconds <= 30 ? 'met' : 'missed'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
