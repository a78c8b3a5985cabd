/**
 * Issue 18, Preview: a frame never disagrees with the labels above it, the split's tags name
 * only the sides on screen, and the preset view's rating and grid keys.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelSummary, PhotoInfo, PreviewImage, Request } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import Fidelity from '../../renderer/components/Fidelity.svelte';
import SplitPreview from '../../renderer/components/SplitPreview.svelte';
import { library } from '../../renderer/stores/library.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import PresetView from '../../renderer/views/PresetView.svelte';
import { history } from '../../renderer/stores/library-history.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';
import { move, slider } from './range-inputs.js';
import { resetLibraryStore } from './stores.js';

const PHOTO: PhotoInfo = { hash: 'f00d', name: 'Kodak kodim12', width: 768, height: 512, sample: true };
const frame = (): PreviewImage => ({ width: 2, height: 1, pixels: new Uint8Array(8), exact: true, milliseconds: 1 });

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
/** Renders main has not answered yet, oldest first: the test answers them when it chooses. */
let waiting: { request: Request<'preview.render'>; answer: () => void }[] = [];

async function answerAll(): Promise<void> {
  await settle();
  while (waiting.length) {
    waiting.splice(0).forEach((w) => w.answer());
    await settle();
  }
}

const canvas = () => document.querySelector('canvas')!;
const tags = () => [...document.querySelectorAll('.tag')].map((t) => t.textContent);
const key = (k: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

beforeEach(() => {
  waiting = [];
  const presets = [preset(1, 'Kodachrome'), preset(2, 'Portra')];
  api = new FakeApi()
    .handle('library.get', ({ id }) => ({ preset: presets.find((p) => p.id === id)!, model: null, fileBytes: 1000, learnedLook: null }))
    .handle('library.edit', ({ id, rating }) => ({ ...presets.find((p) => p.id === id)!, rating: rating ?? 0 }))
    .handle('preview.render', (request) => new Promise<PreviewImage>((resolve) => waiting.push({ request, answer: () => resolve(frame()) })));
  useApi(api);
  resetLibraryStore();
  library.presets = presets;
  Object.assign(session, { view: 'preset', presetId: 1, photo: PHOTO, photoKnown: true, photoError: null });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('a frame never disagrees with the labels', () => {
  it('after → keeps the strength, says "Rendering…" until the next look at that strength lands', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await answerAll();
    move(slider('Strength'), '0.4');
    await answerAll();
    expect(canvas().dataset.rendering).toBe('false');

    key('ArrowRight');
    flushSync();
    await settle();
    expect(document.querySelector('h2')!.textContent).toBe('Portra');
    expect(slider('Strength').value).toBe('0.4');
    // The old look is not shown as the new one: the frame is marked and the note is up.
    expect(canvas().dataset.rendering).toBe('true');
    expect(document.querySelector('[role="status"]')!.textContent).toBe('Rendering…');

    await answerAll();
    expect(canvas().dataset.rendering).toBe('false');
    const asked = api.callsOf('preview.render').filter((r) => r.strength !== 0 && r.look.kind === 'preset' && r.look.presetId === 2);
    expect(asked.map((r) => r.strength)).toEqual([0.4]);
  });

  it('marks the frame while a new strength is rendering once the slider is let go', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await answerAll();
    move(slider('Strength'), '0.7');
    await settle();
    expect(canvas().dataset.rendering).toBe('true');
    await answerAll();
    expect(canvas().dataset.rendering).toBe('false');
  });
});

describe('keys of the preset view', () => {
  it('0–5 set the rating; Esc and G return to the grid', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await answerAll();
    key('3');
    await settle();
    expect(api.callsOf('library.edit').at(-1)).toEqual({ id: 1, rating: 3 });
    key('0');
    await settle();
    expect(api.callsOf('library.edit').at(-1)).toEqual({ id: 1, rating: 0 });
    key('Escape');
    expect(session.view).toBe('library');
    session.view = 'preset';
    key('g');
    expect(session.view).toBe('library');
  });

  it('a rating set by a key is undone by Ctrl+Z, as every library edit is', async () => {
    history.done = [];
    history.undone = [];
    component = mount(PresetView, { target: document.body });
    flushSync();
    await answerAll();
    key('4');
    await settle();
    expect(api.callsOf('library.edit').at(-1)).toEqual({ id: 1, rating: 4 });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
    await settle();
    expect(api.callsOf('library.edit').at(-1)).toEqual({ id: 1, rating: 0 });
  });

  it('\\ shows the photo before the look whole, with no "After" tag', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await answerAll();
    expect(tags()).toEqual(['Before', 'After']);
    session.toggleBeforeAfter++;
    flushSync();
    expect(canvas().dataset.split).toBe('1');
    expect(tags()).toEqual(['Before']);
  });
});

describe('the split names only the sides on screen', () => {
  it('all after (the blend view starts there) shows no "Before" tag', () => {
    component = mount(SplitPreview, { target: document.body, props: { before: frame(), after: frame(), split: 0 } });
    flushSync();
    expect(tags()).toEqual(['After']);
  });
});

describe('a model’s fidelity in plain words', () => {
  const model = (deltaE2000: number, deltaE2000Max: number): ModelSummary =>
    ({
      id: 1,
      parameters: 1000,
      bytes: 4000,
      styles: [{ name: 'LUT01', presetId: null }],
      metrics: { psnr: 40, deltaE76: 1, deltaE2000, deltaE2000Max },
    }) as unknown as ModelSummary;

  it.each([
    [0.3, 0.9, 'indistinguishable'],
    [0.3, 4, 'close'],
    [1.8, 6, 'close'],
    [2.5, 9, 'visible differences'],
  ])('ΔE2000 mean %s, max %s: %s, with the numbers behind it', (mean, max, words) => {
    component = mount(Fidelity, { target: document.body, props: { model: model(mean, max) } });
    flushSync();
    expect(document.querySelector('.verdict strong')!.textContent).toBe(words);
    expect(document.querySelector('dl')!.textContent).toContain(mean.toFixed(2));
    unmount(component);
    component = null;
  });
});
