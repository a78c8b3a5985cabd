import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import FitPanel from '../../renderer/components/FitPanel.svelte';
import { jobs } from '../../renderer/stores/jobs.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { jobSummary, preset } from './presets.js';

const LUTS = [preset(1, 'Kodachrome'), preset(2, 'Portra'), preset(3, 'Velvia')];

/** The fit the panel starts, as main reports it. */
const job = (extra: Partial<JobSummary>): JobSummary => jobSummary(7, { state: 'running', title: 'Fit Kodachrome + Velvia', ...extra });

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
let unsubscribe: () => void = () => {};

beforeEach(() => {
  api = new FakeApi()
    .handle('models.fit', () => ({ jobId: 7 }))
    .handle('jobs.cancel', ({ ids }) => ids.map((id) => job({ id, state: 'cancelled', progress: 0.4, finishedAt: '2026-11-25T10:01:00Z' })));
  useApi(api);
  Object.assign(jobs, { list: [], losses: new Map(), error: null, cancelErrors: new Map() });
  unsubscribe = jobs.subscribe();
});

afterEach(() => {
  unsubscribe();
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

const fitButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent!.startsWith('Fit '))!;

describe('fitting LUTs into a new model', () => {
  it('needs two styles, sends the chosen ones, and follows the job to its model', async () => {
    const done: number[] = [];
    component = mount(FitPanel, { target: document.body, props: { luts: LUTS, initial: [1], ondone: (id: number) => done.push(id) } });
    flushSync();
    expect(fitButton().disabled).toBe(true);
    document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[2].click();
    flushSync();
    expect(fitButton().textContent).toBe('Fit 2 styles');
    fitButton().click();
    await settle();
    expect(api.callsOf('models.fit')).toEqual([{ presetIds: [1, 3], name: undefined }]);

    api.emit('jobs.changed', { job: job({ progress: 0.25 }), loss: { step: 100, deltaE2000: 12 } });
    api.emit('jobs.changed', { job: job({ progress: 0.5 }), loss: { step: 200, deltaE2000: 1.5 } });
    flushSync();
    expect(document.querySelector<HTMLProgressElement>('[aria-label="Fit progress"]')!.value).toBe(0.5);
    expect(document.querySelector('figure svg')!.getAttribute('aria-label')).toBe('Loss curve: ΔE2000 1.50 at step 200');
    // Steps across the full width; a falling ΔE2000 runs from the top to the bottom.
    expect(document.querySelector('figure path')!.getAttribute('d')).toBe('M150.0,0.0 L300.0,100.0');
    // While it runs the choice is locked.
    expect([...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].every((c) => c.disabled)).toBe(true);
    expect(done).toEqual([]);

    api.emit('jobs.changed', { job: job({ state: 'done', progress: 1, resultPresetId: 12, finishedAt: '2026-11-25T10:02:00Z' }) });
    flushSync();
    expect(done).toEqual([12]);
  });

  it('cancels the running fit and shows why a fit could not start', async () => {
    component = mount(FitPanel, { target: document.body, props: { luts: LUTS, initial: [1, 2], ondone: () => {} } });
    flushSync();
    fitButton().click();
    await settle();
    api.emit('jobs.changed', { job: job({ progress: 0.4 }) });
    flushSync();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel fit')!.click();
    await settle();
    flushSync();
    expect(api.callsOf('jobs.cancel')).toEqual([{ ids: [7] }]);
    expect(document.querySelector('.job label')!.textContent).toContain('cancelled');
    expect([...document.querySelectorAll('button')].some((b) => b.textContent === 'Cancel fit')).toBe(false);

    api.fail('models.fit', { code: 'not-found', message: 'preset 2 does not exist' });
    fitButton().click();
    await settle();
    flushSync();
    expect(document.querySelector('[aria-label="Fit error"]')!.textContent).toContain('preset 2 does not exist');
  });
});
