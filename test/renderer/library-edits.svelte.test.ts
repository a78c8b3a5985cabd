/**
 * Editing the library as a photographer does in Lightroom's grid: keys on the focused card or
 * the selection, the selection bar, tags typed with commas, and undo/redo of every edit in the
 * order made, everywhere a preset is shown.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PresetSummary, Request } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import FilterBar from '../../renderer/components/FilterBar.svelte';
import PresetEditor from '../../renderer/components/PresetEditor.svelte';
import { CARD_SIZE } from '../../renderer/lib/card-size.js';
import { emptyFilter } from '../../renderer/lib/library-filter.js';
import { history } from '../../renderer/stores/library-history.svelte.js';
import { library } from '../../renderer/stores/library.svelte.js';
import LibraryView from '../../renderer/views/LibraryView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';
import { openLibraryInBrowser } from './stores.js';

let api: FakeApi;
let stored: Map<number, PresetSummary>;
let component: ReturnType<typeof mount> | null = null;

/** main's 'library.edit', applied to the stored presets. */
function applyEdit(edit: Request<'library.edit'>): PresetSummary {
  const p = stored.get(edit.id)!;
  const tags = [...p.tags.filter((t) => !edit.removeTags?.includes(t)), ...(edit.addTags ?? []).filter((t) => !p.tags.includes(t))];
  const collections = [
    ...p.collections.filter((c) => c !== edit.removeFromCollection),
    ...(edit.addToCollection && !p.collections.includes(edit.addToCollection) ? [edit.addToCollection] : []),
  ];
  const next = {
    ...p,
    name: edit.name ?? p.name,
    rating: edit.rating ?? p.rating,
    favourite: edit.favourite ?? p.favourite,
    notes: edit.notes ?? p.notes,
    tags,
    collections,
  };
  stored.set(p.id, next);
  return next;
}

