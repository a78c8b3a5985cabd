import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { exportPreset } from '../../../main/core/library/export.js';
import { importPaths } from '../../../main/core/library/import.js';
import type { JobEvent } from '../../../main/core/library/job-runner.js';
import { runJobNow, runQueuedJobs } from '../../../main/core/library/job-runner.js';
import { cancelJob, claimNextJob, enqueueJob, getJob, listJobs, requeueOrphanedJobs } from '../../../main/core/library/jobs.js';
import type { Library } from '../../../main/core/library/library.js';
import { latticeOfPreset } from '../../../main/core/library/preset-looks.js';
import { installSamples } from '../../../main/core/library/samples.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import { resampleLut, sampleLut } from '../../../main/core/lut/sample.js';
import { decodeNilut } from '../../../main/core/nilut/nilut-file.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();
const QUICK_FIT = { steps: 300, poolSize: 20_000, progressEvery: 50 };
const SMALL_LUT = fixture('luts/cube/colour_Colour_Correct.cube');

/** Imports LUTs and queues a fit of each (imports themselves queue one learn job instead). */
async function importAndQueueFits(library: Library, files: string[]): Promise<{ imported: { presetId: number }[]; fitJobs: number[] }> {
  const { imported } = await importPaths(library, files, { queueFits: false });
  return { imported, fitJobs: imported.map((i) => enqueueJob(library, 'fit', { presetIds: [i.presetId] })) };
}

function outDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'nilut-export-'));
}

describe('background jobs', () => {
  it('a queued fit turns a LUT preset into a model preset that reports progress and fidelity', async () => {
    const library = libraries.open();
    const { imported, fitJobs } = await importAndQueueFits(library, [SMALL_LUT]);
    const events: JobEvent[] = [];
    const ended = await runQueuedJobs(library, { fit: QUICK_FIT, onEvent: (e) => events.push(e) });
    expect(ended.map((e) => e.state)).toEqual(['done']);
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e as { progress: number }).progress);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const job = getJob(library, fitJobs[0]);
    expect(job).toMatchObject({ state: 'done', progress: 1, attempts: 1 });
    const result = job.result as { presetId: number; metrics: { psnr: number } };
    expect(result.metrics.psnr).toBeGreaterThan(25);
    const model = getPreset(library, result.presetId);
    expect(model.kind).toBe('model');
    expect(getPreset(library, imported[0].presetId).hasModel).toBe(true);
    expect(listPresets(library, { hasModel: false })).toEqual([]);
  });

  it('fits several presets into one multi-style model', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [SMALL_LUT, fixture('luts/cube/generated_grayscale_32.cube')], { queueFits: false });
    const id = enqueueJob(library, 'fit', { presetIds: imported.map((i) => i.presetId), name: 'Colour and grey', units: 32, layers: 1 });
    const ended = await runJobNow(library, id, { fit: QUICK_FIT });
    expect(ended.state).toBe('done');
    const model = getPreset(library, (ended.result as { presetId: number }).presetId);
    expect(model.name).toBe('Colour and grey');
    const row = library.db.prepare('SELECT units, layers, styles FROM models WHERE id = ?').get(model.modelId);
    expect(row).toEqual({ units: 32, layers: 1, styles: 2 });
  });

  it('cancels a queued job at once and a running fit at its next progress report, leaving no model', async () => {
    const library = libraries.open();
    const { fitJobs } = await importAndQueueFits(library, [SMALL_LUT, fixture('luts/cube/generated_grayscale_32.cube')]);
    expect(cancelJob(library, fitJobs[1]).state).toBe('cancelled');
    const ended = await runJobNow(library, fitJobs[0], {
      fit: { ...QUICK_FIT, steps: 100_000 },
      onEvent: (e) => e.type === 'progress' && e.progress > 0 && cancelJob(library, fitJobs[0]),
    });
    expect(ended.state).toBe('cancelled');
    expect(listJobs(library).map((j) => j.state)).toEqual(['cancelled', 'cancelled']);
    expect(listPresets(library, { kind: 'model' })).toEqual([]);
  });

  it('a runner that stops (app quit, Ctrl-C) puts its job back in the queue', async () => {
    const library = libraries.open();
    const { fitJobs } = await importAndQueueFits(library, [SMALL_LUT]);
    const controller = new AbortController();
    const ended = await runQueuedJobs(library, {
      signal: controller.signal,
      fit: { ...QUICK_FIT, steps: 100_000 },
      onEvent: (e) => e.type === 'progress' && e.progress > 0 && controller.abort(),
    });
    expect(ended.map((e) => e.state)).toEqual(['cancelled']);
    expect(getJob(library, fitJobs[0]).state).toBe('queued');
  });

  it('requeues a job whose runner process is gone, and only that one', async () => {
    const library = libraries.open();
    const { fitJobs } = await importAndQueueFits(library, [SMALL_LUT, fixture('luts/cube/generated_grayscale_32.cube')]);
    // A job claimed by a process that no longer exists (pid far beyond pid_max).
    library.db.prepare("UPDATE jobs SET state = 'running', runner_pid = 2147483646, heartbeat_at = ? WHERE id = ?").run(new Date().toISOString(), fitJobs[0]);
    const live = claimNextJob(library)!;
    expect(live.id).toBe(fitJobs[1]);
    expect(requeueOrphanedJobs(library)).toEqual([fitJobs[0]]);
    expect(getJob(library, fitJobs[0]).state).toBe('queued');
    expect(getJob(library, fitJobs[1]).state).toBe('running');
  });
});

