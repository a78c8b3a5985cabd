/** Puts the renderer's stores back to how a fresh page starts, between component tests. */
import type { AppInfo, PhotoInfo } from '../../main/contract/contract.js';
import { emptyFilter } from '../../renderer/lib/library-filter.js';
import { EMPTY_SELECTION } from '../../renderer/lib/selection.js';
import { library } from '../../renderer/stores/library.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';

/** The library store as before its first list: no presets, the default filter, nothing selected. */
export function resetLibraryStore(): void {
  Object.assign(library, { filter: emptyFilter(), presets: [], loaded: false, error: null, importResult: null, importError: null, selection: EMPTY_SELECTION });
}

/** What app.info answers in these tests, for a shell. */
export function appInfo(shell: AppInfo['shell']): AppInfo {
  return { version: '0.1.0', shell, libraryDir: '/lib', cores: 2, backend: null };
}

/** A photo the user opened (not the sample). */
export const OPENED_PHOTO: PhotoInfo = { hash: 'abc', name: 'kodim23.png', width: 768, height: 512, sample: false };

/** A library view in a browser with the user's photo open: what most library tests start from. */
export function openLibraryInBrowser(): void {
  resetLibraryStore();
  session.photo = OPENED_PHOTO;
  session.info = appInfo('browser');
}
