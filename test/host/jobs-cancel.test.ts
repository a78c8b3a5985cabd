import { describe, expect, it } from 'vitest';
import type { ImportResult, JobSummary } from '../../main/contract/contract.js';
import { useIpcHosts, type TestHost } from '../support/host.js';

const hosts = useIpcHosts();

/** A 2³ .cube whose red output is scaled by `gain`, so each file is a different look. */
function cube(gain: number): Uint8Array {
  const rows: string[] = [];
  for (let b = 0; b < 2; b++) for (let g = 0; g < 2; g++) for (let r = 0; r < 2; r++) rows.push(`${r * gain} ${g} ${b}`);
  return new TextEncoder().encode(`LUT_3D_SIZE 2\n${rows.join('\n')}\n`);
}

/** Imports `count` LUTs and queues a fit of each (no background runner here, so they stay queued). */
async function queueFits(t: TestHost, count: number): Promise<number[]> {
  const files = Array.from({ length: count }, (_, i) => ({ name: `look-${i}.cube`, bytes: cube(0.5 + i / 10) }));
  const report = await t.value<ImportResult>('library.importFiles', { files, queueFits: false });
  expect(report.imported).toHaveLength(count);
  const fits = report.imported.map(({ presetId }) => t.value<{ jobId: number }>('models.fit', { presetIds: [presetId] }));
  return (await Promise.all(fits)).map((f) => f.jobId);
}

describe('host: cancelling jobs', () => {
  it('cancels a group of queued fits in one call, with an event for each', async () => {
    const t = await hosts.start();
    const ids = await queueFits(t, 3);
    const cancelled = await t.value<JobSummary[]>('jobs.cancel', { ids });
    expect(cancelled.map((j) => [j.id, j.state])).toEqual(ids.map((id) => [id, 'cancelled']));
    const events = t.events.filter((e) => e.event === 'jobs.changed').map((e) => (e.payload as { job: JobSummary }).job);
    expect(events.filter((j) => j.state === 'cancelled').map((j) => j.id)).toEqual(ids);
    expect(await t.value<JobSummary[]>('jobs.list', { states: ['queued'] })).toEqual([]);
  });

  it('cancels none of them when one of the ids is not a job', async () => {
    const t = await hosts.start();
    const ids = await queueFits(t, 2);
    const result = await t.host.call('jobs.cancel', { ids: [...ids, 99_999] });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('has no job 99999') } });
    const queued = await t.value<JobSummary[]>('jobs.list', { states: ['queued'] });
    expect(queued.map((j) => j.id).sort()).toEqual([...ids].sort());
  });

  it('refuses an empty list and the old single-id shape', async () => {
    const t = await hosts.start();
    for (const request of [{ ids: [] }, { id: 1 }]) {
      const result = await t.host.call('jobs.cancel', request);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(request)).toBe('invalid-request');
    }
  });
});
