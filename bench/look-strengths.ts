/**
 * Colour and tone strengths (main/core/lut/look-strengths.ts): what making them a lattice costs.
 * For each look and lattice size, the derived lattice graded through the 8-bit apply kernel is
 * compared with the Lab combination computed exactly at every colour (lookStrengthsAt), on the
 * five fixture photos' colours and on random colours: ΔE2000 mean / p95 / max and the largest
 * 8-bit code value difference. Also the time to derive the lattice at each size, which is what
 * a preview pays when a Colour or Tone slider moves. Peer: the exact per-pixel computation's
 * own time on the photos' colours. Then the preview through the real host (create-host.ts) at
 * 1 MP on a 12 MP photo: 20 moves of the Strength slider against 20 of the Colour slider
 * while held (drafts), and their release (full), for LUT01 (33³) and a 144³ Hald.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/look-strengths.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PresetSummary, Request, Result } from '../main/contract/contract.js';
import { createHost } from '../main/host/create-host.js';
import type { Host } from '../main/host/create-host.js';
import { compareColours } from '../main/core/color/metrics.js';
import { prepareLut } from '../main/core/lut/apply.js';
import { readLutFile } from '../main/core/lut/lut-file.js';
import type { Lut3D } from '../main/core/lut/lut.js';
import { lookStrengthsAt, strengthsScratch, withLookStrengths } from '../main/core/lut/look-strengths.js';
import { FIXTURES } from './paths.js';
import { photoColours } from './photo-colours.js';

const LOOKS = [
  'nilut-paper/LUT01.cube',
  'luts/hald/rawtherapee_Fuji_Velvia_50.png',
  'luts/hald/rawtherapee_HorrorBlue.png',
  'luts/hald/rawtherapee_Kodak_TRI-X_400_2.png',
  'luts/cube/colour_Three_Dimensional_Table_With_Shaper.cube',
];
const SIZES = [17, 25, 33, 49, 65];
const SETTINGS: ReadonlyArray<{ colour: number; tone: number }> = [
  { colour: 0, tone: 1 },
  { colour: 1, tone: 0 },
  { colour: 0.5, tone: 0.5 },
];

function randomColours(count: number, seed: number): Float32Array {
  const out = new Float32Array(count * 3);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 24) / 255;
  }
  return out;
}

/** Float colours as 8-bit codes, as a photo holds them. */
function toCodes(colours: Float32Array): Uint8Array {
  return Uint8Array.from(colours, (v) => Math.round(v * 255));
}

function exact(lut: Lut3D, codes: Uint8Array, colour: number, tone: number): Float32Array {
  const out = new Float32Array(codes.length);
  const rgb = new Float64Array(3);
  const res = new Float64Array(3);
  const scratch = strengthsScratch();
  for (let i = 0; i < codes.length; i += 3) {
    for (let c = 0; c < 3; c++) rgb[c] = codes[i + c] / 255;
    lookStrengthsAt(lut, rgb, colour, tone, res, scratch);
    for (let c = 0; c < 3; c++) out[i + c] = res[c];
  }
  return out;
}

function maxCodeDiff(a: Float32Array, graded: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(Math.round(a[i] * 255) - graded[i]));
  return max;
}

