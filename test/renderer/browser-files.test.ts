/**
 * The browser shell's stand-ins for what Electron does natively, held to the same registries:
 * a dropped folder uploads only the files the importer would take from it, and the path picker
 * lists what the native dialog's filter for the same purpose would.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHOTO_EXTENSIONS } from '../../main/common/formats/photo-formats.js';
import { OPEN_FILTERS } from '../../main/contract/file-filters.js';
import { LIMITS } from '../../main/contract/limits.js';
import { useApi } from '../../renderer/api.js';
import PathPicker from '../../renderer/components/PathPicker.svelte';
import { uploadBatches } from '../../renderer/lib/dropped-files.js';
import { library } from '../../renderer/stores/library.svelte.js';
import { picker } from '../../renderer/stores/picker.svelte.js';
import LibraryView from '../../renderer/views/LibraryView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { openLibraryInBrowser } from './stores.js';

/** A dropped file or folder as Chromium's entry API hands it over (webkitGetAsEntry). */
function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.split('/').pop()!;
  const file = new File([new TextEncoder().encode(`bytes of ${name}`)], name);
  return { isFile: true, isDirectory: false, name, fullPath, file: (resolve: (f: File) => void) => resolve(file) } as unknown as FileSystemFileEntry;
}

function folderEntry(fullPath: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  const name = fullPath.split('/').pop()!;
  const createReader = () => {
    let given = false;
    return { readEntries: (resolve: (entries: FileSystemEntry[]) => void) => resolve(given ? [] : ((given = true), children)) };
  };
  return { isFile: false, isDirectory: true, name, fullPath, createReader } as unknown as FileSystemDirectoryEntry;
}

function drop(target: Element, entries: FileSystemEntry[]): void {
  const event = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files: [], items: entries.map((entry) => ({ webkitGetAsEntry: () => entry })) } });
  target.dispatchEvent(event);
}

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;

beforeEach(() => {
  api = new FakeApi()
    .handle('library.list', () => [])
    .handle('library.tags', () => ({ tags: [], collections: [], model: { looks: 0, bytes: 12, lutBytes: 0 } }))
    .handle('library.importFiles', ({ files }) => ({
      imported: files.map((f, i) => ({ file: f.name, presetId: i + 1, kind: 'lut' as const })),
      duplicates: [],
      failed: [],
      skipped: [],
      learnJob: null,
    }));
  useApi(api);
  openLibraryInBrowser();
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('a folder dropped on the library in a browser', () => {
  it('uploads the presets in it and lists the other files as skipped, as an import of the folder by path does', async () => {
    component = mount(LibraryView, { target: document.body });
    flushSync();
    await settle();
    const pack = folderEntry('/Pack', [
      fileEntry('/Pack/Warm.cube'),
      fileEntry('/Pack/README.txt'),
      fileEntry('/Pack/.DS_Store'),
      folderEntry('/Pack/Models', [fileEntry('/Pack/Models/styles.pth'), fileEntry('/Pack/Models/styles.json')]),
      folderEntry('/Pack/.git', [fileEntry('/Pack/.git/config.cube')]),
    ]);
    // A file dropped by itself is taken as given: the importer reports it if it is not a preset.
    drop(document.querySelector('[aria-label="Library"]')!, [pack, fileEntry('/notes.txt')]);
    await settle();
    expect(api.callsOf('library.importFiles').map((r) => r.files.map((f) => f.name))).toEqual([['Warm.cube', 'styles.pth', 'notes.txt']]);
    expect(library.importResult?.skipped).toEqual(['Pack/README.txt', 'Pack/Models/styles.json']);
  });

  it('uploads nothing when the folder holds no preset, and says what it skipped', async () => {
    component = mount(LibraryView, { target: document.body });
    flushSync();
    await settle();
    drop(document.querySelector('[aria-label="Library"]')!, [folderEntry('/Photos', [fileEntry('/Photos/a.jpg')])]);
    await settle();
    expect(api.callsOf('library.importFiles')).toEqual([]);
    expect(library.importResult).toEqual({ imported: [], duplicates: [], failed: [], skipped: ['Photos/a.jpg'], learnJob: null });
  });
});

describe('a drop larger than one call may carry', () => {
  it('is sent in calls within the contract, one call at a time, and reported as one import', async () => {
    // Sizes only: a File's size is what the batching reads, so these weigh nothing.
    const sized = (name: string, size: number) => ({ name, size });
    const half = LIMITS.maxUploadBytesPerCall / 2;
    const { batches, refused } = uploadBatches([
      sized('a.cube', half),
      sized('b.cube', half),
      sized('c.cube', 1),
      sized('huge.cube', LIMITS.maxUploadBytes + 2 ** 20),
    ]);
    expect(batches.map((b) => b.map((f) => f.name))).toEqual([['a.cube', 'b.cube'], ['c.cube']]);
    expect(refused).toEqual([
      {
        file: 'huge.cube',
        error: expect.stringMatching(/^huge\.cube: is 513 MiB, more than the 512 MiB a browser page may send \(open or import it by its path\)$/),
      },
    ]);
    const many = Array.from({ length: LIMITS.maxUploadFiles + 1 }, (_, i) => sized(`${i}.cube`, 1));
    expect(uploadBatches(many).batches.map((b) => b.length)).toEqual([LIMITS.maxUploadFiles, 1]);

    const files = Array.from({ length: LIMITS.maxUploadFiles + 2 }, (_, i) => new File([new Uint8Array([i % 256])], `${i}.cube`));
    await library.importFiles(files, ['Pack/README.txt']);
    expect(api.callsOf('library.importFiles').map((r) => r.files.length)).toEqual([LIMITS.maxUploadFiles, 2]);
    expect(library.importResult?.imported).toHaveLength(LIMITS.maxUploadFiles + 2);
    expect(library.importResult?.skipped).toEqual(['Pack/README.txt']);
  });
});

describe('the browser path picker', () => {
  it('lists folders and the files the native dialog would offer for the purpose', async () => {
    api.handle('files.browse', () => ({
      dir: '/home/me',
      parent: null,
      roots: ['/home/me'],
      entries: ['Film', 'a.CUBE', 'b.pth', 'c.json', 'notes.txt', 'photo.jpg'].map((name) => ({
        name,
        path: `/home/me/${name}`,
        kind: name === 'Film' ? ('folder' as const) : ('file' as const),
        bytes: 1,
      })),
    }));
    const chosen = picker.choose('import', true);
    expect(picker.open?.extensions).toEqual(OPEN_FILTERS.import?.extensions);
    component = mount(PathPicker, { target: document.body, props: { request: picker.open! } });
    flushSync();
    await settle();
    const listed = [...document.querySelectorAll('[aria-label="Folder contents"] button[aria-label^="F"]')].map((b) => b.getAttribute('aria-label'));
    expect(listed).toEqual(['Folder Film', 'File a.CUBE', 'File b.pth']);
    expect(document.body.textContent).toContain('3 other files not shown');
    picker.open?.resolve(null);
    expect(await chosen).toBeNull();

    void picker.choose('photo');
    expect(picker.open?.extensions).toEqual(PHOTO_EXTENSIONS);
    void picker.choose('output-folder');
    expect(picker.open?.extensions).toBeUndefined();
    picker.open?.resolve(null);
  });
});
