/**
 * bench:match — "match a look" (issue 16) on a library of 25 looks: the 22 creative looks of
 * bench:compact (bench/compact/looks.ts) and three more generated grades, imported into a real
 * library in a temporary folder as a person would (`.cube` files for the generated ones).
 *
 * Targets: noisy blends of 2 and 3 library looks with known weights (mixed on a 33³ grid, each
 * value moved by up to ±0.003); library looks matched against the other 24 (a look of the same
 * family that is not in the library); LUTs unlike any of them; and the paper's before/after Hald
 * pair. For each: seconds per match (cold: every look loaded from the library, as `nilut match`
 * runs; warm: the looks' lattices already in memory), the best blend of up to 3 looks with its
 * ΔE2000 mean / p95 on the measuring colours, the largest weight error where the weights are
 * known, and the best single look of the library (what a person picking by eye would get at
 * best) for comparison. Then the three fit spaces (normal-equations.ts) on the same targets.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { listPresets } from '../main/core/library/catalogue.js';
import { importPaths } from '../main/core/library/import.js';
import type { Library } from '../main/core/library/library.js';
import { openLibrary } from '../main/core/library/library.js';
import { latticeOfPreset } from '../main/core/library/preset-looks.js';
import { readImagePair, seededRandom } from '../main/core/lut/image-pair.js';
import type { Lut3D } from '../main/core/lut/lut.js';
import { identityLut } from '../main/core/lut/lut.js';
import { readLutFile, writeLutFile } from '../main/core/lut/lut-file.js';
import { resampleLut } from '../main/core/lut/sample.js';
import { libraryLooks } from '../main/core/match/library-looks.js';
import type { LookToMatch, MatchResult, MatchTarget } from '../main/core/match/match-look.js';
import { matchLook } from '../main/core/match/match-look.js';
import { MAX_PAIRS_PER_SET } from '../main/core/match/match-samples.js';
import type { FitSpace } from '../main/core/match/normal-equations.js';
import { benchLooks } from './compact/looks.js';
import type { Grade } from './compact/graded-looks.js';
import { gradeLut } from './compact/graded-looks.js';
import { BENCH_OUT, FIXTURES } from './paths.js';

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const luma = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** Three more grades, to make 25 looks: kinds of look the 22 do not have (a tint, pastel, a brightening curve). */
const MORE_GRADES: readonly Grade[] = [
  {
    name: 'green-tint-lifted-shadows',
    formula: 'blacks lifted to (0.04, 0.07, 0.05), green +0.03 peaking in the mids',
    grade: ([r, g, b]) => {
      const mids = 4 * luma(r, g, b) * (1 - luma(r, g, b));
      return [clamp01(0.04 + 0.96 * r), clamp01(0.07 + 0.93 * g + 0.03 * mids), clamp01(0.05 + 0.95 * b)];
    },
  },
  {
    name: 'pastel-low-contrast',
    formula: 'contrast 0.75 about mid grey, saturation 0.6',
    grade: ([r, g, b]) => {
      const y = luma(r, g, b);
      return [r, g, b].map((v) => clamp01(0.5 + 0.75 * (y + 0.6 * (v - y) - 0.5))) as [number, number, number];
    },
  },
  {
    name: 'gamma-brighten',
    formula: 'each channel v^0.75',
    grade: ([r, g, b]) => [r ** 0.75, g ** 0.75, b ** 0.75],
  },
];

/** Looks not in the library, of very different kinds: a colour correction, crosstalk, a posterisation, a log-to-print transform. */
const OUTSIDE_LUTS = [
  'luts/cube/colour_Colour_Correct.cube',
  'luts/3dl/ocio_crosstalk_17.3dl',
  'luts/png-square64/templelut_16.png',
  'luts/3dl/ocio_lustre_33x33x33.3dl',
];

