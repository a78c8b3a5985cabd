/**
 * `nilut pair --prior` / `--library` through the built command, on a library made and filled as
 * a person would (no Hefe in it): an edit made with a blend of its looks (by `nilut grade
 * --blend-presets`) is learned as a correction of that blend, printed as the prior; the Hefe
 * pair, which no blend of it comes near, is fitted alone with a warning saying so; a library
 * with no looks is refused by name.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-cli-pair-prior-'));
const LIB = path.join(DIR, 'library');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const LOOKS = ['nilut-paper/LUT01.cube', 'luts/hald/rawtherapee_Fuji_Velvia_50.png', 'luts/png-square64/gpuimage_lookup_amatorka.png'];
const BEFORE = fixture('photos/pineapple.jpeg');
const BLEND = 'rawtherapee_Fuji_Velvia_50:0.60,gpuimage_lookup_amatorka:0.40';
let blendAfter = '';

interface PairResult {
  size: number;
  prior: { parts: { name: string; weight: number }[]; deltaE2000: { mean: number }; used: boolean };
  deltaE2000: { mean: number; p95: number };
}

function pairJson(args: string[], env?: NodeJS.ProcessEnv): PairResult {
  const run = runNilut(['pair', ...args, '--json'], { env });
  expect(run.code, run.stderr + run.stdout).toBe(0);
  const lines = jsonLines(run.stdout);
  return lines[lines.length - 1] as unknown as PairResult;
}

beforeAll(() => {
  expect(runNilut(['library', 'init', '--no-samples', '--library', LIB]).code).toBe(0);
  const imported = runNilut(['library', 'import', ...LOOKS.map((f) => fixture(f)), '--no-fit', '--library', LIB]);
  expect(imported.code, imported.stderr).toBe(0);
  const graded = runNilut(['grade', BEFORE, '--blend-presets', BLEND, '--format', 'png', '--out', path.join(DIR, 'graded'), '--library', LIB]);
  expect(graded.code, graded.stderr).toBe(0);
  blendAfter = path.join(DIR, 'graded', readdirSync(path.join(DIR, 'graded'))[0]);
}, 60_000);

describe('nilut pair with a library prior', () => {
  it('learns an edit made with a blend of library looks as a correction of that blend, and prints the blend', () => {
    const out = path.join(DIR, 'blend.cube');
    const human = runNilut(['pair', BEFORE, blendAfter, '--out', out, '--size', '17', '--library', LIB]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`prior: ${BLEND} (the library blend nearest to the pair: ΔE2000 `);
    expect(human.stdout).toMatch(/wrote .*blend\.cube: 17³ lattice from 163840 colour pairs .*; ΔE2000 0\.\d\d mean/);

    // --prior takes the library as every command does: $NILUT_LIBRARY here.
    const result = pairJson([BEFORE, blendAfter, '--out', path.join(DIR, 'blend-env.cube'), '--size', '17', '--prior'], { NILUT_LIBRARY: LIB });
    expect(result.prior.used).toBe(true);
    expect(result.prior.parts.map((p) => p.name)).toEqual(['rawtherapee_Fuji_Velvia_50', 'gpuimage_lookup_amatorka']);
    expect(result.prior.parts.reduce((sum, p) => sum + p.weight, 0)).toBeCloseTo(1, 9);
    // The fit follows the pair's pixels about as closely as the prior itself does (both about 0.2 measured).
    expect(result.deltaE2000.mean).toBeLessThan(0.5);
  });

  it('fits a pair the library does not know alone, with a warning, writing what nilut pair writes without a library', async () => {
    const withLibrary = path.join(DIR, 'hefe-library.cube');
    const run = runNilut(['pair', BEFORE, fixture('photos/pineapple.hefe.jpeg'), '--out', withLibrary, '--size', '9', '--library', LIB]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /warning: the library blend nearest to the pair, .* is ΔE2000 \d+\.\d\d mean, .* more than 2, so the library does not know this look and the pair is fitted alone/,
    );
    expect(run.stdout).not.toContain('prior:');
    const plain = path.join(DIR, 'hefe-plain.cube');
    expect(runNilut(['pair', BEFORE, fixture('photos/pineapple.hefe.jpeg'), '--out', plain, '--size', '9']).code).toBe(0);
    expect(readFileSync(withLibrary, 'utf8')).toBe(readFileSync(plain, 'utf8'));
    expect((await readLutFile(plain)).lut.size).toBe(9);
  });

  it('refuses a library with no looks, naming it and saying what to do', () => {
    const empty = path.join(DIR, 'empty');
    const init = runNilut(['library', 'init', '--no-samples', '--library', empty]);
    expect(init.code, init.stderr).toBe(0);
    const out = path.join(DIR, 'never.cube');
    const run = runNilut(['pair', BEFORE, blendAfter, '--out', out, '--library', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /empty[/\\]library\.db: has no looks to build a prior from: import some first \(nilut library import <LUTs>\), or run nilut pair without --prior/,
    );
    expect(() => readFileSync(out)).toThrow();
  });
});
