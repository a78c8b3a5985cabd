/**
 * Each reason a failure can carry (main/core/errors.ts), caused for real, ends the built
 * `nilut` with its exit status (cli/errors.ts): 2 for a request that is wrong as a whole, 1 for
 * every other failure, with core's sentence on stderr. A full disk goes through exitStatusFor
 * with the real error, since no command can be pointed at one harmlessly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cancelled } from '../../main/core/errors.js';
import { EXIT_FAILURE, EXIT_USAGE, exitStatusFor, UsageError } from '../../main/cli/errors.js';
import { HANDLES_SIGNALS, jsonLines, runNilut } from '../support/cli.js';
import { fixture, REPO_ROOT } from '../support/paths.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-exit-'));
const LIB = path.join(DIR, 'library');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const linux = process.platform === 'linux';

let lutId: number;
beforeAll(() => {
  const init = runNilut(['library', 'init', '--library', LIB, '--json']);
  expect(init.code, init.stderr).toBe(0);
  const list = runNilut(['library', 'list', '--kind', 'lut', '--library', LIB, '--json']);
  lutId = (jsonLines(list.stdout).at(-1) as unknown as { id: number }[])[0].id;
});

describe('nilut exit statuses come from the reason, not the message', () => {
  it('not-found and inaccessible: a preset that does not exist, a LUT file that is not there (1)', () => {
    const preset = runNilut(['library', 'show', '99999', '--library', LIB]);
    expect([preset.code, preset.stderr]).toEqual([1, expect.stringContaining('has no preset 99999')]);
    const file = runNilut(['info', path.join(DIR, 'missing.cube')]);
    expect([file.code, file.stderr]).toEqual([1, expect.stringContaining('missing.cube: cannot be read (ENOENT)')]);
  });

  it('invalid: a batch whose output folder holds its photos (2, with the usage hint)', () => {
    const photos = path.join(DIR, 'shoot');
    mkdirSync(photos, { recursive: true });
    writeFileSync(path.join(photos, 'a.jpg'), readFileSync(fixture('photos', 'pineapple.jpeg')));
    const run = runNilut(['grade', photos, '--out', photos, '--lut', LUT01]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds the photos being graded[^]*run with --help/);
  });

  it('rejected: a name the library does not accept, a Hald size that is no square (1)', () => {
    const rename = runNilut(['library', 'rename', String(lutId), 'tab\there', '--library', LIB]);
    expect([rename.code, rename.stderr]).toEqual([1, expect.stringContaining('must not hold control characters')]);
    const hald = runNilut(['convert', LUT01, path.join(DIR, 'look.png'), '--size', '33']);
    expect(hald.code).toBe(1);
  });

  it('damaged and unsupported: a truncated .3dl, a file that is no LUT (1)', () => {
    const truncated = runNilut(['info', fixture('luts', '3dl', 'ocio_error_truncated_file.3dl')]);
    expect([truncated.code, truncated.stderr]).toEqual([1, expect.stringContaining('is truncated')]);
    const readme = runNilut(['info', fixture('luts', 'README.md')]);
    expect([readme.code, readme.stderr]).toEqual([1, expect.stringContaining('has an unknown LUT extension')]);
  });

  it('exists: an export onto a file that is there (1), and the file is kept', () => {
    const target = path.join(DIR, 'taken.cube');
    writeFileSync(target, 'keep me');
    const run = runNilut(['library', 'export', String(lutId), target, '--library', LIB]);
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('already exists')]);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it.skipIf(!linux)('denied: an export into a folder the system does not let us write (1)', () => {
    const run = runNilut(['library', 'export', String(lutId), '/sys/kernel/nilut-look.cube', '--library', LIB]);
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('EACCES')]);
  });

  it.skipIf(!linux)('disk-full: the real ENOSPC of /dev/full is a failure (1)', () => {
    let full: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (error) {
      full = error;
    }
    expect(exitStatusFor(full)).toBe(EXIT_FAILURE);
    expect(exitStatusFor(new UsageError('--x'))).toBe(EXIT_USAGE);
    expect(exitStatusFor(new Cancelled())).toBe(EXIT_FAILURE);
  });

  it.skipIf(!HANDLES_SIGNALS)(
    'cancelled: Ctrl-C during nilut fit stops it at the next step (1) and writes no model',
    async () => {
      const out = path.join(DIR, 'never.nilut');
      const args = ['fit', LUT01, '--out', out, '--engine', 'network', '--units', '16', '--layers', '1', '--steps', '1000000', '--json'];
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nilut.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const first = stdout === '';
        stdout += chunk.toString();
        if (first) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ event: 'error', ok: false, code: 1, error: expect.stringMatching(/^fit cancelled at step \d+$/) });
      expect(existsSync(out)).toBe(false);
    },
    120_000,
  );
});
