/** Issue 18: saving a blend under a name the library holds offers the next free name instead of a duplicate. */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoInfo, PresetSummary, PreviewImage } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { freeName } from '../../renderer/lib/free-name.js';
import { library } from '../../renderer/stores/library.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import BlendView from '../../renderer/views/BlendView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';
import { resetLibraryStore } from './stores.js';

const PHOTO: PhotoInfo = { hash: 'f00d', name: 'kodim23.png', width: 768, height: 512, sample: false };
const FRAME: PreviewImage = { width: 2, height: 1, pixels: new Uint8Array(8), exact: true, milliseconds: 1 };

let api: FakeApi;
let list: PresetSummary[];
let component: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  list = [preset(1, 'Velvia 50'), preset(2, 'Portra 400'), preset(3, 'Warm mix', 'mix')];
  api = new FakeApi()
    .handle('library.list', () => list)
    .handle('preview.render', () => FRAME)
    .handle('library.saveMix', ({ name, sources }) => {
      const saved = preset(10 + list.length, name, 'mix', { mixSources: sources });
      list = [...list, saved];
      return saved;
    });
  useApi(api);
  resetLibraryStore();
  Object.assign(session, { presetId: null, photo: PHOTO, photoKnown: true, photoError: null });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('a free name for a new blend', () => {
  it('counts up past the names taken, in any case', () => {
    expect(freeName('Warm mix', ['warm MIX', 'Warm mix 2'])).toBe('Warm mix 3');
    expect(freeName('Warm mix 2', ['Warm mix', 'Warm mix 2'])).toBe('Warm mix 3');
    expect(freeName('Cool', ['Warm mix'])).toBe('Cool');
  });

  it('does not save a second "Warm mix": it offers "Warm mix 2" and saves that on request', async () => {
    library.selection = { ids: new Set([1, 2]), anchor: 1 };
    component = mount(BlendView, { target: document.body });
    flushSync();
    await settle();
    const name = document.querySelector<HTMLInputElement>('input[aria-label="Blend name"]')!;
    name.value = 'Warm mix';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    name.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('library.saveMix')).toEqual([]);
    expect(document.querySelector('[role="alert"]')!.textContent).toMatch(/“Warm mix” is in the library already/);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save as “Warm mix 2”')!.click();
    await settle();
    expect(api.callsOf('library.saveMix').map((r) => r.name)).toEqual(['Warm mix 2']);
    expect(document.body.textContent).toContain('Saved “Warm mix 2” to the library.');
  });
});
