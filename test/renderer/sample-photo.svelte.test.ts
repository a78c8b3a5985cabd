import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoInfo } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import LivePreview from '../../renderer/components/LivePreview.svelte';
import PhotoWell from '../../renderer/components/PhotoWell.svelte';
import { session } from '../../renderer/stores/session.svelte.js';
import LibraryView from '../../renderer/views/LibraryView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { preset } from './presets.js';
import { appInfo, resetLibraryStore } from './stores.js';

const SAMPLE: PhotoInfo = { hash: 'f00d', name: 'Kodak kodim12', width: 768, height: 512, sample: true };

let api: FakeApi;
const components: ReturnType<typeof mount>[] = [];

beforeEach(() => {
  api = new FakeApi()
    .handle('app.info', () => appInfo('browser'))
    .handle('photos.current', () => SAMPLE)
    .handle('photos.openBytes', ({ name }) => ({ hash: 'beef', name, width: 60, height: 40, sample: false }))
    .handle('library.list', () => [preset(1, 'Kodachrome')])
    .handle('library.tags', () => ({ tags: [], collections: [], model: { looks: 0, bytes: 12, lutBytes: 0 } }))
    .handle('preview.thumbnails', ({ presetIds }) =>
      presetIds.map((presetId) => ({ presetId, jpeg: new Uint8Array([0xff, 0xd8, 0xff]), error: null, cached: false })),
    );
  useApi(api);
  Object.assign(session, { info: null, photo: null, photoKnown: false, photoError: null, photoBusy: false });
  resetLibraryStore();
});

afterEach(() => {
  for (const c of components.splice(0)) unmount(c);
  document.body.innerHTML = '';
});

async function render<Props extends Record<string, unknown>>(component: Component<Props>, props: Props): Promise<void> {
  components.push(mount(component, { target: document.body, props }));
  flushSync();
  await settle();
  flushSync();
}

const well = () => document.querySelector('[role="group"][aria-label="Current photo"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('the sample photo', () => {
  it('is what main says is current on start-up, and the header says it is the sample and how to use your own', async () => {
    await render(PhotoWell, { onopen: () => {} });
    expect(well()).toBe('Open photo…');
    await session.load();
    flushSync();
    expect(session.photo).toEqual(SAMPLE);
    expect(well()).toBe('Sample photo (Kodak kodim12) 768 × 512 — Open photo… or drop your own here Open photo…');
  });

  it('tells the desktop app to use the button (drops there go to the view, not the header)', async () => {
    api.handle('app.info', () => appInfo('electron'));
    await session.load();
    await render(PhotoWell, { onopen: () => {} });
    expect(well()).toBe('Sample photo (Kodak kodim12) 768 × 512 — Open photo… to use your own Open photo…');
  });

  it('is replaced by the photo the user opens', async () => {
    await session.load();
    await render(PhotoWell, { onopen: () => {} });
    await session.openPhotoFile(new File([new Uint8Array([1, 2, 3])], 'mine.jpg'));
    flushSync();
    expect(well()).toBe('Photo: mine.jpg 60 × 40 Open photo…');
  });

  it('shows the presets on it with no "open a photo" hint', async () => {
    await session.load();
    await render(LibraryView, {});
    expect(api.callsOf('preview.thumbnails')).toEqual([{ presetIds: [1], size: 256 }]);
    expect(document.querySelector('.hint')).toBeNull();
  });

  it('says on the empty library that presets are shown on the sample until you open a photo', async () => {
    api.handle('library.list', () => []);
    await session.load();
    await render(LibraryView, {});
    expect(document.querySelector('.welcome li')!.textContent).toBe(
      'Open a photo you know well (top right): every preset is shown on it; until then, on the sample photo.',
    );
  });

  it('is honest when even the sample cannot be read', async () => {
    api.handle('photos.current', () => null);
    await session.load();
    await render(PhotoWell, { onopen: () => {} });
    expect(well()).toBe('No photo open (drop one here) Open photo…');
    await render(LibraryView, {});
    expect(document.querySelector('.hint')!.textContent).toBe('The sample photo could not be read: open a photo (top right) to see every preset on it.');
    components.push(mount(LivePreview, { target: document.body, props: { look: { kind: 'preset', presetId: 1 } } }));
    flushSync();
    expect(document.querySelector('.nophoto')!.textContent).toBe('The sample photo could not be read: open a photo (top right) to preview this look on it.');
  });
});
