import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PresetSummary } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import PresetEditor from '../../renderer/components/PresetEditor.svelte';
import RemovePreset from '../../renderer/components/RemovePreset.svelte';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
let current: PresetSummary;

beforeEach(() => {
  current = preset(4, 'Kodachrome', 'lut', { collections: ['Client A'] });
  api = new FakeApi().handle('library.edit', (edit) => {
    current = {
      ...current,
      name: edit.name ?? current.name,
      collections: [...current.collections.filter((c) => c !== edit.removeFromCollection), ...(edit.addToCollection ? [edit.addToCollection] : [])],
    };
    return current;
  });
  useApi(api);
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function submit(input: HTMLInputElement): void {
  input.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('preset editor: name and collections', () => {
  it('renames on Enter, and does not save an empty name', async () => {
    const seen: PresetSummary[] = [];
    component = mount(PresetEditor, { target: document.body, props: { preset: current, onchange: (p: PresetSummary) => seen.push(p) } });
    flushSync();
    const name = document.querySelector<HTMLInputElement>('[aria-label="Preset name"]')!;
    expect(name.value).toBe('Kodachrome');
    type(name, '   ');
    submit(name);
    await settle();
    expect(api.callsOf('library.edit')).toEqual([]);
    type(name, '  Kodachrome 64 ');
    submit(name);
    await settle();
    expect(api.callsOf('library.edit')).toEqual([{ id: 4, name: 'Kodachrome 64' }]);
    expect(seen.at(-1)?.name).toBe('Kodachrome 64');
  });

  it('adds to and removes from collections, offering the known ones', async () => {
    component = mount(PresetEditor, {
      target: document.body,
      props: { preset: current, collections: [{ name: 'Client A' }, { name: 'Weddings' }], onchange: () => {} },
    });
    flushSync();
    expect([...document.querySelectorAll('#known-collections option')].map((o) => (o as HTMLOptionElement).value)).toEqual(['Client A', 'Weddings']);
    const input = document.querySelector<HTMLInputElement>('[aria-label="New collection"]')!;
    type(input, 'Weddings');
    submit(input);
    await settle();
    document.querySelector<HTMLButtonElement>('[aria-label="Remove from collection Client A"]')!.click();
    await settle();
    expect(api.callsOf('library.edit')).toEqual([
      { id: 4, addToCollection: 'Weddings' },
      { id: 4, removeFromCollection: 'Client A' },
    ]);
  });
});

describe('removing a preset', () => {
  it('asks first, says what goes with it, and removes only on the second press', async () => {
    const removed: unknown[] = [];
    api.handle('library.remove', ({ ids }) => ({ removed: ids, blendsRemoved: [9], trashIds: [1] }));
    component = mount(RemovePreset, {
      target: document.body,
      props: { preset: preset(2, 'Paper styles', 'model'), onremoved: (r: unknown) => removed.push(r) },
    });
    flushSync();
    const buttons = () => [...document.querySelectorAll('button')].map((b) => b.textContent!.trim());
    document.querySelector('button')!.click();
    flushSync();
    expect(api.callsOf('library.remove')).toEqual([]);
    expect(document.querySelector('[role="alert"]')!.textContent).toMatch(/Paper styles.*blends saved from it/);
    expect(buttons()).toEqual(['Remove', 'Keep it']);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Keep it')!.click();
    flushSync();
    expect(buttons()).toEqual(['Remove from library…']);
    document.querySelector('button')!.click();
    flushSync();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Remove')!.click();
    await settle();
    expect(api.callsOf('library.remove')).toEqual([{ ids: [2] }]);
    expect(removed).toEqual([{ removed: [2], blendsRemoved: [9], trashIds: [1] }]);
  });

  it('shows why a removal failed, where it failed', async () => {
    api.fail('library.remove', { code: 'not-found', message: 'preset 5 does not exist' });
    component = mount(RemovePreset, { target: document.body, props: { preset: preset(5, 'Gone'), onremoved: () => {} } });
    flushSync();
    document.querySelector('button')!.click();
    flushSync();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Remove')!.click();
    await settle();
    flushSync();
    expect(document.querySelector('[aria-label="Remove error"]')!.textContent).toContain('preset 5 does not exist');
  });
});
