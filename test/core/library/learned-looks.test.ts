/**
 * Issue 15, one model for the library: importing LUTs queues one learn job; it learns every
 * look on the worker threads and saves each as it ends (real SQLite, real learning from a small
 * colour pool); the fidelity gate; resuming; the library model exported and imported.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPACT_DEFAULTS } from '../../../main/core/compact/compact-defaults.js';
import { decodeLooksFile } from '../../../main/core/compact/looks-file.js';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { importPaths } from '../../../main/core/library/import.js';
import type { JobEvent, RunJobsOptions } from '../../../main/core/library/job-runner.js';
import { runJobNow } from '../../../main/core/library/job-runner.js';
import { cancelJob, ensureLearnJob, enqueueJob, getJob, listJobs } from '../../../main/core/library/jobs.js';
import type { LearnJobResult } from '../../../main/core/library/learn-job.js';
import { learnedLookOf, saveLearnedLook, unlearnedLutPresets } from '../../../main/core/library/learned-looks.js';
import type { Library } from '../../../main/core/library/library.js';
import { exportLibraryModel, learnedLookInModel, libraryModelSummary } from '../../../main/core/library/library-model.js';
import { removePreset } from '../../../main/core/library/preset-edits.js';
import { lutOfPreset } from '../../../main/core/library/preset-looks.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

/** Fewer training colours and lattice sizes than the product's, so a look takes a fraction of a second. */
const LEARN: RunJobsOptions['learn'] = { poolSize: 10_000, sizes: [9] };
const FIXTURES = [fixture('luts/hald/pillowlut_hald6_hefe.png'), fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png'), fixture('nilut-paper/LUT01.cube')];
const NAMES = ['LUT01', 'pillowlut_hald6_hefe', 'rawtherapee_Fuji_Velvia_50'];

/** A folder holding the three LUT fixtures. */
function lutFolder(library: Library): string {
  const dir = path.join(library.dir, '..', `luts-${path.basename(library.dir)}`);
  mkdirSync(dir, { recursive: true });
  for (const file of FIXTURES) copyFileSync(file, path.join(dir, path.basename(file)));
  return dir;
}

/** A 17³ .cube of random colours: no 9³ lattice comes within ΔE2000 3 of it. */
function noiseCube(dir: string): string {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31).toFixed(6);
  const rows = Array.from({ length: 17 ** 3 }, () => `${random()} ${random()} ${random()}`);
  const file = path.join(dir, 'Noise.cube');
  writeFileSync(file, `LUT_3D_SIZE 17\n${rows.join('\n')}\n`);
  return file;
}

async function learn(library: Library, jobId: number, options: RunJobsOptions = {}) {
  const events: JobEvent[] = [];
  const ended = await runJobNow(library, jobId, { learn: LEARN, ...options, onEvent: (e) => (events.push(e), options.onEvent?.(e)) });
  const messages = events.flatMap((e) => (e.type === 'progress' ? [e.message] : []));
  return { ended, messages, result: ended.result as LearnJobResult };
}

const lutIds = (library: Library) => listPresets(library, { kind: 'lut', sort: 'name' }).map((p) => p.id);

