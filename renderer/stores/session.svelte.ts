/**
 * What the whole window shares: which shell it runs in, the current photo (every preview and
 * thumbnail is of it), which view is showing and which preset it is about.
 */
import type { AppInfo, PhotoInfo } from '../../main/ipc/contract.js';
import { call, errorText } from '../api.js';

export type View = 'library' | 'preset' | 'blend' | 'batch' | 'jobs' | 'settings';

class Session {
  info = $state<AppInfo | null>(null);
  photo = $state<PhotoInfo | null>(null);
  photoError = $state<string | null>(null);
  photoBusy = $state(false);
  view = $state<View>('library');
  /** The preset the preset view shows. */
  presetId = $state<number | null>(null);
  /** Asks the library's search box to take focus (Ctrl/Cmd+F, the Find menu item). */
  focusSearch = $state(0);
  /** Asks the preset view to flip before/after (`\`, the menu item). */
  toggleBeforeAfter = $state(0);

  get browser(): boolean {
    return this.info?.shell === 'browser';
  }

  async load(): Promise<void> {
    this.info = await call('app.info', {});
    this.photo = await call('photos.current', {});
  }

  openPreset(id: number): void {
    this.presetId = id;
    this.view = 'preset';
  }

  async openPhotoPath(path: string): Promise<void> {
    await this.opening(() => call('photos.open', { path }));
  }

  async openPhotoFile(file: File): Promise<void> {
    await this.opening(async () => call('photos.openBytes', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
  }

  private async opening(open: () => Promise<PhotoInfo>): Promise<void> {
    this.photoBusy = true;
    this.photoError = null;
    try {
      this.photo = await open();
    } catch (error) {
      this.photoError = errorText(error);
    } finally {
      this.photoBusy = false;
    }
  }
}

export const session = new Session();
