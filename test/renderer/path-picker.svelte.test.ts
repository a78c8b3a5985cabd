/** Issue 18: the browser's path picker lists only what a dialog can choose, and asks before a save replaces a file. */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FolderListing } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import PathPicker from '../../renderer/components/PathPicker.svelte';
import { picker } from '../../renderer/stores/picker.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { appInfo } from './stores.js';

const NAMES = ['Shoot', 'run.sh', 'studio.log', 'kodim23.png', 'Warm.cube'];
const LISTING: FolderListing = {
  dir: '/home/me',
  parent: null,
  roots: ['/home/me'],
  entries: NAMES.map((name) => ({ name, path: `/home/me/${name}`, kind: name === 'Shoot' ? ('folder' as const) : ('file' as const), bytes: 1 })),
};

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
const listed = () => [...document.querySelectorAll('[aria-label="Folder contents"] button[aria-label^="F"]')].map((b) => b.getAttribute('aria-label'));
const submit = () => document.querySelector('.picker form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

async function show(): Promise<void> {
  component = mount(PathPicker, { target: document.body, props: { request: picker.open! } });
  flushSync();
  await settle();
}

beforeEach(() => {
  api = new FakeApi().handle('files.browse', () => LISTING);
  useApi(api);
  session.info = appInfo('browser');
});

afterEach(() => {
  picker.open?.resolve(null);
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('the browser path picker', () => {
  it('offers a photo dialog photos and folders only, and a folder dialog folders only', async () => {
    void picker.choose('photo');
    await show();
    expect(listed()).toEqual(['Folder Shoot', 'File kodim23.png']);
    unmount(component!);
    void picker.choose('output-folder');
    await show();
    expect(listed()).toEqual(['Folder Shoot']);
  });

  it('asks before a save replaces a file that exists, and lists only files of the format saved', async () => {
    const saved = picker.chooseSave('Warm.cube', ['cube']);
    await show();
    expect(listed()).toEqual(['Folder Shoot', 'File Warm.cube']);
    submit();
    await settle();
    expect(document.querySelector('[role="alert"]')!.textContent).toBe('Warm.cube exists already. Replace it?');
    expect(picker.open).not.toBeNull();
    submit();
    await settle();
    expect(await saved).toBe('/home/me/Warm.cube');
  });

  it('saves a new name without asking', async () => {
    const saved = picker.chooseSave('Cool.cube', ['cube']);
    await show();
    submit();
    await settle();
    expect(await saved).toBe('/home/me/Cool.cube');
  });
});