describe('the learn job', () => {
  it('is queued once for a folder of LUTs, saves each look with its fidelity, and learns nothing the second time', async () => {
    const library = libraries.open();
    const report = await importPaths(library, [lutFolder(library)]);
    expect(report.imported).toHaveLength(3);
    const jobs = listJobs(library, ['queued']);
    expect(jobs.map((j) => [j.id, j.kind, j.payload])).toEqual([[report.learnJob, 'learn', {}]]);

    const { ended, messages, result } = await learn(library, report.learnJob!);
    expect(ended.state, ended.error).toBe('done');
    expect(result.learned.sort()).toEqual(lutIds(library).sort());
    const progress = messages.filter((m) => /^\d\/3 /.test(m));
    expect(progress).toHaveLength(3);
    for (const line of progress) expect(line).toMatch(/^\d\/3 .+: \d+\.\d KB, ΔE2000 \d+\.\d\d$/);
    for (const id of lutIds(library)) {
      const look = learnedLookOf(library, id)!;
      expect(look).toMatchObject({ current: true, sourceHash: getPreset(library, id).contentHash, bytes: look.code.length });
      expect(look.size).toBe(9);
      expect(look.fidelity.mean).toBeGreaterThan(0);
      expect(look.fidelity.mean).toBeLessThanOrEqual(COMPACT_DEFAULTS.failAboveMean);
      expect(look.fidelity.p95).toBeGreaterThanOrEqual(look.fidelity.mean);
      expect(look.fidelity.max).toBeGreaterThanOrEqual(look.fidelity.p95);
      expect(look.fidelity.gridMean).toBeGreaterThan(0);
      expect(look.seconds).toBeGreaterThan(0);
    }
    expect(result.model).toEqual(libraryModelSummary(library));
    expect(unlearnedLutPresets(library)).toEqual([]);

    const again = await learn(library, ensureLearnJob(library));
    expect(again.ended.state).toBe('done');
    expect(again.result.learned).toEqual([]);
    expect(again.messages).toEqual(['every LUT preset has its learned look']);
  }, 60_000);

  it('reuses the queued job when more LUTs are imported, and removing a preset removes its look', async () => {
    const library = libraries.open();
    const first = await importPaths(library, [FIXTURES[2]]);
    const second = await importPaths(library, [FIXTURES[0]]);
    expect(second.learnJob).toBe(first.learnJob);
    expect(listJobs(library).filter((j) => j.kind === 'learn')).toHaveLength(1);
    expect(listJobs(library).filter((j) => j.kind === 'fit')).toEqual([]);
    expect((await learn(library, first.learnJob!)).ended.state).toBe('done');

    const [id] = lutIds(library);
    expect(learnedLookOf(library, id)).toBeDefined();
    removePreset(library, id);
    expect(learnedLookOf(library, id)).toBeUndefined();
    expect(libraryModelSummary(library).looks).toBe(1);
    expect(library.db.pragma('foreign_key_check')).toEqual([]);
  }, 60_000);

  it('paused after one look (the runner stopping) resumes and learns only the rest', async () => {
    const library = libraries.open();
    const { learnJob } = await importPaths(library, [lutFolder(library)]);
    const stop = new AbortController();
    const paused = await learn(library, learnJob!, {
      signal: stop.signal,
      learn: { ...LEARN, threads: 1 },
      onEvent: (e) => e.type === 'progress' && e.message.startsWith('1/3') && stop.abort(),
    });
    expect(paused.ended.state).toBe('cancelled');
    expect(getJob(library, learnJob!).state).toBe('queued');
    const saved = lutIds(library).filter((id) => learnedLookOf(library, id));
    expect(saved).toHaveLength(1);
    const savedAt = learnedLookOf(library, saved[0])!.createdAt;

    const resumed = await learn(library, learnJob!);
    expect(resumed.ended.state).toBe('done');
    expect(resumed.result.learned.sort()).toEqual(lutIds(library).filter((id) => id !== saved[0]));
    expect(resumed.messages.filter((m) => /^\d\/2 /.test(m))).toHaveLength(2);
    expect(learnedLookOf(library, saved[0])!.createdAt).toBe(savedAt);
  }, 60_000);

  it('cancelled from elsewhere after one look keeps it, and the next job learns only the rest', async () => {
    const library = libraries.open();
    const { learnJob } = await importPaths(library, [lutFolder(library)]);
    const cancelled = await learn(library, learnJob!, {
      learn: { ...LEARN, threads: 1 },
      onEvent: (e) => e.type === 'progress' && e.message.startsWith('1/3') && cancelJob(library, learnJob!),
    });
    expect(cancelled.ended.state).toBe('cancelled');
    expect(getJob(library, learnJob!).state).toBe('cancelled');
    const saved = lutIds(library).filter((id) => learnedLookOf(library, id));
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(3);

    const rest = await learn(library, ensureLearnJob(library));
    expect(rest.result.learned.sort()).toEqual(lutIds(library).filter((id) => !saved.includes(id)));
  }, 60_000);

  it('a killed runner’s job is queued again on the next open and resumes from the looks saved', async () => {
    const dir = libraries.dir();
    const library = libraries.open(dir);
    const { learnJob } = await importPaths(library, [lutFolder(library)]);
    const stop = new AbortController();
    await learn(library, learnJob!, {
      signal: stop.signal,
      learn: { ...LEARN, threads: 1 },
      onEvent: (e) => e.type === 'progress' && e.message.startsWith('1/3') && stop.abort(),
    });
    // As if the process died mid-job: running, under a pid that is gone.
    library.db.prepare("UPDATE jobs SET state = 'running', runner_pid = 2147483646, heartbeat_at = ? WHERE id = ?").run(new Date().toISOString(), learnJob);
    library.close();
    const reopened = libraries.open(dir);
    expect(getJob(reopened, learnJob!).state).toBe('queued');
    const resumed = await learn(reopened, learnJob!);
    expect(resumed.result.learned).toHaveLength(2);
    expect(unlearnedLutPresets(reopened)).toEqual([]);
  }, 60_000);

  it('fails naming a look too far from its LUT, keeps its earlier look and saves the others', async () => {
    const library = libraries.open();
    const noise = noiseCube(library.dir);
    const { imported } = await importPaths(library, [FIXTURES[2], noise], { queueFits: false });
    const noiseId = imported[1].presetId;
    // An earlier look of the noise preset (say, from before its LUT was edited) stays as it was.
    const earlier = { presetId: noiseId, sourceHash: getPreset(library, noiseId).contentHash!, size: 2, code: new Uint8Array([1, 2, 0, 1, 0]) };
    library.db.prepare('UPDATE presets SET content_hash = ? WHERE id = ?').run('f'.repeat(64), noiseId);
    expect(
      saveLearnedLook(library, { ...earlier, sourceHash: 'f'.repeat(64), fidelity: { mean: 1, p95: 2, max: 3, gridMean: 1 }, metGoal: false, seconds: 1 }),
    ).toBe(true);
    library.db.prepare('UPDATE presets SET content_hash = ? WHERE id = ?').run(earlier.sourceHash, noiseId);

    const { ended, messages } = await learn(library, enqueueJob(library, 'learn', {}));
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(/^1 of 2 looks was not saved: Noise: ΔE2000 \d+\.\d\d, above 3$/);
    expect(messages.some((m) => /Noise: .*not saved, too far from its LUT/.test(m))).toBe(true);
    expect(learnedLookOf(library, imported[0].presetId)).toMatchObject({ current: true });
    expect(learnedLookOf(library, noiseId)).toMatchObject({ current: false, sourceHash: 'f'.repeat(64), size: 2 });
  }, 60_000);

  it('saves no look for a preset whose LUT changed while it was learned', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [FIXTURES[2]], { queueFits: false });
    const id = imported[0].presetId;
    const look = {
      presetId: id,
      sourceHash: 'e'.repeat(64),
      size: 2,
      code: new Uint8Array([1, 2, 0, 1, 0]),
      fidelity: { mean: 1, p95: 2, max: 3, gridMean: 1 },
      metGoal: false,
      seconds: 1,
    };
    expect(saveLearnedLook(library, look)).toBe(false);
    expect(saveLearnedLook(library, { ...look, presetId: 99_999 })).toBe(false);
    expect(learnedLookOf(library, id)).toBeUndefined();
    expect(() => library.db.prepare("INSERT INTO learned_looks VALUES (?, ?, 2, x'0102', 5, 0, 0, 0, 0, 0, NULL, '2026')").run(id, 'e'.repeat(64))).toThrow(
      /CHECK/,
    );
  });
});