function median(times: number[]): number {
  return [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const sets = { photos: toCodes(await photoColours(20_000)), random: toCodes(randomColours(100_000, 5)) };
  console.log(`colours: photos ${sets.photos.length / 3}, random ${sets.random.length / 3}`);
  for (const file of LOOKS) {
    const { lut } = await readLutFile(path.join(FIXTURES, file));
    console.log(`\n${path.basename(file)} (${lut.size}³${lut.shaper ? ', shaper' : ''})`);
    for (const { colour, tone } of SETTINGS) {
      const started = performance.now();
      const reference = { photos: exact(lut, sets.photos, colour, tone), random: exact(lut, sets.random, colour, tone) };
      const exactMs = performance.now() - started;
      console.log(
        `  colour ${colour} tone ${tone}: exact per colour ${((exactMs / (sets.photos.length + sets.random.length)) * 3 * 1e3).toFixed(2)} µs/colour`,
      );
      for (const size of SIZES) {
        const first = performance.now();
        withLookStrengths(lut, { colour, tone }, size);
        const firstMs = performance.now() - first;
        const times: number[] = [];
        let derived: Lut3D = lut;
        for (let run = 0; run < 5; run++) {
          const t = performance.now();
          // Another setting each time, as a slider moves: the look's Lab is kept, the lattice is new.
          derived = withLookStrengths(lut, { colour: colour * (1 - run * 1e-3), tone: tone * (1 - run * 1e-3) }, size);
          times.push(performance.now() - t);
        }
        derived = withLookStrengths(lut, { colour, tone }, size);
        const cells = Object.entries(sets).map(([name, codes]) => {
          const ref = reference[name as keyof typeof reference];
          // In float, so the figures are the lattice's interpolation alone, not 8-bit rounding.
          const floats = Float32Array.from(codes, (v) => v / 255);
          prepareLut(derived).applyTo(floats, 3);
          const graded = codes.slice();
          prepareLut(derived).applyTo(graded, 3);
          const e = compareColours(ref, floats).deltaE2000;
          return `${name} ΔE00 ${e.mean.toFixed(3)}/${e.p95.toFixed(3)}/${e.max.toFixed(2)} 8-bit codes ≤${maxCodeDiff(ref, graded)}`;
        });
        console.log(
          `    ${String(size).padStart(2)}³  derive ${firstMs.toFixed(1).padStart(6)} ms, again ${median(times).toFixed(1).padStart(5)} ms   ${cells.join('   ')}`,
        );
      }
    }
  }
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function previewTimes(host: Host, presetId: number): Promise<string> {
  const look = { kind: 'preset' as const, presetId };
  const time = async (request: Omit<Request<'preview.render'>, 'look'>) => {
    const started = performance.now();
    value(await host.call('preview.render', { look, maxEdge: 1155, ...request }));
    return performance.now() - started;
  };
  await time({ quality: 'full' });
  const strengthMoves: number[] = [];
  for (let i = 0; i < 20; i++) strengthMoves.push(await time({ quality: 'draft', strength: 0.5 + i / 100 }));
  const firstColour = await time({ quality: 'draft', colourStrength: 0.5, toneStrength: 0.9 });
  const colourMoves: number[] = [];
  for (let i = 1; i <= 20; i++) colourMoves.push(await time({ quality: 'draft', colourStrength: 0.5 - i / 100, toneStrength: 0.9 }));
  const firstRelease = await time({ quality: 'full', colourStrength: 0.3, toneStrength: 0.9 });
  const releases: number[] = [];
  for (let i = 1; i <= 5; i++) releases.push(await time({ quality: 'full', colourStrength: 0.3 + i / 100, toneStrength: 0.9 }));
  return (
    `strength held p50 ${median(strengthMoves).toFixed(1)} ms; colour held: first ${firstColour.toFixed(1)} ms, then p50 ${median(colourMoves).toFixed(1)} ms ` +
    `max ${Math.max(...colourMoves).toFixed(1)} ms; released: first ${firstRelease.toFixed(1)} ms, then p50 ${median(releases).toFixed(1)} ms`
  );
}

async function preview(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-bench-strengths-'));
  const host = await createHost({
    libraryDir: path.join(dir, 'library'),
    settingsFile: path.join(dir, 'settings.json'),
    shell: 'browser',
    allowedRoots: [FIXTURES],
    emit: () => {},
    backgroundJobs: false,
    samples: false,
  });
  try {
    const looks = [path.join(FIXTURES, 'nilut-paper/LUT01.cube'), path.join(FIXTURES, 'luts/hald/rawtherapee_Fuji_Velvia_50.png')];
    value(await host.call('library.import', { paths: looks, queueFits: false }));
    value(await host.call('photos.open', { path: path.join(FIXTURES, 'photos/dog_exif_extended_xmp_icc.jpg') }));
    console.log('\npreview at 1 MP through the host');
    for (const preset of value<PresetSummary[]>(await host.call('library.list', {}))) {
      console.log(`  ${preset.name} (${preset.latticeSize}³): ${await previewTimes(host, preset.id)}`);
    }
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
await preview();
