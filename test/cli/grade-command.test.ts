import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLES_SIGNALS, jsonLines, runNilut } from '../support/cli.js';
import { fixture, REPO_ROOT } from '../support/paths.js';
import { scratchDir } from '../support/peers.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
let photos: string;

beforeAll(async () => {
  photos = path.join(scratchDir('nilut-grade-cli-'), 'shoot');
  mkdirSync(photos, { recursive: true });
  for (let i = 0; i < 6; i++)
    await sharp(fixture('photos/kodim23.png'))
      .resize(1600 + 32 * i)
      .jpeg()
      .toFile(path.join(photos, `frame${i}.jpg`));
  writeFileSync(path.join(photos, 'broken.jpg'), 'not a jpeg');
});

describe('nilut grade', () => {
  it('prints one JSON event per line, lists the failed file and exits 1 because of it', () => {
    const out = path.join(scratchDir(), 'out');
    const run = runNilut(['grade', photos, '--out', out, '--lut', LUT01, '--name', '{name}_{preset}', '--json']);
    expect(run.code).toBe(1);
    const events = jsonLines(run.stdout);
    expect(events[0]).toMatchObject({ event: 'progress', type: 'start', total: 7 });
    expect(events.filter((e) => e.type === 'file-done').length).toBe(6);
    const done = events[events.length - 1] as { event: string; graded: number; failed: { error: string }[]; megapixelsPerSecond: number };
    expect(done).toMatchObject({ event: 'done', graded: 6 });
    expect(done.failed.map((f) => f.error)).toEqual([expect.stringMatching(/^broken\.jpg: /)]);
    expect(done.megapixelsPerSecond).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `frame${i}_LUT01.jpg`));
  });

  it('grades with a library preset found by name, and a blend of a model', () => {
    const library = scratchDir('nilut-grade-lib-');
    expect(runNilut(['library', 'init', '--library', library]).code).toBe(0);
    const byName = runNilut([
      'grade',
      path.join(photos, 'frame0.jpg'),
      '--out',
      path.join(library, 'a'),
      '--preset',
      'LUT01 × LUT03 (50/50)',
      '--library',
      library,
      '--json',
    ]);
    expect(byName.code, byName.stderr).toBe(0);
    const model = runNilut([
      'grade',
      path.join(photos, 'frame0.jpg'),
      '--out',
      path.join(library, 'b'),
      '--model',
      fixture('nilut-paper/nilutx3style.pt'),
      '--blend',
      '1,1,0',
    ]);
    expect(model.code, model.stderr).toBe(0);
    expect(readdirSync(path.join(library, 'a'))).toEqual(['frame0.jpg']);
    const missing = runNilut(['grade', photos, '--out', path.join(library, 'c'), '--preset', 'Nope', '--library', library]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/has no preset named "Nope"/);
  });

  it('refuses contradictory or missing looks and an output folder that is the input folder (exit 2)', () => {
    expect(runNilut(['grade', photos, '--out', 'x', '--lut', LUT01, '--model', 'm.nilut']).code).toBe(2);
    expect(runNilut(['grade', photos, '--out', 'x']).stderr).toMatch(/give exactly one look/);
    const into = runNilut(['grade', photos, '--out', photos, '--lut', LUT01]);
    expect(into.code).toBe(2);
    expect(into.stderr).toMatch(/holds the photos being graded/);
    expect(runNilut(['grade', photos, '--out', 'x', '--lut', LUT01, '--skip-existing', '--overwrite']).code).toBe(2);
  });

  it.skipIf(!HANDLES_SIGNALS)('Ctrl-C stops after the photos in flight with no partial file; --skip-existing finishes the rest', async () => {
    const out = path.join(scratchDir(), 'out');
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nilut.js'), 'grade', photos, '--out', out, '--lut', LUT01, '--jobs', '1', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (!interrupted && buffer.includes('"type":"file-done"')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const done = jsonLines(buffer).pop() as { cancelled: boolean; graded: number; notStarted: number };
    expect(done.cancelled).toBe(true);
    expect(done.notStarted).toBeGreaterThan(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(out).length).toBe(done.graded);
    const resume = runNilut(['grade', photos, '--out', out, '--lut', LUT01, '--skip-existing', '--json']);
    const summary = jsonLines(resume.stdout).pop() as { graded: number; skipped: unknown[] };
    expect(summary.graded + done.graded).toBe(6);
    expect(readdirSync(out).length).toBe(6);
  });
});
