/**
 * bench:preview — the blend view's loop through the real host (main/host/create-host.ts) in
 * Node: open a 12 MP phone photo, then 100 blend changes on the paper's 3-style model as
 * 'draft' previews at ~1 MP (a slider being dragged), with a 'full' preview after every 10th
 * (the slider released). Each figure is the time from the call to the preview's bytes being
 * ready. Targets: draft ≤ 50 ms p95, full ≤ 300 ms. Peer, in the same run: ffmpeg's lut3d
 * making one preview frame of the same 1 MP photo with the same blend baked to a .cube.
 * Also prints the model's bake time per lattice size, which chose the preview bake sizes.
 *
 * Then blends of presets (issue 16), mixed by the host with no fit: two 33³ LUTs, two 144³
 * film Halds, and a LUT with the model. For each, the first full frame once the two looks are
 * chosen (their files read before, as the library grid's thumbnails do; then warm, another
 * blend of them) and 100 slider changes as drafts. Targets: first frame ≤ 100 ms, drafts ≤ 16 ms p95 for
 * LUTs, ≤ 50 ms p95 with a model.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { PhotoInfo, PresetSummary, PreviewImage, Result } from '../main/contract/contract.js';
import { createHost } from '../main/host/create-host.js';
import type { Host } from '../main/host/create-host.js';
import { writeLutFile } from '../main/core/lut/lut-file.js';
import { initBackend } from '../main/core/nilut/backend.js';
import { bakeModel } from '../main/core/nilut/bake.js';
import { NilutModel } from '../main/core/nilut/model.js';
import { readNetworkModelFile } from '../main/core/nilut/model-file.js';
import { BENCH_OUT, FIXTURES } from './paths.js';

const OUT = path.join(BENCH_OUT, 'preview');
const PHOTOS = path.join(FIXTURES, 'photos');
/** The orientation-6 Pixel phone JPEG: 4032×3024 stored, 3024×4032 upright. */
const PHOTO = path.join(PHOTOS, 'dog_exif_extended_xmp_icc.jpg');
const MODEL = path.join(FIXTURES, 'nilut-paper/nilutx3style.pt');
/** 1155 × 866 = 1.0 MP for a 4:3 photo. */
const MAX_EDGE = 1155;
const CHANGES = 100;
/** The LUT presets the blends of presets mix. */
const MIX_LUTS = [
  path.join(FIXTURES, 'nilut-paper/LUT01.cube'),
  path.join(FIXTURES, 'luts/3dl/ocio_lustre_33x33x33.3dl'),
  path.join(FIXTURES, 'luts/hald/rawtherapee_Fuji_Velvia_50.png'),
  path.join(FIXTURES, 'luts/hald/rawtherapee_Kodak_Kodachrome_64.png'),
];
const RELEASE_EVERY = 10;

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function summary(name: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${name.padEnd(22)} n=${String(sorted.length).padStart(3)}  p50 ${percentile(sorted, 0.5).toFixed(1)} ms  p95 ${percentile(sorted, 0.95).toFixed(1)} ms  max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/** A slider sweep: weights move a little at each change, as a drag does. */
function weightsAt(i: number): number[] {
  const t = i / CHANGES;
  const a = 0.5 + 0.45 * Math.sin(t * 2 * Math.PI),
    b = 0.5 + 0.45 * Math.cos(t * 3 * Math.PI),
    c = 1 - t;
  return [a, b, c];
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { value: result, ms: performance.now() - started };
}

async function driveHost(host: Host): Promise<{ draft: number[]; full: number[]; open: number; first: number; size: string; modelId: number }> {
  const open = await timed(async () => value<PhotoInfo>(await host.call('photos.open', { path: PHOTO }), 'photos.open'));
  const presets = value<PresetSummary[]>(await host.call('library.list', { filter: { kind: 'model' } }), 'library.list');
  const modelId = presets[0].id;
  const render = async (weights: number[], quality: 'draft' | 'full') =>
    value<PreviewImage>(
      await host.call('preview.render', { look: { kind: 'blend', presetId: modelId, weights }, quality, maxEdge: MAX_EDGE }),
      'preview.render',
    );
  // The first call loads TensorFlow.js and the model and decodes this size: reported apart.
  const first = await timed(() => render(weightsAt(0), 'draft'));
  const draft: number[] = [],
    full: number[] = [];
  for (let i = 1; i <= CHANGES; i++) {
    draft.push((await timed(() => render(weightsAt(i), 'draft'))).ms);
    if (i % RELEASE_EVERY === 0) full.push((await timed(() => render(weightsAt(i), 'full'))).ms);
  }
  const image = first.value;
  return { draft, full, open: open.ms, first: first.ms, size: `${image.width}×${image.height}`, modelId };
}

interface MixFigures {
  readonly name: string;
  readonly first: number;
  readonly warm: number;
  readonly draft: number[];
  readonly fidelity: string;
}

/** One blend of two presets: its first full frame and a warm one, then a drag of its weights. */
async function driveMix(host: Host, name: string, ids: [number, number]): Promise<MixFigures> {
  const render = async (t: number, quality: 'draft' | 'full', strength = 1) =>
    value<PreviewImage>(
      await host.call('preview.render', {
        look: {
          kind: 'mix',
          sources: [
            { presetId: ids[0], weight: t },
            { presetId: ids[1], weight: 1 - t },
          ],
        },
        quality,
        strength,
        maxEdge: MAX_EDGE,
      }),
      'preview.render',
    );
  // The looks' files were read for the library grid's thumbnails (driveMixes); the first frame
  // at this size grades each look's colours once. "Warm": another blend of the same looks.
  const first = await timed(() => render(0.5, 'full'));
  const warm = await timed(() => render(0.4, 'full', 0.99));
  const draft: number[] = [];
  for (let i = 1; i <= CHANGES; i++) draft.push((await timed(() => render(0.5 + 0.45 * Math.sin((i / CHANGES) * 2 * Math.PI), 'draft'))).ms);
  return { name, first: first.ms, warm: warm.ms, draft, fidelity: first.value.mix ?? '?' };
}

async function driveMixes(host: Host): Promise<MixFigures[]> {
  value(await host.call('library.import', { paths: MIX_LUTS, queueFits: false }), 'library.import');
  const all = value<PresetSummary[]>(await host.call('library.list', {}), 'library.list');
  const id = (file: string) => all.find((p) => p.originalName === path.basename(file))!.id;
  const model = all.find((p) => p.kind === 'model')!.id;
  // As the library grid does before anyone selects two looks: a thumbnail of each.
  const thumbnails = await timed(async () =>
    value(await host.call('preview.thumbnails', { presetIds: [...MIX_LUTS.map(id), model], size: 256 }), 'preview.thumbnails'),
  );
  console.log(`(the library grid's thumbnails of the blends' looks: ${thumbnails.ms.toFixed(0)} ms, reading their files)`);
  return [
    await driveMix(host, 'two 33³ LUTs', [id(MIX_LUTS[0]), id(MIX_LUTS[1])]),
    await driveMix(host, 'two 144³ film Halds', [id(MIX_LUTS[2]), id(MIX_LUTS[3])]),
    await driveMix(host, 'a 33³ LUT and the model', [id(MIX_LUTS[0]), model]),
  ];
}

/** ffmpeg lut3d making one RGBA frame of the 1 MP photo (process start to frame on stdout). */
async function timeFfmpeg(dir: string, weights: number[]): Promise<{ times: number[]; version: string }> {
  const png = path.join(dir, 'photo-1mp.png');
  await sharp(PHOTO).autoOrient().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside' }).toColourspace('srgb').png({ compressionLevel: 1 }).toFile(png);
  await initBackend();
  const model = new NilutModel((await readNetworkModelFile(MODEL)).weights);
  const cube = path.join(dir, 'blend.cube');
  await writeLutFile(cube, await bakeModel(model, weights, 33));
  model.dispose();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const run = spawnSync('ffmpeg', ['-v', 'error', '-i', png, '-vf', `lut3d=file=${cube}:interp=tetrahedral`, '-pix_fmt', 'rgba', '-f', 'rawvideo', '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.toString()}`);
    times.push(performance.now() - started);
  }
  return { times, version: spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0] };
}

async function bakeTimes(): Promise<string> {
  await initBackend();
  const model = new NilutModel((await readNetworkModelFile(MODEL)).weights);
  const parts: string[] = [];
  for (const size of [9, 11, 17, 25, 33]) {
    await bakeModel(model, [1, 0, 0], size);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await timed(() => bakeModel(model, [0.3, 0.5, 0.2], size))).ms);
    parts.push(
      `${size}³ ${percentile(
        times.sort((a, b) => a - b),
        0.5,
      ).toFixed(0)} ms`,
    );
  }
  model.dispose();
  return parts.join(' · ');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-bench-preview-'));
  try {
    const host = await createHost({
      libraryDir: path.join(dir, 'library'),
      settingsFile: path.join(dir, 'settings.json'),
      shell: 'browser',
      allowedRoots: [PHOTOS, FIXTURES],
      emit: () => {},
      backgroundJobs: false,
    });
    let ours, mixes;
    try {
      ours = await driveHost(host);
      mixes = await driveMixes(host);
    } finally {
      await host.close();
    }
    const peer = await timeFfmpeg(OUT, weightsAt(CHANGES));
    const bakes = await bakeTimes();
    const peerMedian = percentile(
      [...peer.times].sort((a, b) => a - b),
      0.5,
    );
    const draftP50 = percentile(
      [...ours.draft].sort((a, b) => a - b),
      0.5,
    );
    console.log(
      `bench:preview — ${path.basename(PHOTO)} (12 MP, orientation 6) previewed at ${ours.size}, paper's 3-style model (preset ${ours.modelId}), through the host`,
    );
    console.log(`photos.open             ${ours.open.toFixed(0)} ms (read, hash, decode at 1024)`);
    console.log(`first preview           ${ours.first.toFixed(0)} ms (TensorFlow.js, model load, decode at ${MAX_EDGE})`);
    console.log(summary(`draft (dragging)`, ours.draft) + '   target p95 ≤ 50 ms');
    console.log(summary(`full (after release)`, ours.full) + '   target ≤ 300 ms');
    console.log(`peer: ${peer.version}`);
    console.log(summary('ffmpeg lut3d, 1 frame', peer.times) + '   (process start to RGBA frame, .cube baked at 33³)');
    console.log(`draft p50 / ffmpeg p50   ${(draftP50 / peerMedian).toFixed(2)} (below 1: a draft preview is faster than ffmpeg making one frame)`);
    console.log(`bake times (one thread)  ${bakes}`);
    console.log('blends of presets at 1 MP, mixed by the host (no fit, no job):');
    for (const m of mixes) {
      console.log(
        `  ${m.name.padEnd(24)} first full frame ${m.first.toFixed(0)} ms after the thumbnails, ${m.warm.toFixed(0)} ms warm (target ≤ 100)  [${m.fidelity}]`,
      );
      console.log(`  ${summary('  drafts (dragging)', m.draft)}   target p95 ≤ ${m.name.includes('model') ? 50 : 16} ms`);
    }
    console.log(
      `a LUT blend draft p50 / ffmpeg p50   ${(
        percentile(
          [...mixes[0].draft].sort((a, b) => a - b),
          0.5,
        ) / peerMedian
      ).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
