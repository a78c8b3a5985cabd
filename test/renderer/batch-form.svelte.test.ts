/**
 * Issue 18, Batch remembers: the form keeps its settings across views, saves and loads named
 * export presets, and offers a quality only for formats whose encoder takes one.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportPreset, Settings } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { batchForm } from '../../renderer/stores/batch-form.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import BatchView from '../../renderer/views/BatchView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';
import { move, slider } from './range-inputs.js';

let api: FakeApi;
let settings: Settings;
let component: ReturnType<typeof mount> | null = null;

const field = <T extends HTMLElement = HTMLInputElement>(label: string) => document.querySelector<T>(`[aria-label="${label}"]`)!;
function type(label: string, value: string): void {
  const input = field<HTMLInputElement>(label);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}
/**
 * happy-dom's <select> does not report a changed choice through :checked, which Svelte's
 * bind:value reads (library-view.test.ts), so a menu is set on the state it is bound to; what
 * the menu then shows is read from the DOM.
 */
function choose(change: Partial<Pick<typeof batchForm, 'presetId' | 'format' | 'bits'>>): void {
  Object.assign(batchForm, change);
  flushSync();
}
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

async function open(): Promise<void> {
  if (component) unmount(component);
  component = mount(BatchView, { target: document.body });
  flushSync();
  await settle();
}

beforeEach(() => {
  batchForm.reset();
  settings = { libraryDir: '/lib', outputFormat: 'same', quality: 90, bits: null, nameTemplate: '{name}', workers: 2, thumbnailSize: 256, exportPresets: [] };
  api = new FakeApi()
    .handle('library.list', () => [preset(1, 'Kodachrome'), preset(2, 'Portra')])
    .handle('settings.get', () => settings)
    .handle('settings.set', (patch) => (settings = { ...settings, ...patch } as Settings));
  useApi(api);
  Object.assign(session, { presetId: 1 });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('the batch form', () => {
  it('keeps its look, strengths and output settings after another view', async () => {
    await open();
    choose({ presetId: 2 });
    move(slider('Batch strength'), '0.6');
    type('Output folder', '/photos/out');
    choose({ format: 'tiff' });
    choose({ bits: '16' });
    type('Naming template', '{name}_warm');
    // Another view, where another preset is opened, then back.
    unmount(component!);
    component = null;
    session.presetId = 1;
    await open();
    expect(field<HTMLSelectElement>('Preset or blend').value).toBe('2');
    expect(slider('Batch strength').value).toBe('0.6');
    expect(field('Output folder').value).toBe('/photos/out');
    expect(field<HTMLSelectElement>('Output format').value).toBe('tiff');
    expect(field<HTMLSelectElement>('Bits per channel').value).toBe('16');
    expect(field('Naming template').value).toBe('{name}_warm');
  });

  it('offers a quality only where the format takes one', async () => {
    await open();
    choose({ format: 'tiff' });
    expect(field('Quality').disabled).toBe(true);
    choose({ format: 'png' });
    expect(field('Quality').disabled).toBe(true);
    choose({ format: 'jpeg' });
    expect(field('Quality').disabled).toBe(false);
  });

  it('saves its output settings as a named export preset and loads them again', async () => {
    await open();
    type('Output folder', '/photos/web');
    choose({ format: 'jpeg' });
    type('Quality', '80');
    type('Export preset name', 'Web');
    button('Save').click();
    await settle();
    const saved: ExportPreset = {
      name: 'Web',
      out: '/photos/web',
      format: 'jpeg',
      quality: 80,
      bits: null,
      nameTemplate: '{name}',
      recursive: false,
      existing: 'skip',
    };
    expect(api.callsOf('settings.set').at(-1)).toEqual({ exportPresets: [saved] });

    type('Output folder', '/elsewhere');
    choose({ format: 'tiff' });
    button('Load').click();
    flushSync();
    expect(field('Output folder').value).toBe('/photos/web');
    expect(field<HTMLSelectElement>('Output format').value).toBe('jpeg');
    expect(field('Quality').value).toBe('80');

    // The same name again replaces it rather than adding a second.
    type('Quality', '70');
    button('Replace').click();
    await settle();
    expect(settings.exportPresets).toEqual([{ ...saved, quality: 70 }]);
  });
});
