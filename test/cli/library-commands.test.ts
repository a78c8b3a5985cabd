import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const LIB = mkdtempSync(path.join(os.tmpdir(), 'nilut-cli-library-'));
afterAll(() => rmSync(LIB, { recursive: true, force: true }));
const lib = (...args: string[]) => runNilut(['library', ...args, '--library', LIB]);
const json = (...args: string[]) => jsonExiting(0, ...args);
/** The last JSON line of a command expected to end with `code`. */
const jsonExiting = (code: number, ...args: string[]) => {
  const run = lib(...args, '--json');
  expect(run.code, run.stderr + run.stdout).toBe(code);
  const lines = jsonLines(run.stdout);
  return lines[lines.length - 1] as unknown;
};

describe('nilut library', () => {
  it('init adds the samples; import, list, search, show, tag, fav, rate, export, jobs and rm work together', async () => {
    expect(json('init')).toMatchObject({ event: 'done', samples: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    // One file fails: the others are imported, and the exit status says not all of them were.
    const imported = jsonExiting(1, 'import', fixture('luts/hald'), fixture('luts/3dl')) as {
      imported: number;
      failed: { file: string; error: string }[];
      learnJob: number | null;
    };
    expect(imported.imported).toBe(11);
    expect(imported.failed.map((f) => path.basename(f.file))).toEqual(['ocio_error_truncated_file.3dl']);
    expect(imported.failed[0].error).toMatch(/ocio_error_truncated_file\.3dl:\d+: is truncated/);
    // One learn job for them all: the one the samples queued, reused.
    expect(imported.learnJob).toEqual(expect.any(Number));

    const all = json('list') as { id: number; name: string; kind: string }[];
    expect(all.length).toBe(14);
    const found = json('search', 'portra') as { id: number; name: string }[];
    expect(found.map((p) => p.name)).toEqual(['rawtherapee_Kodak_Portra_400_2']);
    const id = String(found[0].id);
    expect(json('tag', id, 'film', 'warm')).toMatchObject({ tags: ['film', 'warm'] });
    expect(json('fav', id)).toMatchObject({ favourite: true });
    expect(json('rate', id, '4')).toMatchObject({ rating: 4 });
    expect((json('list', '--favourite') as unknown[]).length).toBe(1);
    expect((json('list', '--tag', 'film') as { id: number }[]).map((p) => p.id)).toEqual([found[0].id]);
    expect(json('show', id)).toMatchObject({
      name: 'rawtherapee_Kodak_Portra_400_2',
      kind: 'lut',
      latticeSize: 144,
      pendingFitJobs: [],
      learnedLook: null,
      pendingLearnJobs: [imported.learnJob],
    });

    const out = path.join(LIB, 'portra-33.cube');
    json('export', id, out, '--size', '33');
    expect((await readLutFile(out)).lut.size).toBe(33);
    const jobs = json('jobs', '--state', 'queued') as { kind: string }[];
    expect(jobs.map((j) => j.kind)).toEqual(['learn']);
    expect(json('jobs', 'cancel', String(imported.learnJob))).toMatchObject({ state: 'cancelled' });

    const removed = json('rm', id) as { removed: number[]; blobsCollected: number }[];
    expect(removed[0]).toMatchObject({ removed: [found[0].id], blobsCollected: 1 });
    expect((json('list') as unknown[]).length).toBe(13);
  });

  it('says which preset is missing (exit 1) and which argument is wrong (exit 2)', () => {
    const missing = lib('show', '99999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/library\.db: has no preset 99999/);
    const bad = lib('rate', '1', '9');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Expected integer between 0 and 5 for rating but received "9"/);
    expect(lib('list', '--kind', 'photo').code).toBe(2);
    expect(lib('--help').code).toBe(0);
  });
});
