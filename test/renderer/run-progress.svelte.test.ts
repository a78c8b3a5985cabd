/**
 * Issue 18, Honest progress: no speed or ETA before one is measured, an ETA that counts down
 * between reports, "Stopping…" on cancel, and Resume for the unfinished part.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GradeProgressInfo, GradeSettings } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import RunProgress from '../../renderer/components/RunProgress.svelte';
import { grading } from '../../renderer/stores/grading.svelte.js';
import { FakeApi, settle } from './fake-api.js';

const SETTINGS: GradeSettings = { inputs: ['/photos'], out: '/out', look: { kind: 'preset', presetId: 1 }, format: 'jpeg', existing: 'fail' };
const progress = (p: Partial<GradeProgressInfo>): GradeProgressInfo => ({
  done: 1,
  total: 26,
  megapixels: 0,
  elapsedSeconds: 1,
  megapixelsPerSecond: 0,
  etaSeconds: null,
  ...p,
});

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
let nextRun = 1;
const stats = () => document.querySelector('.stats')!.textContent!.replace(/\s+/g, ' ').trim();
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

beforeEach(async () => {
  api = new FakeApi().handle('grading.start', () => ({ runId: nextRun++, total: 26, skipped: 0 })).handle('grading.cancel', () => ({ cancelled: true }));
  useApi(api);
  // The clock the ETA counts down on, and its ticker; timeouts stay real for settle().
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  await grading.start(SETTINGS);
  component = mount(RunProgress, { target: document.body, props: { run: grading.current! } });
  flushSync();
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('a batch run’s progress', () => {
  it('says it is measuring until a photo is graded, then counts the ETA down between reports', () => {
    const runId = grading.currentId!;
    expect(stats()).toBe('Measuring speed…');
    grading.progressed({ runId, type: 'file-skipped', input: '/photos/a.jpg', reason: 'exists', progress: progress({}) });
    flushSync();
    expect(stats()).toBe('Last: a.jpg · Measuring speed…');
    grading.progressed({
      runId,
      type: 'file-done',
      input: '/photos/b.jpg',
      output: '/out/b.jpg',
      progress: progress({ done: 2, megapixels: 12, megapixelsPerSecond: 2, etaSeconds: 120 }),
    });
    flushSync();
    expect(stats()).toBe('Last: b.jpg · 2.0 MP/s · ETA 2 min 0 s');
    vi.advanceTimersByTime(10_000);
    flushSync();
    expect(stats()).toMatch(/ETA 1 min 5[01] s$/);
  });

  it('says "Stopping…" on cancel, and Resume grades the rest with existing outputs skipped', async () => {
    const runId = grading.currentId!;
    button('Cancel')!.click();
    flushSync();
    expect(button('Stopping…')!.disabled).toBe(true);
    expect(stats()).toMatch(/^Stopping: no new photo starts/);
    grading.finished({
      runId,
      summary: { graded: 3, skipped: [], failed: [], megapixels: 36, seconds: 20, megapixelsPerSecond: 1.8, cancelled: true, notStarted: 23, out: '/out' },
    });
    flushSync();
    button('Resume')!.click();
    await settle();
    expect(api.callsOf('grading.start').at(-1)).toEqual({ ...SETTINGS, existing: 'skip' });
    expect(grading.currentId).not.toBe(runId);
  });
});
