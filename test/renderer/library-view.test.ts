import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useApi } from '../../renderer/api.js';
import LibraryView from '../../renderer/views/LibraryView.svelte';
import { library } from '../../renderer/stores/library.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { openLibraryInBrowser } from './stores.js';
import { preset } from './presets.js';

const PRESETS = [preset(1, 'Kodachrome', 'lut', { tags: ['film'] }), preset(2, 'Paper styles', 'model'), preset(3, 'Warm blend', 'blend', { favourite: true })];

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  api = new FakeApi()
    .handle('library.list', () => PRESETS)
    .handle('library.tags', () => ({
      tags: [{ name: 'film', count: 1 }],
      collections: [{ name: 'Client A', count: 2 }],
      model: { looks: 1, bytes: 1480, lutBytes: 431_000 },
    }))
    .handle('preview.thumbnails', ({ presetIds }) =>
      presetIds.map((presetId) => ({ presetId, jpeg: new Uint8Array([0xff, 0xd8, 0xff]), error: null, cached: false })),
    );
  useApi(api);
  openLibraryInBrowser();
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

async function open(): Promise<void> {
  component = mount(LibraryView, { target: document.body });
  flushSync();
  await settle();
  flushSync();
}

describe('library view', () => {
  it('lists every preset with its kind and asks for all thumbnails in one batch', async () => {
    await open();
    const cards = [...document.querySelectorAll('[role="option"]')];
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['Kodachrome', 'Paper styles', 'Warm blend']);
    expect(cards.map((c) => c.querySelector('.kind')!.textContent)).toEqual(['LUT', 'model', 'blend']);
    expect(api.callsOf('preview.thumbnails')).toEqual([{ presetIds: [1, 2, 3], size: 256 }]);
    expect(document.querySelectorAll('img[src^="blob:"]').length).toBe(3);
    expect(document.querySelector('[aria-label="Learned looks"]')!.textContent).toBe('1 learned look: 1.4 KB (their LUTs 420.9 KB)');
  });

  it('turns the filter bar into the library.list request, leaving out what is not set', async () => {
    await open();
    expect(api.callsOf('library.list').at(-1)).toEqual({ filter: { sort: 'name' } });
    // happy-dom's <select> does not report a changed choice through :checked, which Svelte's
    // bind:value reads, so the menus are set on the bound state; the check box and the order
    // button go through the DOM. The menus' options are checked below.
    Object.assign(library.filter, { kind: 'model', tag: 'film', collection: 'Client A', sort: 'rating' });
    const options = (label: string) => [...document.querySelectorAll(`[aria-label="${label}"] option`)].map((o) => (o as HTMLOptionElement).value);
    expect(options('Tag')).toEqual(['', 'film']);
    expect(options('Collection')).toEqual(['', 'Client A']);
    expect(options('Kind')).toEqual(['', 'lut', 'model', 'blend', 'mix']);
    const favourites = document.querySelector('input[type="checkbox"]') as HTMLInputElement;
    favourites.click();
    (document.querySelector('[aria-label="Descending order"]') as HTMLButtonElement).click();
    flushSync();
    await new Promise((r) => setTimeout(r, 10));
    expect(api.callsOf('library.list').at(-1)).toEqual({
      filter: { sort: 'rating', kind: 'model', tag: 'film', collection: 'Client A', favourite: true, descending: true },
    });
  });

  it('sends the search text once typing pauses', async () => {
    await open();
    const before = api.callsOf('library.list').length;
    const search = document.querySelector('[aria-label="Search presets"]') as HTMLInputElement;
    for (const text of ['k', 'ko', 'kod']) {
      search.value = text;
      search.dispatchEvent(new Event('input', { bubbles: true }));
      flushSync();
    }
    await new Promise((r) => setTimeout(r, 300));
    const sent = api.callsOf('library.list').slice(before);
    expect(sent).toEqual([{ filter: { sort: 'name', text: 'kod' } }]);
  });

  it('selects with click, Ctrl-click and Shift-click', async () => {
    await open();
    const card = (i: number) => document.querySelectorAll('[role="option"]')[i] as HTMLElement;
    card(0).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    card(2).dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    flushSync();
    expect([...library.selection.ids]).toEqual([1, 2, 3]);
    card(1).dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    flushSync();
    expect([...library.selection.ids]).toEqual([1, 3]);
    expect(card(1).getAttribute('aria-selected')).toBe('false');
    expect(document.body.textContent).toContain('2 selected');
  });

  it('tells a new user what to do first when the library is empty', async () => {
    api.handle('library.list', () => []);
    await open();
    expect(document.querySelector('h2')!.textContent).toBe('Your library is empty');
    expect(document.body.textContent).toContain('Open a photo');
    expect(document.body.textContent).toContain('Import presets');
  });

  it('shows why the library could not be listed, where the list would be', async () => {
    api.fail('library.list', { code: 'failed', message: 'the library database is locked by another process' });
    await open();
    const alert = document.querySelector('[role="alert"]')!;
    expect(alert.getAttribute('aria-label')).toBe('Library error');
    expect(alert.textContent).toBe('the library database is locked by another process');
  });

  it('lists each imported file with its result and the reason a file failed', async () => {
    api.handle('library.import', () => ({
      imported: [{ file: '/p/LUT01.cube', presetId: 4, kind: 'lut' }],
      duplicates: [{ file: '/p/again.cube', presetId: 1 }],
      failed: [{ file: '/p/broken.3dl', error: 'broken.3dl line 375: expected 4913 rows but the file ends after 373' }],
      skipped: [],
      learnJob: 9,
    }));
    await open();
    await library.importPaths(['/p']);
    flushSync();
    const results = document.querySelector('[aria-label="Import results"]')!;
    expect(results.querySelector('h3')!.textContent).toContain('Imported 1, duplicates 1, failed 1');
    expect(results.querySelector('h3')!.textContent).toContain('learning the new looks is queued (see Jobs)');
    const rows = [...results.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      'imported LUT01.cube LUT',
      'duplicate again.cube already in the library',
      'failed broken.3dl broken.3dl line 375: expected 4913 rows but the file ends after 373',
    ]);
  });
});
