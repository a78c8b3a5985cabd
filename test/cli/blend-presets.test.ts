import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-cli-blends-'));
const LIB = path.join(DIR, 'library');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function json(...args: string[]): unknown {
  const run = runNilut([...args, '--json']);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return jsonLines(run.stdout).at(-1);
}

describe('blending library presets from the CLI', () => {
  it('grades with a blend of presets at once, saves it as a preset that grades the same, exports it, and removes it with a source', async () => {
    json('library', 'import', fixture('nilut-paper/LUT01.cube'), fixture('luts/3dl/ocio_discreet_17.3dl'), '--no-fit', '--library', LIB);
    const presets = json('library', 'list', '--library', LIB) as { id: number; name: string }[];
    const discreet = presets.find((p) => p.name.includes('discreet'))!;
    const lut01 = presets.find((p) => p.name === 'LUT01')!;

    const shoot = path.join(DIR, 'shoot');
    mkdirSync(shoot);
    copyFileSync(fixture('photos/kodim23.png'), path.join(shoot, 'kodim23.png'));
    const looks = `LUT01:0.6,${discreet.id}:0.4`;
    const unsaved = json(
      'grade',
      shoot,
      '--out',
      path.join(DIR, 'unsaved'),
      '--blend-presets',
      looks,
      '--format',
      'png',
      '--name',
      '{name}_{preset}',
      '--library',
      LIB,
    ) as {
      look: string;
      graded: number;
    };
    expect(unsaved).toMatchObject({ look: `LUT01 + ${discreet.name}`, graded: 1 });

    const saved = json('library', 'blend', '--presets', looks, '--name', 'Warm mix', '--library', LIB) as { id: number; kind: string; mixSources: unknown };
    expect(saved).toMatchObject({
      kind: 'mix',
      mixSources: [
        { presetId: lut01.id, weight: 0.6 },
        { presetId: discreet.id, weight: 0.4 },
      ],
    });
    const shown = runNilut(['library', 'show', String(saved.id), '--library', LIB]);
    expect(shown.stdout).toContain(`blend of    preset ${lut01.id} at 60.0%, preset ${discreet.id} at 40.0%`);
    json('grade', shoot, '--out', path.join(DIR, 'saved'), '--preset', 'Warm mix', '--format', 'png', '--name', '{name}', '--library', LIB);
    const [fromUnsaved, fromSaved] = [path.join(DIR, 'unsaved', `kodim23_LUT01 + ${discreet.name}.png`), path.join(DIR, 'saved', 'kodim23.png')].map((f) =>
      readFileSync(f),
    );
    expect(fromSaved.equals(fromUnsaved)).toBe(true);

    // Exported as a .cube, ffmpeg grades it as our batch did.
    const cube = path.join(DIR, 'warm-mix.cube');
    json('library', 'export', String(saved.id), cube, '--library', LIB);
    const theirs = path.join(DIR, 'ffmpeg.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(shoot, 'kodim23.png'), '-vf', `lut3d=file=${cube}:interp=tetrahedral`, theirs]);
    const [a, b] = await Promise.all([path.join(DIR, 'saved', 'kodim23.png'), theirs].map((f) => sharp(f).removeAlpha().raw().toBuffer()));
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThanOrEqual(1);

    const removed = json('library', 'rm', String(discreet.id), '--library', LIB) as { blendsRemoved: number[] }[];
    expect(removed[0].blendsRemoved).toEqual([saved.id]);
    expect((json('library', 'list', '--library', LIB) as { id: number }[]).map((p) => p.id)).toEqual([lut01.id]);
  });

  it('says what is wrong with a blend it cannot make', () => {
    json('library', 'import', fixture('nilut-paper/LUT01.cube'), '--no-fit', '--library', LIB);
    const cases: [string[], number, RegExp][] = [
      [['grade', DIR, '--out', path.join(DIR, 'x'), '--blend-presets', 'LUT01', '--library', LIB], 2, /--blend-presets.*"LUT01"/],
      [['grade', DIR, '--out', path.join(DIR, 'x'), '--blend-presets', 'LUT01:1', '--library', LIB], 2, /two or more presets/],
      [['grade', DIR, '--out', path.join(DIR, 'x'), '--blend-presets', 'LUT01:0.5,LUT01:0.5', '--library', LIB], 2, /names LUT01 \(id \d+\) twice/],
      [['grade', DIR, '--out', path.join(DIR, 'x'), '--blend-presets', 'LUT01:1,Nothing:1', '--library', LIB], 1, /no preset named "Nothing"/],
      [['grade', DIR, '--out', path.join(DIR, 'x'), '--blend-presets', 'LUT01:1,LUT01:x', '--library', LIB], 2, /weights/],
      [['library', 'blend', '--presets', 'LUT01:1,Nothing:1', '--name', 'x', '--library', LIB], 1, /no preset named "Nothing"/],
      [['library', 'blend', '--name', 'x', '--library', LIB], 2, /--weights .* or --presets/],
    ];
    for (const [args, code, message] of cases) {
      const run = runNilut(args);
      expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(code);
      expect(run.stderr).toMatch(message);
    }
  });
});