describe('the library model', () => {
  it('exports as one looks file of a few KB whose length the summary gives, and imports into another library as the same looks', async () => {
    const library = libraries.open();
    const { learnJob } = await importPaths(library, [lutFolder(library)]);
    expect((await learn(library, learnJob!)).ended.state).toBe('done');
    const file = path.join(library.dir, 'library.nilut');
    const exported = await exportLibraryModel(library, file);
    const bytes = readFileSync(file);
    expect(exported).toMatchObject({ looks: 3, bytes: bytes.length });
    expect(bytes.length).toBeLessThan(20_000);
    const summary = libraryModelSummary(library);
    expect(summary.bytes).toBe(bytes.length);
    expect(summary.lutBytes).toBe(lutIds(library).reduce((sum, id) => sum + statSync(library.blobs.pathOf(getPreset(library, id).blobHash!)).size, 0));
    const shares = lutIds(library).map((id) => learnedLookInModel(library, id)!.shareOfLibraryModel);
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.95);
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(1);

    const other = libraries.open();
    const report = await importPaths(other, [file]);
    expect(report.failed).toEqual([]);
    expect(report.learnJob).toBeUndefined();
    expect(report.imported.map((i) => i.kind)).toEqual(['lut', 'lut', 'lut']);
    const byName = (lib: Library) => new Map(listPresets(lib, { kind: 'lut' }).map((p) => [p.name, learnedLookOf(lib, p.id)!]));
    const theirs = byName(library);
    const ours = byName(other);
    expect([...ours.keys()].sort()).toEqual(NAMES);
    for (const [name, look] of ours) {
      const source = theirs.get(name)!;
      expect(look).toMatchObject({ current: true, size: source.size, bytes: source.bytes, sourceHash: source.sourceHash, seconds: null });
      for (const key of ['mean', 'p95', 'max', 'gridMean'] as const) expect(look.fidelity[key]).toBeCloseTo(source.fidelity[key], 3);
    }
    // Nothing to relearn; the stored .cube is the look's lattice.
    expect(unlearnedLutPresets(other)).toEqual([]);
    const preset = listPresets(other, { kind: 'lut' })[0];
    expect(preset.originalName).toBe(`${preset.name}.cube`);
    const decoded = decodeLooksFile(bytes, 'library.nilut').find((l) => l.name === preset.name)!;
    const lut = await lutOfPreset(other, preset);
    expect(lut.size).toBe(decoded.lattice.size);
    lut.data.forEach((v, i) => expect(v).toBeCloseTo(decoded.lattice.data[i], 6));
    // The second library's model is the same file, byte for byte.
    const again = path.join(other.dir, 'again.nilut');
    await exportLibraryModel(other, again);
    expect(readFileSync(again).equals(bytes)).toBe(true);

    // The same looks again, or into the library they came from, are duplicates.
    expect((await importPaths(other, [file])).duplicates).toHaveLength(3);
    expect((await importPaths(library, [file])).duplicates.map((d) => d.presetId).sort()).toEqual(lutIds(library).sort());
  }, 60_000);

  it('exports only the looks asked for, and refuses a preset without a current look', async () => {
    const library = libraries.open();
    const { imported, learnJob } = await importPaths(library, [FIXTURES[2], FIXTURES[1]]);
    const stop = new AbortController();
    await learn(library, learnJob!, {
      signal: stop.signal,
      learn: { ...LEARN, threads: 1 },
      onEvent: (e) => e.type === 'progress' && e.message.startsWith('1/2') && stop.abort(),
    });
    const [learned] = imported.map((i) => i.presetId).filter((id) => learnedLookOf(library, id));
    const missing = imported.map((i) => i.presetId).find((id) => id !== learned)!;
    const file = path.join(library.dir, 'one.nilut');
    expect((await exportLibraryModel(library, file, { presetIds: [learned] })).looks).toBe(1);
    expect(decodeLooksFile(readFileSync(file), 'one.nilut').map((l) => l.name)).toEqual([getPreset(library, learned).name]);
    await expect(exportLibraryModel(library, path.join(library.dir, 'two.nilut'), { presetIds: [learned, missing] })).rejects.toThrow(
      new RegExp(`no current learned look for preset ${missing} \\(${getPreset(library, missing).name}\\)`),
    );
    await expect(exportLibraryModel(library, file)).rejects.toThrow(/already exists/);
  }, 60_000);
});
