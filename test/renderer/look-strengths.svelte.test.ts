/**
 * The Colour and Tone sliders beside Strength (issue 16): labelled, moved by the keyboard's
 * own range-input keys, and carried into the preview request and the batch's settings.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoInfo, PreviewImage } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { session } from '../../renderer/stores/session.svelte.js';
import ExportPanel from '../../renderer/components/ExportPanel.svelte';
import BatchView from '../../renderer/views/BatchView.svelte';
import PresetView from '../../renderer/views/PresetView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { move, slider } from './range-inputs.js';
import { preset } from './presets.js';
import { resetLibraryStore } from './stores.js';

const PHOTO: PhotoInfo = { hash: 'f00d', name: 'Kodak kodim12', width: 768, height: 512, sample: true };
const FRAME: PreviewImage = { width: 2, height: 1, pixels: new Uint8Array(8), exact: true, milliseconds: 1 };

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  const kodachrome = preset(1, 'Kodachrome');
  api = new FakeApi()
    .handle('library.get', () => ({ preset: kodachrome, model: null, fileBytes: 1000, learnedLook: null }))
    .handle('library.list', () => [kodachrome])
    .handle('settings.get', () => ({
      libraryDir: '/lib',
      outputFormat: 'same',
      quality: 90,
      bits: null,
      nameTemplate: '{name}',
      workers: 2,
      thumbnailSize: 256,
      exportPresets: [],
    }))
    .handle('preview.render', () => FRAME);
  useApi(api);
  resetLibraryStore();
  Object.assign(session, { presetId: 1, photo: PHOTO, photoKnown: true, photoError: null });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('colour and tone strengths in the preset view', () => {
  it('shows Strength, Colour and Tone as labelled 0..1 sliders at 100 %', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await settle();
    for (const name of ['Strength', 'Colour strength', 'Tone strength']) {
      const input = slider(name);
      expect([input.min, input.max, input.value]).toEqual(['0', '1', '1']);
      expect(input.closest('label')!.textContent!.replace(/\s+/g, ' ').trim()).toMatch(/^(Strength|Colour|Tone) 100 ?%$/);
    }
  });

  it('asks for the preview at the colour and tone strengths the sliders hold', async () => {
    component = mount(PresetView, { target: document.body });
    flushSync();
    await settle();
    move(slider('Colour strength'), '0.3');
    await settle();
    move(slider('Tone strength'), '0.65');
    await settle();
    const last = api
      .callsOf('preview.render')
      .filter((r) => r.strength !== 0)
      .at(-1);
    expect(last).toMatchObject({ look: { kind: 'preset', presetId: 1 }, strength: 1, colourStrength: 0.3, toneStrength: 0.65, quality: 'full' });
    expect(slider('Colour strength').closest('label')!.textContent).toMatch(/30 ?%/);
    // The before image stays the photo itself.
    expect(
      api
        .callsOf('preview.render')
        .filter((r) => r.strength === 0)
        .every((r) => r.colourStrength === undefined),
    ).toBe(true);
  });
});

describe('colour and tone strengths in the batch view', () => {
  it('sends them with the grading settings', async () => {
    api.handle('grading.start', () => ({ runId: 1, total: 1, skipped: 0 }));
    component = mount(BatchView, { target: document.body });
    flushSync();
    await settle();
    move(slider('Batch colour strength'), '0');
    move(slider('Batch tone strength'), '0.5');
    expect(slider('Batch strength').value).toBe('1');
    const out = document.querySelector<HTMLInputElement>('[aria-label="Output folder"]')!;
    out.value = '/tmp/out';
    out.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(out.form).not.toBeNull();
    out.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('grading.start').at(-1)).toMatchObject({ strength: 1, colourStrength: 0, toneStrength: 0.5 });
  });
});

describe('colour and tone strengths in the export panel', () => {
  it('says they are baked in and sends them with a .cube export', async () => {
    api.handle('dialog.save', () => ({ path: '/tmp/Kodachrome.cube' })).handle('library.export', ({ path }) => ({ file: path, format: 'cube' }));
    component = mount(ExportPanel, {
      target: document.body,
      props: { look: { kind: 'preset', presetId: 1 }, name: 'Kodachrome', hasModel: false, colourStrength: 0.3, toneStrength: 0.7 },
    });
    flushSync();
    expect(document.querySelector('.export')!.textContent).toMatch(/With colour 30 ?% and tone 70 ?% baked in/);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export…')!.click();
    await settle();
    expect(api.callsOf('library.export')).toEqual([
      {
        look: { kind: 'preset', presetId: 1 },
        path: '/tmp/Kodachrome.cube',
        size: 33,
        colourStrength: 0.3,
        toneStrength: 0.7,
        overwrite: true,
        title: 'Kodachrome',
      },
    ]);
  });
});
