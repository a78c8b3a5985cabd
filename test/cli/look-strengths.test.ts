/**
 * --colour-strength and --tone-strength through the built `nilut`, as a photographer runs it:
 * apply and grade at 1 and 1 write the same bytes as without them, a value out of range is a
 * usage error naming the option, and the .cube that convert and bake write carries the
 * strengths: ffmpeg's lut3d grading with it agrees with our own grade within 1 code value.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { withLookStrengths } from '../../main/core/lut/look-strengths.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';
import { ffmpegLut3d, maxAbsDiff, rawRgb8 } from '../support/peers.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
const VELVIA = fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png');
const PAPER_PT = fixture('nilut-paper/nilutx3style.pt');
/** An RGB PNG without a profile: ffmpeg and sharp read the same pixels from it. */
const PHOTO = fixture('photos/kodim23.png');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'nilut-strengths-'));

function ok(args: string[]): void {
  const run = runNilut(args);
  expect(run.stderr, args.join(' ')).not.toMatch(/error|Expected/i);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
}

describe('nilut apply and grade with --colour-strength and --tone-strength', () => {
  it('at 1 and 1 write byte-identical files to a grade without them', () => {
    const dir = tmp();
    ok(['apply', LUT01, PHOTO, '--out', path.join(dir, 'today.png'), '--strength', '0.8']);
    ok(['apply', LUT01, PHOTO, '--out', path.join(dir, 'ones.png'), '--strength', '0.8', '--colour-strength', '1', '--tone-strength', '1']);
    expect(readFileSync(path.join(dir, 'ones.png')).equals(readFileSync(path.join(dir, 'today.png')))).toBe(true);
    ok(['grade', PHOTO, '--lut', LUT01, '--out', path.join(dir, 'graded-today'), '--format', 'jpeg']);
    ok(['grade', PHOTO, '--lut', LUT01, '--out', path.join(dir, 'graded-ones'), '--format', 'jpeg', '--colour-strength', '1', '--tone-strength', '1']);
    const name = 'kodim23.jpg';
    expect(readFileSync(path.join(dir, 'graded-ones', name)).equals(readFileSync(path.join(dir, 'graded-today', name)))).toBe(true);
  }, 60_000);

  it('grade writes what apply writes at the same strengths, and not what it writes without them', async () => {
    const dir = tmp();
    const strengths = ['--colour-strength', '0.2', '--tone-strength', '0.7'];
    ok(['apply', LUT01, PHOTO, '--out', path.join(dir, 'applied.png'), ...strengths]);
    ok(['grade', PHOTO, '--lut', LUT01, '--out', path.join(dir, 'graded'), '--format', 'png', ...strengths]);
    ok(['apply', LUT01, PHOTO, '--out', path.join(dir, 'plain.png')]);
    const applied = (await rawRgb8(path.join(dir, 'applied.png'))).data;
    expect(maxAbsDiff(applied, (await rawRgb8(path.join(dir, 'graded', 'kodim23.png'))).data)).toBe(0);
    expect(maxAbsDiff(applied, (await rawRgb8(path.join(dir, 'plain.png'))).data)).toBeGreaterThan(10);
  }, 60_000);

  it.each([
    ['apply', ['apply', LUT01, PHOTO, '--out', 'never.png']],
    ['grade', ['grade', PHOTO, '--lut', LUT01, '--out', 'never']],
    ['convert', ['convert', LUT01, 'never.cube']],
    ['bake', ['bake', PAPER_PT, '--out', 'never.cube']],
  ])('%s refuses --tone-strength 2 and --colour-strength -0.1 with exit 2, naming the option', (_, args) => {
    const cwd = tmp();
    for (const [flag, value] of [
      ['--tone-strength', '2'],
      ['--colour-strength', '-0.1'],
    ]) {
      const run = runNilut([...args, flag, value], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Expected number between 0 and 1 for ${flag} but received "${value}"`);
    }
  });

  it('refuses the strengths with --direct, which grades without a lattice', () => {
    const run = runNilut(['apply', PAPER_PT, PHOTO, '--out', path.join(tmp(), 'x.png'), '--direct', '--tone-strength', '0.5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--tone-strength.*--direct/);
  });
});

describe('a .cube exported with strengths', () => {
  it.each([
    ['LUT01 (33³)', LUT01, 33],
    ['Velvia (a 144³ Hald, exported at 65³)', VELVIA, 65],
  ])(
    '%s: ffmpeg lut3d grades with it within 1 code value of nilut apply',
    async (_, look, size) => {
      const dir = tmp();
      const strengths = ['--colour-strength', '0.3', '--tone-strength', '0.6'];
      const cube = path.join(dir, 'faded.cube');
      const run = runNilut(['convert', look, cube, ...strengths, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(jsonLines(run.stdout)[0]).toMatchObject({ size, colourStrength: 0.3, toneStrength: 0.6 });
      ok(['apply', look, PHOTO, '--out', path.join(dir, 'ours.png'), ...strengths]);
      const ours = (await rawRgb8(path.join(dir, 'ours.png'))).data;
      const theirs = await ffmpegLut3d(PHOTO, cube, 'tetrahedral');
      expect(maxAbsDiff(ours, theirs)).toBeLessThanOrEqual(1);
      // The strengths are in the file: ffmpeg with the look as it is grades otherwise.
      const plainCube = path.join(dir, 'plain.cube');
      ok(['convert', look, plainCube, '--size', String(size)]);
      expect(maxAbsDiff(ours, await ffmpegLut3d(PHOTO, plainCube, 'tetrahedral'))).toBeGreaterThan(10);
    },
    120_000,
  );

  it('nilut bake writes the baked blend with the strengths applied at the size asked for', async () => {
    const dir = tmp();
    const plain = path.join(dir, 'plain.cube');
    const faded = path.join(dir, 'faded.cube');
    ok(['bake', PAPER_PT, '--blend', '0,1,0', '--size', '17', '--out', plain]);
    ok(['bake', PAPER_PT, '--blend', '0,1,0', '--size', '17', '--out', faded, '--colour-strength', '0', '--tone-strength', '0.5']);
    const expected = withLookStrengths((await readLutFile(plain)).lut, { colour: 0, tone: 0.5 }, 17);
    const written = (await readLutFile(faded)).lut;
    expect(written.size).toBe(17);
    // Both went through a .cube's six decimals.
    expect(maxAbsDiff(written.data, expected.data)).toBeLessThan(1e-4);
    expect(maxAbsDiff(written.data, (await readLutFile(plain)).lut.data)).toBeGreaterThan(0.05);
  }, 120_000);

  it('nilut library export bakes them into the preset it writes, as convert does', async () => {
    const dir = tmp();
    const library = path.join(dir, 'library');
    ok(['library', 'init', '--no-samples', '--library', library]);
    const imported = runNilut(['library', 'import', LUT01, '--no-fit', '--library', library, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const id = String((jsonLines(imported.stdout).at(-1) as { presetIds: number[] }).presetIds[0]);
    const exported = path.join(dir, 'exported.cube');
    const converted = path.join(dir, 'converted.cube');
    ok(['library', 'export', id, exported, '--tone-strength', '0', '--colour-strength', '0.5', '--library', library]);
    ok(['convert', LUT01, converted, '--tone-strength', '0', '--colour-strength', '0.5']);
    expect((await readLutFile(exported)).lut.data).toEqual((await readLutFile(converted)).lut.data);
  }, 60_000);
});
