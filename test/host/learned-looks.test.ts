/**
 * The host and issue 15's library model: an import queues one learn job, the job thread learns
 * it in the background, and the renderer sees each LUT's learned look (library.get) and the
 * library model's size (library.tags); a compact looks file imports through the same channel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Events, ImportResult, JobSummary, LibraryModelInfo, PresetDetail, PresetSummary } from '../../main/contract/contract.js';
import { exportLibraryModel } from '../../main/core/library/library-model.js';
import { openLibrary } from '../../main/core/library/library.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();
const LEARN = { poolSize: 10_000, sizes: [9] };
const LUTS = [fixture('nilut-paper', 'LUT01.cube'), fixture('luts', 'hald', 'pillowlut_hald6_hefe.png')];

type Tags = { model?: LibraryModelInfo };

describe('host: the library model', () => {
  it('learns imported LUTs in one background job and shows each look and the model’s size', async () => {
    const t = await hosts.start({ backgroundJobs: true, learn: LEARN });
    t.host.grant(LUTS);
    expect((await t.value<Tags>('library.tags', {})).model).toEqual({ looks: 0, bytes: expect.any(Number), lutBytes: 0 });
    const report = await t.value<ImportResult>('library.import', { paths: LUTS, queueFits: true });
    expect(report).toMatchObject({ learnJob: expect.any(Number) });

    const done = await t.next('jobs.changed', (e: Events['jobs.changed']) => e.job.id === report.learnJob && e.job.state === 'done');
    expect(done.job).toMatchObject({ kind: 'learn', title: 'Learn the new looks', resultPresetId: null });
    await t.next('library.changed', (e) => e.reason === 'learn');

    const tags = await t.value<Tags>('library.tags', {});
    expect(tags.model).toMatchObject({ looks: 2 });
    expect(tags.model!.bytes).toBeGreaterThan(500);
    expect(tags.model!.lutBytes).toBeGreaterThan(tags.model!.bytes);
    let shares = 0;
    for (const { presetId } of report.imported) {
      const detail = await t.value<PresetDetail>('library.get', { id: presetId });
      expect(detail.learnedLook).toMatchObject({ size: 9, metGoal: expect.any(Boolean), current: true });
      const look = detail.learnedLook!;
      expect(look.bytes).toBeGreaterThan(100);
      expect(look.deltaE2000.mean).toBeLessThan(3);
      expect(look.deltaE2000.max).toBeGreaterThanOrEqual(look.deltaE2000.p95);
      shares += look.shareOfLibraryModel;
    }
    expect(shares).toBeGreaterThan(0.9);
    expect(shares).toBeLessThan(1);
  }, 60_000);

  it('imports a compact looks file as LUT presets with their looks, queueing nothing', async () => {
    const t = await hosts.start();
    // A library elsewhere learned and exported these looks.
    const source = openLibrary(path.join(t.dir, 'elsewhere'));
    const { importPaths } = await import('../../main/core/library/import.js');
    const { runJobNow } = await import('../../main/core/library/job-runner.js');
    const { learnJob } = await importPaths(source, LUTS);
    expect((await runJobNow(source, learnJob!, { learn: LEARN })).state).toBe('done');
    const file = path.join(t.dir, 'looks.nilut');
    await exportLibraryModel(source, file);
    source.close();

    const report = await t.value<ImportResult>('library.importFiles', { files: [{ name: 'looks.nilut', bytes: readFileSync(file) }], queueFits: true });
    expect(report).toMatchObject({ failed: [], learnJob: null });
    expect(report.imported.map((i) => [i.file, i.kind])).toEqual([
      ['looks.nilut', 'lut'],
      ['looks.nilut', 'lut'],
    ]);
    expect(await t.value<JobSummary[]>('jobs.list', {})).toEqual([]);
    const presets = await t.value<PresetSummary[]>('library.list', {});
    expect(presets.map((p) => [p.name, p.sourceFormat, p.originalName])).toEqual([
      ['LUT01', 'cube', 'LUT01.cube'],
      ['pillowlut_hald6_hefe', 'cube', 'pillowlut_hald6_hefe.cube'],
    ]);
    const detail = await t.value<PresetDetail>('library.get', { id: presets[0].id });
    expect(detail.learnedLook).toMatchObject({ size: 9, current: true });
    expect((await t.value<Tags>('library.tags', {})).model).toMatchObject({ looks: 2, bytes: readFileSync(file).length });
  }, 60_000);

  it('sends no learned look for a preset that is not a LUT', async () => {
    const t = await hosts.start();
    t.host.grant([fixture('nilut-paper')]);
    const report = await t.value<ImportResult>('library.import', { paths: [fixture('nilut-paper', 'nilutx3style.pt')], queueFits: true });
    expect(report.learnJob).toBeNull();
    expect((await t.value<PresetDetail>('library.get', { id: report.imported[0].presetId })).learnedLook).toBeNull();
  });
});