beforeEach(() => {
  stored = new Map(
    [
      preset(1, 'Kodachrome', 'lut', { tags: ['film'], rating: 2 }),
      preset(2, 'rawtherapee_Fuji_Velvia_50', 'lut', { sourceFormat: 'hald', latticeSize: 144, originalName: 'Fuji Velvia 50.png' }),
      preset(3, 'Warm blend', 'blend', { favourite: true }),
    ].map((p) => [p.id, p]),
  );
  api = new FakeApi()
    .handle('library.list', () => [...stored.values()])
    .handle('library.tags', () => ({ tags: [{ name: 'film', count: 1 }], collections: [], model: { looks: 0, bytes: 0, lutBytes: 0 } }))
    .handle('preview.thumbnails', ({ presetIds }) => presetIds.map((presetId) => ({ presetId, jpeg: null, error: 'none here', cached: false })))
    .handle('library.edit', applyEdit);
  useApi(api);
  openLibraryInBrowser();
  history.done = [];
  history.undone = [];
  library.cardSize = CARD_SIZE.initial;
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

async function openLibrary(): Promise<void> {
  component = mount(LibraryView, { target: document.body });
  flushSync();
  await settle();
  flushSync();
}

const card = (id: number) => document.getElementById(`preset-${id}`)!;

async function key(target: EventTarget, init: KeyboardEventInit): Promise<void> {
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  await settle();
  flushSync();
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('library grid: what a card shows', () => {
  it('shows the whole name (tooltip too), the rating, tags and the source format with its lattice', async () => {
    await openLibrary();
    const velvia = card(2);
    expect(velvia.querySelector('.name')!.textContent).toBe('rawtherapee_Fuji_Velvia_50');
    expect(velvia.querySelector('.name')!.getAttribute('title')).toBe('rawtherapee_Fuji_Velvia_50');
    expect(velvia.querySelector('.format')!.textContent).toBe('hald 144³');
    expect(velvia.querySelector('.format')!.getAttribute('title')).toBe('Hald CLUT image: Fuji Velvia 50.png');
    expect(card(1).querySelector('[aria-label="Rating 2 of 5"]')).not.toBeNull();
    expect([...card(1).querySelectorAll('.tag')].map((t) => t.textContent)).toEqual(['film']);
  });

  it('changes the card size with the slider and with = and -', async () => {
    await openLibrary();
    const grid = document.querySelector<HTMLElement>('[role="listbox"]')!;
    const size = () => grid.style.getPropertyValue('--card-size');
    expect(size()).toBe('200px');
    await key(card(1), { key: '=' });
    expect(size()).toBe('240px');
    await key(card(1), { key: '-' });
    await key(card(1), { key: '-' });
    expect(size()).toBe('160px');
    const slider = document.querySelector<HTMLInputElement>('[aria-label="Thumbnail size"]')!;
    slider.value = '400';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(size()).toBe('400px');
    await settle();
    // Cards wider than 256 px ask for sharper thumbnails, once for all of them.
    expect(api.callsOf('preview.thumbnails').at(-1)).toEqual({ presetIds: [1, 2, 3], size: 512 });
  });

  it('asks for one source format when the format filter is set', async () => {
    await openLibrary();
    const formats = [...document.querySelectorAll('[aria-label="Format"] option')].map((o) => (o as HTMLOptionElement).value);
    expect(formats).toEqual(['', 'cube', '3dl', 'hald', 'square', 'nilut', 'pytorch', 'json-f32']);
    library.filter.format = 'hald';
    flushSync();
    await new Promise((r) => setTimeout(r, 10));
    expect(api.callsOf('library.list').at(-1)).toEqual({ filter: { sort: 'name', sourceFormat: 'hald' } });
  });
});

describe('library grid: keys, selection and undo', () => {
  it('rates the focused card with 3 and every selected card with 5, then undoes and redoes in order', async () => {
    await openLibrary();
    await key(card(1), { key: '3' });
    expect(api.callsOf('library.edit')).toEqual([{ id: 1, rating: 3 }]);
    expect(card(1).querySelector('[aria-label="Rating 3 of 5"]')).not.toBeNull();

    card(1).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    card(2).dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    flushSync();
    await key(card(2), { key: '5' });
    expect(api.callsOf('library.edit').slice(1)).toEqual([
      { id: 1, rating: 5 },
      { id: 2, rating: 5 },
    ]);

    await key(card(2), { key: 'z', ctrlKey: true });
    expect([stored.get(1)!.rating, stored.get(2)!.rating]).toEqual([3, 0]);
    await key(card(2), { key: 'z', metaKey: true });
    expect(stored.get(1)!.rating).toBe(2);
    expect(card(1).querySelector('[aria-label="Rating 2 of 5"]')).not.toBeNull();
    await key(card(2), { key: 'z', ctrlKey: true, shiftKey: true });
    expect(stored.get(1)!.rating).toBe(3);
    await key(card(2), { key: 'y', ctrlKey: true });
    expect([stored.get(1)!.rating, stored.get(2)!.rating]).toEqual([5, 5]);
  });

  it('tags, favourites and adds every selected preset to a collection from the selection bar', async () => {
    await openLibrary();
    expect(document.querySelector('[aria-label="Selected presets"]')).toBeNull();
    card(1).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    card(3).dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    flushSync();
    const bar = document.querySelector<HTMLElement>('[aria-label="Selected presets"]')!;
    expect(bar.textContent).toContain('3 selected');

    const tags = bar.querySelector<HTMLInputElement>('[aria-label="Tags for the selected presets"]')!;
    type(tags, 'portrait, warm ,film');
    tags.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('library.edit').map((e) => [e.id, e.addTags])).toEqual([
      [1, ['portrait', 'warm', 'film']],
      [2, ['portrait', 'warm', 'film']],
      [3, ['portrait', 'warm', 'film']],
    ]);
    bar.querySelector<HTMLButtonElement>('[aria-pressed]')!.click();
    await settle();
    expect([...stored.values()].map((p) => p.favourite)).toEqual([true, true, true]);

    const collection = bar.querySelector<HTMLInputElement>('[aria-label="Collection for the selected presets"]')!;
    type(collection, 'Client A');
    collection.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect([...stored.values()].map((p) => p.collections)).toEqual([['Client A'], ['Client A'], ['Client A']]);

    // Undo takes back one action at a time, for all three; a tag preset 1 had before stays.
    await key(document.body, { key: 'z', ctrlKey: true });
    await key(document.body, { key: 'z', ctrlKey: true });
    await key(document.body, { key: 'z', ctrlKey: true });
    expect([...stored.values()].map((p) => [p.tags, p.favourite, p.collections])).toEqual([
      [['film'], false, []],
      [[], false, []],
      [[], true, []],
    ]);
  });

  it('removes every selected preset after asking, and Ctrl+Z puts them back from the trash; redo removes them again', async () => {
    const trash = new Map<number, PresetSummary[]>();
    api
      .handle('library.remove', ({ ids }) => {
        const trashId = trash.size + 1;
        trash.set(
          trashId,
          ids.map((id) => stored.get(id)!),
        );
        for (const id of ids) stored.delete(id);
        return { removed: ids, blendsRemoved: [], trashIds: [trashId] };
      })
      .handle('library.restore', ({ trashIds }) => {
        const back = trashIds.flatMap((t) => trash.get(t)!);
        for (const p of back) stored.set(p.id, p);
        return { restored: back.map((p) => p.id) };
      });
    await openLibrary();
    card(1).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    card(2).dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    flushSync();
    const bar = () => document.querySelector<HTMLElement>('[aria-label="Selected presets"]')!;
    const button = (name: RegExp) => [...bar().querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
    button(/^Remove…$/).click();
    flushSync();
    expect(bar().querySelector('[role="alert"]')!.textContent).toContain('Remove these 2 presets');
    expect(api.callsOf('library.remove')).toEqual([]);
    button(/^Remove 2$/).click();
    await settle();
    flushSync();
    expect(api.callsOf('library.remove')).toEqual([{ ids: [1, 2] }]);
    expect([...document.querySelectorAll('[role="option"]')].map((c) => c.getAttribute('aria-label'))).toEqual(['Warm blend']);

    await key(document.body, { key: 'z', ctrlKey: true });
    expect(api.callsOf('library.restore')).toEqual([{ trashIds: [1] }]);
    expect([...document.querySelectorAll('[role="option"]')].map((c) => c.getAttribute('aria-label')).sort()).toEqual(
      ['Kodachrome', 'Warm blend', 'rawtherapee_Fuji_Velvia_50'].sort(),
    );
    await key(document.body, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(api.callsOf('library.remove').at(-1)).toEqual({ ids: [1, 2] });
    expect([...stored.keys()]).toEqual([3]);
    // The second removal went to a trash entry of its own: undo restores that one.
    await key(document.body, { key: 'z', ctrlKey: true });
    expect(api.callsOf('library.restore').at(-1)).toEqual({ trashIds: [2] });
  });

  it('puts the keyboard in the grid on returning to the library, and selects the search text only once per Ctrl+F', async () => {
    await openLibrary();
    expect(document.activeElement).toBe(card(1));
    unmount(component!);
    document.body.innerHTML = '';

    const filter = emptyFilter();
    filter.text = 'kod';
    const bar = mount(FilterBar, { target: document.body, props: { filter, tags: [], collections: [], focusSearch: 1 } });
    flushSync();
    const search = () => document.querySelector<HTMLInputElement>('[aria-label="Search presets"]')!;
    expect(document.activeElement).toBe(search());
    unmount(bar);
    // Back in the library later, with no new Ctrl+F: the search box is left alone.
    component = mount(LibraryView, { target: document.body });
    flushSync();
    await settle();
    flushSync();
    expect(document.activeElement).toBe(card(1));
  });
});

describe('preset editor: tags and undo', () => {
  it('splits "portrait, warm" into two tags and offers the known tags', async () => {
    library.tags = [{ name: 'film', count: 1 }];
    component = mount(PresetEditor, { target: document.body, props: { preset: stored.get(2)!, onchange: () => {} } });
    flushSync();
    expect(document.querySelector('[aria-label="Imported from"]')!.textContent).toBe('Hald CLUT image · 144³ · Fuji Velvia 50.png');
    const tag = document.querySelector<HTMLInputElement>('[aria-label="New tag"]')!;
    expect([...document.querySelectorAll(`#${tag.getAttribute('list')} option`)].map((o) => (o as HTMLOptionElement).value)).toEqual(['film']);
    type(tag, 'portrait, warm');
    tag.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('library.edit')).toEqual([{ id: 2, addTags: ['portrait', 'warm'] }]);
  });

  it('undoes a rename and a rating with Ctrl+Z: the field and the view both show the old name, and leaving saves nothing', async () => {
    let shown = stored.get(1)!;
    const props = $state({
      preset: shown,
      onchange: (p: PresetSummary) => {
        shown = p;
        props.preset = p;
      },
    });
    component = mount(PresetEditor, { target: document.body, props });
    flushSync();
    const name = document.querySelector<HTMLInputElement>('[aria-label="Preset name"]')!;
    type(name, 'Kodachrome 64');
    name.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    document.querySelector<HTMLButtonElement>('[aria-label="4 stars"]')!.click();
    await settle();
    flushSync();
    expect([shown.name, shown.rating]).toEqual(['Kodachrome 64', 4]);

    // The focus is still in the name field, which holds no unsaved typing: Ctrl+Z is the library's.
    await key(name, { key: 'z', ctrlKey: true });
    expect(shown.rating).toBe(2);
    await key(name, { key: 'z', ctrlKey: true });
    expect(shown.name).toBe('Kodachrome');
    expect(name.value).toBe('Kodachrome');
    name.dispatchEvent(new FocusEvent('blur'));
    await settle();
    expect(api.callsOf('library.edit').at(-1)).toEqual({ id: 1, name: 'Kodachrome' });
    expect(api.callsOf('library.edit').length).toBe(4);
    expect(stored.get(1)!.name).toBe('Kodachrome');
  });
});
