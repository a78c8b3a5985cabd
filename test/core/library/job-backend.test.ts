import { describe, expect, it } from 'vitest';
import { importPaths } from '../../../main/core/library/import.js';
import type { JobEvent } from '../../../main/core/library/job-runner.js';
import { runJobNow } from '../../../main/core/library/job-runner.js';
import { enqueueJob } from '../../../main/core/library/jobs.js';
import { initBackend } from '../../../main/core/nilut/backend.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

describe('a fit job reports its TensorFlow.js backend', () => {
  it('as a field of every progress event and of its result (the sentence is for people only)', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [fixture('luts/cube/colour_Colour_Correct.cube')], { queueFits: false });
    const fitJob = enqueueJob(library, 'fit', { presetIds: [imported[0].presetId] });
    const events: JobEvent[] = [];
    const ended = await runJobNow(library, fitJob, { fit: { steps: 60, poolSize: 5_000, progressEvery: 20 }, onEvent: (e) => events.push(e) });
    expect(ended.state).toBe('done');
    const { name } = await initBackend();
    const progress = events.filter((e): e is JobEvent & { type: 'progress' } => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(new Set(progress.map((e) => e.backend))).toEqual(new Set([name]));
    expect(ended.result).toMatchObject({ backend: name });
  });

  it('an import job has no backend', async () => {
    const library = libraries.open();
    const jobId = enqueueJob(library, 'import', { paths: [fixture('luts/cube/colour_Colour_Correct.cube')], queueFits: false });
    const events: JobEvent[] = [];
    expect((await runJobNow(library, jobId, { onEvent: (e) => events.push(e) })).state).toBe('done');
    expect(events.filter((e) => e.type === 'progress').every((e) => e.type === 'progress' && e.backend === undefined)).toBe(true);
  });
});
