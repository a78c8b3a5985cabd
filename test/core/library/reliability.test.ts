/**
 * The library under real process failure: SIGKILL in the middle of a folder import, of a fit
 * and of learning looks, and two processes writing one library at once. The children are the
 * built `nilut` command and the built core (npm test builds first).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPresets, listPresets } from '../../../main/core/library/catalogue.js';
import { importPaths } from '../../../main/core/library/import.js';
import { runQueuedJobs } from '../../../main/core/library/job-runner.js';
import { getJob, listJobs } from '../../../main/core/library/jobs.js';
import { unlearnedLutPresets } from '../../../main/core/library/learned-looks.js';
import { addTags, setRating } from '../../../main/core/library/preset-edits.js';
import { writeCube } from '../../../main/core/lut/cube-write.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture, REPO_ROOT } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

/** Distinct small looks: a tinted identity per index, so every file has its own content. */
function writeLooks(dir: string, count: number, size = 17): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const lut = identityLut(size);
    const data = lut.data.map((v, j) => (j % 3 === i % 3 ? v * (0.5 + i / (2 * count)) : v));
    writeFileSync(path.join(dir, `look-${String(i).padStart(4, '0')}.cube`), writeCube({ ...lut, data }, { title: `look ${i}` }));
  }
}

/** Starts `nilut` with --json and resolves once `ready` accepts a progress event. */
function startNilut(args: string[], ready: (event: Record<string, unknown>) => boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nilut.js'), ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line && ready(JSON.parse(line) as Record<string, unknown>)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`nilut exited (${code}) before it was killed`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function checkIntact(library: ReturnType<typeof libraries.open>): void {
  expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(library.db.pragma('foreign_key_check')).toEqual([]);
  for (const preset of listPresets(library)) if (preset.blobHash) expect(library.blobs.has(preset.blobHash), `${preset.name}'s stored file`).toBe(true);
}

describe('the library survives a killed process', () => {
  it('SIGKILL in the middle of a folder import: the library is intact, the import is queued again and finishes', async () => {
    const dir = libraries.dir();
    const looks = path.join(dir, 'incoming');
    writeLooks(looks, 150);
    const child = await startNilut(
      ['library', 'import', looks, '--library', path.join(dir, 'lib')],
      (e) => e.event === 'progress' && typeof e.progress === 'number' && e.progress > 0.2,
    );
    await killHard(child);

    const library = libraries.open(path.join(dir, 'lib'));
    checkIntact(library);
    const partial = countPresets(library);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(150);
    const importJob = listJobs(library).find((j) => j.kind === 'import')!;
    expect(importJob.state).toBe('queued');
    // Every preset that made it in is whole, and one learn job was queued with the first of them.
    expect(listJobs(library, ['queued']).filter((j) => j.kind === 'learn').length).toBe(1);
    expect(unlearnedLutPresets(library).length).toBe(partial);

    await runQueuedJobs(library, { kinds: ['import'] });
    expect(getJob(library, importJob.id).state).toBe('done');
    expect(countPresets(library)).toBe(150);
    expect((getJob(library, importJob.id).result as { duplicates: number }).duplicates).toBe(partial);
    checkIntact(library);
  });

  it('SIGKILL in the middle of a fit: the library is intact and the fit is queued again', async () => {
    const dir = libraries.dir();
    const at = path.join(dir, 'lib');
    const setup = libraries.open(at);
    const { imported } = await importPaths(setup, [fixture('luts/cube/colour_Colour_Correct.cube')], { queueFits: false });
    setup.close();
    const child = await startNilut(
      ['library', 'fit', String(imported[0].presetId), '--steps', '200000', '--library', at],
      (e) => e.event === 'progress' && typeof e.progress === 'number' && e.progress > 0,
    );
    await killHard(child);

    const library = libraries.open(at);
    checkIntact(library);
    const fit = listJobs(library).find((j) => j.kind === 'fit')!;
    expect(fit).toMatchObject({ state: 'queued', attempts: 1, message: 'interrupted; queued again' });
    expect(listPresets(library, { kind: 'model' })).toEqual([]);
  });
});

describe('the library survives a killed learn job', () => {
  it('SIGKILL in the middle of `nilut library learn`: the looks it saved are kept and the job, queued again, learns only the rest', async () => {
    const dir = libraries.dir();
    const at = path.join(dir, 'lib');
    const looks = path.join(dir, 'incoming');
    writeLooks(looks, 6);
    const setup = libraries.open(at);
    const { learnJob } = await importPaths(setup, [looks]);
    setup.close();
    const child = await startNilut(
      ['library', 'learn', '--library', at],
      (e) => e.event === 'progress' && typeof e.message === 'string' && /^1\/6 /.test(e.message),
    );
    await killHard(child);

    const library = libraries.open(at);
    checkIntact(library);
    expect(getJob(library, learnJob!)).toMatchObject({ state: 'queued', attempts: 1, message: 'interrupted; queued again' });
    const left = unlearnedLutPresets(library);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(6);
    const [ended] = await runQueuedJobs(library, { kinds: ['learn'], learn: { poolSize: 10_000, sizes: [9] } });
    expect(ended).toMatchObject({ jobId: learnJob, state: 'done' });
    expect((ended.result as { learned: number[] }).learned.sort()).toEqual(left);
    expect(unlearnedLutPresets(library)).toEqual([]);
    checkIntact(library);
  });
});

describe('two processes on one library', () => {
  it('reads never fail and writes wait their turn and succeed', async () => {
    const at = libraries.dir();
    const library = libraries.open(at);
    const looks = path.join(at, 'looks');
    writeLooks(looks, 20, 5);
    await importPaths(library, [looks], { queueFits: false });
    const ids = listPresets(library).map((p) => p.id);

    // The other process: the built core, rating and tagging every preset in many small transactions.
    const script = `
      const { openLibrary } = await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/main/core/library/library.js'))});
      const edits = await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/main/core/library/preset-edits.js'))});
      const library = openLibrary(${JSON.stringify(at)});
      const ids = ${JSON.stringify(ids)};
      for (let round = 0; round < 15; round++) for (const id of ids) { edits.setRating(library, id, round % 6); edits.addTags(library, id, ['other-' + round]); }
      library.close();
      process.stdout.write('done');`;
    const other = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let otherOut = '',
      otherErr = '';
    other.stdout.on('data', (c: Buffer) => (otherOut += c.toString()));
    other.stderr.on('data', (c: Buffer) => (otherErr += c.toString()));
    const otherDone = new Promise<number | null>((resolve) => other.on('exit', resolve));

    let reads = 0;
    let writes = 0;
    let running = true;
    void otherDone.then(() => (running = false));
    while (running || reads < 50) {
      expect(listPresets(library).length).toBe(20);
      expect(listPresets(library, { text: 'look' }).length).toBe(20);
      reads++;
      addTags(library, ids[reads % ids.length], [`mine-${reads}`]);
      writes++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await otherDone).toBe(0);
    expect(otherErr).toBe('');
    expect(otherOut).toBe('done');
    for (const preset of listPresets(library)) expect(preset.tags.filter((t) => t.startsWith('other-')).length).toBe(15);
    const mine = listPresets(library)
      .flatMap((p) => p.tags)
      .filter((t) => t.startsWith('mine-')).length;
    expect(mine).toBe(writes);
    setRating(library, ids[0], 3);
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
