/**
 * The photo every preview and thumbnail is of: the user's once they open one, until then the
 * bundled sample photo, so a new user sees every look on a photo on the first screen. Main
 * reads the sample itself from its own resources: the renderer never names it, so no grant of
 * resources/ is needed and none is given.
 */
import { readImageBytes } from '../core/grading/image-io.js';
import { SAMPLE_PHOTO_TITLE } from '../core/library/samples.js';
import { PreviewPhoto } from '../core/preview/preview-photo.js';
import type { PhotoInfo } from '../contract/contract.js';
import { IpcFailure } from './errors.js';

export class CurrentPhoto {
  private opened: PreviewPhoto | undefined;
  /** The sample, or why it cannot be shown; read once, on first use. */
  private sample: Promise<PreviewPhoto | string> | undefined;

  /** `samplePath`: the sample photo's file, or null for none (the user must open one). */
  constructor(private readonly samplePath: string | null) {}

  /** Makes the user's photo current, replacing the sample or their previous one. */
  open(photo: PreviewPhoto): PhotoInfo {
    this.opened = photo;
    return this.describe(photo);
  }

  /** The current photo, or null when the user has opened none and the sample cannot be read. */
  async info(): Promise<PhotoInfo | null> {
    const found = await this.find();
    return found instanceof PreviewPhoto ? this.describe(found) : null;
  }

  /** The current photo, or an 'unavailable' failure saying why there is none. */
  async get(): Promise<PreviewPhoto> {
    const found = await this.find();
    if (found instanceof PreviewPhoto) return found;
    throw new IpcFailure('unavailable', `no photo is open and ${found}: open a photo to preview looks on it`);
  }

  /** The current photo, or why there is none. */
  private async find(): Promise<PreviewPhoto | string> {
    if (this.opened) return this.opened;
    const sample = await this.openSample();
    // The user may have opened a photo while the sample was being read.
    return this.opened ?? sample;
  }

  private openSample(): Promise<PreviewPhoto | string> {
    this.sample ??= (async () => {
      if (this.samplePath === null) return 'there is no sample photo';
      try {
        // Read as bytes through Node's fs, which also reads inside a packed app's asar archive.
        return await PreviewPhoto.fromBytes(SAMPLE_PHOTO_TITLE, await readImageBytes(this.samplePath));
      } catch (error) {
        return `the sample photo could not be read (${error instanceof Error ? error.message : String(error)})`;
      }
    })();
    return this.sample;
  }

  private describe(photo: PreviewPhoto): PhotoInfo {
    return { ...photo.info, sample: photo !== this.opened };
  }
}