/** Library looks matched against the other 24. */
const LEAVE_OUT = ['rawtherapee_Kodak_Portra_400_2', 'rawtherapee_Kodak_Kodachrome_64', 'LUT01', 'sigmoid-teal-orange', 'warm-white-balance'];

interface Target {
  readonly name: string;
  readonly target: MatchTarget;
  /** Known weights by preset name, for blends made from the library. */
  readonly weights?: ReadonlyMap<string, number>;
  readonly exclude?: number;
}

async function buildLibrary(dir: string): Promise<Library> {
  const looks = await benchLooks();
  const generated = path.join(dir, 'generated');
  mkdirSync(generated, { recursive: true });
  const files: string[] = [];
  for (const look of looks) {
    if (look.origin.startsWith('test/fixtures/')) files.push(path.join(FIXTURES, look.origin.slice('test/fixtures/'.length)));
    else files.push(path.join(generated, `${look.name}.cube`));
    if (!look.origin.startsWith('test/fixtures/')) await writeLutFile(files[files.length - 1], look.lut);
  }
  for (const grade of MORE_GRADES) {
    files.push(path.join(generated, `${grade.name}.cube`));
    await writeLutFile(files[files.length - 1], gradeLut(grade));
  }
  const library = openLibrary(path.join(dir, 'library'));
  const report = await importPaths(library, files, { queueFits: false });
  if (report.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(report.failed)}`);
  return library;
}

/** Σ wᵢ·lutᵢ on a 33³ grid, each value moved by up to ±0.003. */
function noisyBlend(luts: readonly Lut3D[], weights: readonly number[], seed: number): Lut3D {
  const grid = identityLut(33);
  const data = new Float32Array(grid.data.length);
  luts.forEach((lut, i) => resampleLut(lut, 33).data.forEach((v, o) => (data[o] += weights[i] * v)));
  const random = seededRandom(seed);
  for (let o = 0; o < data.length; o++) data[o] = clamp01(data[o] + (random() - 0.5) * 0.006);
  return { ...grid, data };
}

async function blendTargets(library: Library, lattices: ReadonlyMap<number, Lut3D>): Promise<Target[]> {
  const presets = listPresets(library);
  const random = seededRandom(16);
  const targets: Target[] = [];
  for (const [n, count] of [2, 3, 3, 3].entries()) {
    const chosen = [...presets].sort(() => random() - 0.5).slice(0, count);
    const raw = chosen.map(() => 0.2 + random());
    const weights = raw.map((w) => w / raw.reduce((a, b) => a + b, 0));
    targets.push({
      name: `blend ${n + 1} (${count} looks)`,
      target: {
        kind: 'lattice',
        lut: noisyBlend(
          chosen.map((p) => lattices.get(p.id)!),
          weights,
          n,
        ),
      },
      weights: new Map(chosen.map((p, i) => [p.name, weights[i]])),
    });
  }
  return targets;
}

async function otherTargets(library: Library, lattices: ReadonlyMap<number, Lut3D>): Promise<Target[]> {
  const presets = listPresets(library);
  const targets: Target[] = [];
  for (const name of LEAVE_OUT) {
    const preset = presets.find((p) => p.name === name)!;
    targets.push({ name: `${name} (left out)`, target: { kind: 'lattice', lut: lattices.get(preset.id)! }, exclude: preset.id });
  }
  for (const file of OUTSIDE_LUTS)
    targets.push({ name: path.basename(file), target: { kind: 'lattice', lut: (await readLutFile(path.join(FIXTURES, file))).lut } });
  const pairs = await readImagePair(path.join(FIXTURES, 'nilut-paper/hald-identity-128.png'), path.join(FIXTURES, 'nilut-paper/hald-LUT01.png'), {
    maxPairs: 2 * MAX_PAIRS_PER_SET,
  });
  targets.push({ name: 'hald pair of LUT01', target: { kind: 'pairs', pairs } });
  return targets;
}

const f2 = (v: number) => v.toFixed(2);
const blendText = (r: MatchResult) => r.candidates[0].parts.map((p) => `${p.name}:${f2(p.weight)}`).join(',');

function weightError(result: MatchResult, known: ReadonlyMap<string, number> | undefined): string {
  if (!known) return '–';
  const found = new Map(result.candidates[0].parts.map((p) => [p.name, p.weight]));
  const names = new Set([...known.keys(), ...found.keys()]);
  return f2(Math.max(...[...names].map((n) => Math.abs((known.get(n) ?? 0) - (found.get(n) ?? 0)))));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'nilut-bench-match-'));
  try {
    const library = await buildLibrary(dir);
    const presets = listPresets(library);
    const lattices = new Map<number, Lut3D>();
    for (const p of presets) lattices.set(p.id, await latticeOfPreset(library, p));
    const inMemory = (exclude?: number): LookToMatch[] =>
      presets.filter((p) => p.id !== exclude).map((p) => ({ presetId: p.id, name: p.name, load: async () => lattices.get(p.id)! }));
    console.log(`bench:match — a library of ${presets.length} looks; blends of up to 3; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`);

    const targets = [...(await blendTargets(library, lattices)), ...(await otherTargets(library, lattices))];
    console.log(
      `\n${'target'.padEnd(44)} ${'cold s'.padStart(6)} ${'warm s'.padStart(6)}  ${'ΔE2000 mean/p95'.padEnd(15)}  ${'w err'.padStart(5)}  ${'1 look'.padStart(11)}  best blend`,
    );
    const configs = (['rgb', 'lab', 'de2000'] as FitSpace[]).flatMap((fitSpace) => [false, true].map((refine) => ({ fitSpace, refine })));
    const nameOf = (c: { fitSpace: FitSpace; refine: boolean }) => `${c.fitSpace}${c.refine ? ' + mean-error refinement' : ''}`;
    const means = new Map<string, number[]>(configs.map((c) => [nameOf(c), []]));
    const p95s = new Map<string, number[]>(configs.map((c) => [nameOf(c), []]));
    const cold: number[] = [];
    for (const t of targets) {
      const coldRun = await timed(() => matchLook(t.target, libraryLooks(library, { exclude: t.exclude })));
      const warmRun = await timed(() => matchLook(t.target, inMemory(t.exclude)));
      cold.push(coldRun.seconds);
      const singles = await matchLook(t.target, inMemory(t.exclude), { maxLooks: 1, candidates: presets.length });
      const best = warmRun.value.candidates[0].deltaE2000;
      const single = singles.candidates[0].deltaE2000;
      console.log(
        `${t.name.padEnd(44)} ${f2(coldRun.seconds).padStart(6)} ${f2(warmRun.seconds).padStart(6)}  ${`${f2(best.mean)} / ${f2(best.p95)}`.padEnd(15)}  ${weightError(warmRun.value, t.weights).padStart(5)}  ${`${f2(single.mean)} / ${f2(single.p95)}`.padStart(11)}  ${blendText(warmRun.value)}`,
      );
      if (t.weights) continue;
      for (const config of configs) {
        const r = await matchLook(t.target, inMemory(t.exclude), config);
        means.get(nameOf(config))!.push(r.candidates[0].deltaE2000.mean);
        p95s.get(nameOf(config))!.push(r.candidates[0].deltaE2000.p95);
      }
    }
    const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    console.log(`\nseconds per match, cold (25 looks loaded from the library): mean ${f2(mean(cold))}, max ${f2(Math.max(...cold))} (goal ≤ 5)`);
    console.log('\nfit spaces on the targets not made from the library: best blend ΔE2000 (mean over targets of its mean / of its p95), and per target');
    for (const config of configs) {
      const name = nameOf(config);
      console.log(`  ${name.padEnd(32)} ${f2(mean(means.get(name)!))} / ${f2(mean(p95s.get(name)!))}   ${means.get(name)!.map(f2).join(' ')}`);
    }
    library.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
