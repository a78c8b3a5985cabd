/**
 * What the whole window shares: which shell it runs in, the current photo (every preview and
 * thumbnail is of it: main's sample photo until the user opens one), which view is showing and
 * which preset it is about.
 */
import type { AppInfo, PhotoInfo } from '../../main/contract/contract.js';
import { call, errorText } from '../api.js';
import { uploadRefusal } from '../lib/dropped-files.js';

export type View = 'library' | 'preset' | 'blend' | 'batch' | 'jobs' | 'settings';

class Session {
  info = $state<AppInfo | null>(null);
  photo = $state<PhotoInfo | null>(null);
  /** Whether main has said which photo is current: until then, no photo is not yet news. */
  photoKnown = $state(false);
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

  /** There is no photo to show looks on: the user opened none and main could not read the sample. */
  get noPhoto(): boolean {
    return this.photoKnown && this.photo === null;
  }

  async load(): Promise<void> {
    this.info = await call('app.info', {});
    this.photo = await call('photos.current', {});
    this.photoKnown = true;
  }

  openPreset(id: number): void {
    this.presetId = id;
    this.view = 'preset';
  }

  async openPhotoPath(path: string): Promise<void> {
    await this.opening(() => call('photos.open', { path }));
  }

  async openPhotoFile(file: File): Promise<void> {
    await this.opening(async () => {
      const why = uploadRefusal(file);
      if (why) throw new Error(`${file.name}: ${why}`);
      return call('photos.openBytes', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    });
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