describe('export', () => {
  it('writes a LUT preset as .cube at a chosen size, .3dl and Hald, each reading back as the same look', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [fixture('nilut-paper/LUT01.cube')], { queueFits: false });
    const id = imported[0].presetId;
    const source = (await readLutFile(fixture('nilut-paper/LUT01.cube'))).lut;
    const dir = outDir();
    await exportPreset(library, id, path.join(dir, 'look.cube'), { size: 17 });
    expect((await readLutFile(path.join(dir, 'look.cube'))).lut.size).toBe(17);
    expect(Array.from((await readLutFile(path.join(dir, 'look.cube'))).lut.data.slice(0, 300))).toEqual(
      Array.from(Float32Array.from(resampleLut(source, 17).data.slice(0, 300))),
    );
    await exportPreset(library, id, path.join(dir, 'look.3dl'));
    await exportPreset(library, id, path.join(dir, 'look.png'));
    for (const name of ['look.3dl', 'look.png']) {
      const back = (await readLutFile(path.join(dir, name))).lut;
      for (const rgb of [
        [0.1, 0.5, 0.9],
        [0.8, 0.2, 0.3],
        [0.5, 0.5, 0.5],
      ]) {
        const a = [0, 0, 0],
          b = [0, 0, 0];
        sampleLut(source, rgb, a);
        sampleLut(back, rgb, b);
        for (let c = 0; c < 3; c++) expect(Math.abs(a[c] - b[c]), `${name} at ${rgb}`).toBeLessThan(2e-3);
      }
    }
    await expect(exportPreset(library, id, path.join(dir, 'look.cube'))).rejects.toThrow(/already exists/);
    await expect(exportPreset(library, id, path.join(dir, 'look.nilut'))).rejects.toThrow(/has no learned model yet/);
  });

  it('bakes a blend at its own weights and exports a model as its .nilut', async () => {
    const library = libraries.open();
    await installSamples(library);
    const blend = listPresets(library, { kind: 'blend' })[0];
    const model = listPresets(library, { kind: 'model' })[0];
    const dir = outDir();
    await exportPreset(library, blend.id, path.join(dir, 'blend.cube'), { size: 9 });
    const written = (await readLutFile(path.join(dir, 'blend.cube'))).lut;
    const baked = await latticeOfPreset(library, blend, { size: 9 });
    expect(written.size).toBe(9);
    for (let i = 0; i < written.data.length; i++) expect(Math.abs(written.data[i] - baked.data[i])).toBeLessThan(1e-6);
    const styleOne = await latticeOfPreset(library, model, { size: 9 });
    expect(Math.max(...written.data.map((v, i) => Math.abs(v - styleOne.data[i])))).toBeGreaterThan(0.01);
    await exportPreset(library, model.id, path.join(dir, 'paper.nilut'));
    const file = decodeNilut(readFileSync(path.join(dir, 'paper.nilut')), 'paper.nilut');
    expect(file.header.styles.map((s) => s.name)).toEqual(['LUT01', 'LUT03', 'LUT04']);
  });
});
