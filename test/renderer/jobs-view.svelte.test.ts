import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { grading } from '../../renderer/stores/grading.svelte.js';
import { jobs } from '../../renderer/stores/jobs.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import JobsView from '../../renderer/views/JobsView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { jobSummary } from './presets.js';

const job = (id: number, extra: Partial<JobSummary> = {}): JobSummary => jobSummary(id, { title: `Fit LUT${id}`, ...extra });

/** What a folder import leaves: 25 queued fits, one running, one done, one failed. */
const QUEUED = Array.from({ length: 25 }, (_, i) => job(i + 1));
const AFTER_IMPORT = [
  ...QUEUED,
  job(26, { state: 'running', progress: 0.4, title: 'Fit Kodachrome' }),
  job(27, { state: 'done', progress: 1, title: 'Fit Portra', finishedAt: '2026-11-25T10:05:00Z' }),
  job(28, { state: 'failed', title: 'Fit Broken', error: 'the LUT has no colour' }),
];

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  api = new FakeApi().handle('jobs.cancel', ({ ids }) => ids.map((id) => job(id, { state: 'cancelled', finishedAt: '2026-11-25T10:06:00Z' })));
  useApi(api);
  Object.assign(jobs, { list: [], losses: new Map(), error: null, cancelErrors: new Map() });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

async function show(list: JobSummary[]): Promise<HTMLLIElement[]> {
  api.handle('jobs.list', () => list);
  component = mount(JobsView, { target: document.body });
  flushSync();
  await settle();
  flushSync();
  return [...document.querySelectorAll<HTMLLIElement>('section[aria-label="Jobs"] > ul > li')];
}

const button = (label: string) => document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);

describe('jobs view', () => {
  it('shows 25 queued fits as one row with a count, and running and finished jobs on their own', async () => {
    const rows = await show(AFTER_IMPORT);
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['Job Fit Kodachrome', '25 fits queued', 'Job Fit Broken', 'Job Fit Portra']);
    const group = rows[1];
    expect(group.querySelector('strong')!.textContent).toBe('25 fits queued');
    expect(group.querySelector('.muted')!.textContent).toBe('Fit LUT25, Fit LUT24, Fit LUT23 and 22 more');
    expect(group.querySelectorAll('button')).toHaveLength(1);
    expect(group.querySelector('progress')).toBeNull();
    expect(rows[2].textContent).toContain('the LUT has no colour');
  });

  it('cancels the whole group in one call, and the row goes', async () => {
    await show(AFTER_IMPORT);
    button('Cancel all 25 queued fits')!.click();
    await settle();
    flushSync();
    expect(api.callsOf('jobs.cancel')).toEqual([{ ids: QUEUED.map((j) => j.id).reverse() }]);
    const labels = [...document.querySelectorAll('section[aria-label="Jobs"] > ul > li')].map((r) => r.getAttribute('aria-label'));
    expect(labels).not.toContain('25 fits queued');
    // Cancelled, they are as alike as they were queued: one row again, with nothing to cancel.
    expect(labels.filter((l) => l === '25 fits cancelled')).toHaveLength(1);
    expect(labels).not.toContain('Job Fit LUT1');
    expect(document.querySelector('li[aria-label="25 fits cancelled"] button')).toBeNull();
  });

  it('notes a failed group cancel on the group row', async () => {
    api.fail('jobs.cancel', { code: 'not-found', message: 'library.db has no job 3' });
    await show(QUEUED.slice(0, 3));
    button('Cancel all 3 queued fits')!.click();
    await settle();
    flushSync();
    expect(document.querySelector('li[aria-label="3 fits queued"] [aria-label="Cancel error"]')!.textContent).toBe('library.db has no job 3');
  });

  it('draws a lone queued job with an empty bar at 0%, not an indeterminate one, and cancels just it', async () => {
    const rows = await show([job(5), job(6, { kind: 'import', state: 'running', title: 'Import 3 items', progress: 0.5 })]);
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['Job Import 3 items', 'Job Fit LUT5']);
    const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Progress of Fit LUT5"]')!;
    // Without a value a <progress> is indeterminate and the browser animates a full-width bar.
    expect(bar.max).toBe(1);
    expect(bar.value).toBe(0);
    expect(rows[1].querySelector('.pct')!.textContent).toBe('0%');
    button('Cancel Fit LUT5')!.click();
    await settle();
    expect(api.callsOf('jobs.cancel')).toEqual([{ ids: [5] }]);
  });
});

describe('jobs view, issue 18', () => {
  it('lists batch runs with their progress and result, newest first', async () => {
    grading.runs = {};
    grading.progressed({ runId: 1, type: 'start', total: 26, skipped: 0 });
    grading.finished({
      runId: 1,
      summary: {
        graded: 20,
        skipped: [],
        failed: [{ input: '/p/x.jpg', error: 'bad' }],
        megapixels: 1,
        seconds: 1,
        megapixelsPerSecond: 1,
        cancelled: false,
        notStarted: 5,
        out: '/photos/graded',
      },
    });
    grading.progressed({ runId: 2, type: 'start', total: 4, skipped: 0 });
    await show([]);
    const runs = [...document.querySelectorAll('[aria-label="Batch runs"] > li')];
    expect(runs.map((r) => r.querySelector('.state')!.textContent)).toEqual(['running', 'done with failures']);
    expect(runs[1].querySelector('strong')!.textContent).toBe('Batch to graded');
    expect(runs[1].querySelector('.muted')!.textContent).toBe('20 graded, 0 skipped, 1 failed, 5 not started');
    expect(runs[0].querySelector('.muted')!.textContent).toBe('0 / 4 photos');
    grading.runs = {};
  });

  it('shows when a job ran, and a finished fit offers to open its model', async () => {
    session.view = 'jobs';
    await show([
      job(27, {
        state: 'done',
        progress: 1,
        startedAt: '2026-11-25T10:00:00Z',
        finishedAt: '2026-11-25T10:01:05Z',
        message: 'fitted in 65 s',
        resultPresetId: 9,
      }),
    ]);
    expect(document.querySelector('li .muted')!.textContent).toMatch(/took 1 min 5 s · fitted in 65 s$/);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Open model')!.click();
    expect(session.view).toBe('preset');
    expect(session.presetId).toBe(9);
  });
});
