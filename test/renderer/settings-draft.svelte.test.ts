/** Issue 18, Settings: changes not saved survive a switch of views, and are saved or discarded explicitly. */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { settingsDraft } from '../../renderer/stores/settings-draft.svelte.js';
import SettingsView from '../../renderer/views/SettingsView.svelte';
import { FakeApi, settle } from './fake-api.js';

let api: FakeApi;
let settings: Settings;
let component: ReturnType<typeof mount> | null = null;
const input = (label: string) => document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const status = () => document.querySelector('[role="status"]')?.textContent ?? '';

async function open(): Promise<void> {
  if (component) unmount(component);
  component = mount(SettingsView, { target: document.body });
  flushSync();
  await settle();
}

beforeEach(() => {
  settings = { libraryDir: '/lib', outputFormat: 'same', quality: 90, bits: null, nameTemplate: '{name}', workers: 2, thumbnailSize: 256, exportPresets: [] };
  Object.assign(settingsDraft, { saved: null, form: null });
  api = new FakeApi().handle('settings.get', () => settings).handle('settings.set', (patch) => (settings = { ...settings, ...patch } as Settings));
  useApi(api);
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('the settings form', () => {
  it('keeps unsaved changes across views and says so, then saves only what changed', async () => {
    await open();
    const size = input('Thumbnail size');
    size.value = '512';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(status()).toMatch(/^Unsaved changes/);
    // Another view, then back: the change is still there, still unsaved.
    unmount(component!);
    component = null;
    expect(settingsDraft.dirty).toBe(true);
    await open();
    expect(input('Thumbnail size').value).toBe('512');
    expect(status()).toMatch(/^Unsaved changes/);
    input('Thumbnail size').form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('settings.set')).toEqual([{ thumbnailSize: 512 }]);
    expect(settingsDraft.dirty).toBe(false);
    expect(status()).toBe('Saved.');
  });

  it('discards them when asked', async () => {
    await open();
    const workers = input('Worker count');
    workers.value = '7';
    workers.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    button('Discard changes')!.click();
    flushSync();
    expect(input('Worker count').value).toBe('2');
    expect(settingsDraft.dirty).toBe(false);
    expect(api.callsOf('settings.set')).toEqual([]);
  });
});
