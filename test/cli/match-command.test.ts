/**
 * `nilut match` through the built command, on a library made and filled as a person would
 * (`nilut library init`, `nilut library import`): a LUT that is a known blend of three of its
 * looks, a preset, a before/after pair, --max-looks 1, and the errors that name what is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../main/core/lut/image-pair.js';
import { identityLut } from '../../main/core/lut/lut.js';
import { readLutFile, writeLutFile } from '../../main/core/lut/lut-file.js';
import { resampleLut } from '../../main/core/lut/sample.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-cli-match-'));
const LIB = path.join(DIR, 'library');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const LOOKS = [
  'nilut-paper/LUT01.cube',
  'luts/hald/pillowlut_hald6_hefe.png',
  'luts/hald/rawtherapee_Fuji_Velvia_50.png',
  'luts/png-square64/gpuimage_lookup_amatorka.png',
  'luts/png-square64/gpuimage_lookup_miss_etikate.png',
  'luts/png-square64/generated_teal_lows_orange_highs.png',
  'luts/png-square64/generated_black_and_white.png',
];

interface Candidate {
  rank: number;
  blend: string;
  parts: { presetId: number; name: string; weight: number }[];
  deltaE2000: { mean: number; p95: number; max: number };
  verdict: string;
}

const match = (...args: string[]) => runNilut(['match', ...args, '--library', LIB]);
function matchJson(...args: string[]): { candidates: Candidate[]; looks: number } {
  const run = match(...args, '--json');
  expect(run.code, run.stderr + run.stdout).toBe(0);
  const lines = jsonLines(run.stdout);
  return lines[lines.length - 1] as unknown as { candidates: Candidate[]; looks: number };
}

/** The weights a `--blend-presets` value gives, by name. */
const blendWeights = (blend: string) =>
  new Map(blend.split(',').map((part) => [part.slice(0, part.lastIndexOf(':')), Number(part.slice(part.lastIndexOf(':') + 1))]));

beforeAll(async () => {
  expect(runNilut(['library', 'init', '--no-samples', '--library', LIB]).code).toBe(0);
  const imported = runNilut(['library', 'import', ...LOOKS.map((f) => fixture(f)), '--no-fit', '--library', LIB]);
  expect(imported.code, imported.stderr).toBe(0);
  // A LUT file that is 0.5 Velvia + 0.3 Amatorka + 0.2 LUT01 on a 33³ grid, each value moved by up to ±0.003.
  const parts = await Promise.all(LOOKS.filter((_, i) => i === 2 || i === 3 || i === 0).map(async (f) => (await readLutFile(fixture(f))).lut));
  const weights = [0.2, 0.5, 0.3];
  const grid = identityLut(33);
  const data = new Float32Array(grid.data.length);
  parts.forEach((lut, i) => resampleLut(lut, 33).data.forEach((v, o) => (data[o] += weights[i] * v)));
  const random = seededRandom(8);
  for (let o = 0; o < data.length; o++) data[o] = Math.min(1, Math.max(0, data[o] + (random() - 0.5) * 0.006));
  await writeLutFile(path.join(DIR, 'mystery.cube'), { ...grid, data });
}, 60_000);

describe('nilut match', () => {
  it('finds a LUT made of three library looks, printed as a --blend-presets value that sums to 1', () => {
    const result = matchJson(path.join(DIR, 'mystery.cube'));
    expect(result.looks).toBe(LOOKS.length);
    const best = result.candidates[0];
    expect(best.verdict).toBe('indistinguishable');
    expect(best.deltaE2000.mean).toBeLessThanOrEqual(0.3);
    const weights = blendWeights(best.blend);
    expect([...weights.keys()].sort()).toEqual(['LUT01', 'gpuimage_lookup_amatorka', 'rawtherapee_Fuji_Velvia_50']);
    expect(Math.abs(weights.get('rawtherapee_Fuji_Velvia_50')! - 0.5)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(weights.get('gpuimage_lookup_amatorka')! - 0.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(weights.get('LUT01')! - 0.2)).toBeLessThanOrEqual(0.05);
    for (const c of result.candidates) {
      expect(c.blend).toMatch(/^[^,:]+:[01]\.\d\d(,[^,:]+:[01]\.\d\d)*$/);
      expect([...blendWeights(c.blend).values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }

    const human = match(path.join(DIR, 'mystery.cube'));
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^matched mystery\.cube against 7 looks/);
    expect(human.stdout).toContain(`1       ${best.deltaE2000.mean.toFixed(2)}`);
    expect(human.stdout).toContain(best.blend);
    expect(human.stdout).toMatch(/best: indistinguishable from the target/);

    // The printed blend is what `nilut grade --blend-presets` takes.
    const graded = runNilut(['grade', fixture('photos/kodim23.png'), '--blend-presets', best.blend, '--library', LIB, '--out', path.join(DIR, 'graded')]);
    expect(graded.code, graded.stderr).toBe(0);
    expect(graded.stdout + graded.stderr).toMatch(/graded 1 photo/);
  });

  it('with --max-looks 1 lists single looks; a preset target is never matched with itself', () => {
    const result = matchJson('rawtherapee_Fuji_Velvia_50', '--max-looks', '1', '--candidates', '3');
    expect(result.looks).toBe(LOOKS.length - 1);
    expect(result.candidates.length).toBe(3);
    for (const c of result.candidates) {
      expect(c.parts.length).toBe(1);
      expect(c.blend).toMatch(/^[^,:]+:1\.00$/);
      expect(c.parts[0].name).not.toBe('rawtherapee_Fuji_Velvia_50');
      expect(c.verdict).not.toBe('indistinguishable');
    }
  });

  it('matches a before/after pair by its own pixels', () => {
    const result = matchJson('--pair', fixture('nilut-paper/hald-identity-128.png'), fixture('nilut-paper/hald-LUT01.png'));
    expect(result.candidates[0].blend).toBe('LUT01:1.00');
    expect(result.candidates[0].deltaE2000.mean).toBeLessThan(0.3);
  });

  it('names the file, the preset or the option that is wrong', () => {
    const missing = match(path.join(DIR, 'nowhere.cube'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.cube: cannot be read/);
    const unknown = match('Velvia 99');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/library\.db: has no preset named "Velvia 99"/);
    const onePhoto = match('--pair', fixture('nilut-paper/hald-LUT01.png'));
    expect(onePhoto.code).toBe(2);
    expect(onePhoto.stderr).toMatch(/--pair takes two images/);
    expect(match('LUT01', '--pair', 'a.png', 'b.png').code).toBe(2);
    const zero = match('LUT01', '--max-looks', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/Expected integer between 1 and 6 for --max-looks but received "0"/);
    const empty = runNilut(['match', fixture('nilut-paper/LUT01.cube'), '--library', path.join(DIR, 'empty')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/library\.db: has no looks to match LUT01\.cube with/);
  });
});
