/**
 * Thumbnails of many presets on the current photo, as JPEG bytes, cached in the library under
 * (preset, photo hash, size). One preset's failure (a lost file, a model not fitted yet) is
 * reported in its own item so the rest of the grid still fills.
 */
import sharp from 'sharp';
import { getThumbnail, putThumbnail } from '../library/thumbnails.js';
import type { PreviewPhoto } from './preview-photo.js';
import type { PreviewRenderer } from './preview-renderer.js';

/** The same shape as the IPC contract's Thumbnail. */
export interface PresetThumbnail {
  readonly presetId: number;
  readonly jpeg: Uint8Array | null;
  readonly error: string | null;
  readonly cached: boolean;
}

/** Quality 85: small files with no visible blocking at thumbnail sizes. */
const JPEG_QUALITY = 85;

export async function renderThumbnails(renderer: PreviewRenderer, photo: PreviewPhoto, presetIds: readonly number[], size: number): Promise<PresetThumbnail[]> {
  const results: PresetThumbnail[] = [];
  for (const presetId of presetIds) results.push(await thumbnailOf(renderer, photo, presetId, size));
  return results;
}

async function thumbnailOf(renderer: PreviewRenderer, photo: PreviewPhoto, presetId: number, size: number): Promise<PresetThumbnail> {
  const key = { presetId, photoHash: photo.info.hash, size };
  try {
    const kept = getThumbnail(renderer.library, key);
    if (kept) return { presetId, jpeg: new Uint8Array(kept.buffer, kept.byteOffset, kept.byteLength), error: null, cached: true };
    // Full quality: a thumbnail is kept, so it must show the preset's exact look.
    const preview = await renderer.render(photo, { look: { kind: 'preset', presetId }, maxEdge: size, quality: 'full' });
    const jpeg = await sharp(preview.pixels, { raw: { width: preview.width, height: preview.height, channels: 4 } })
      .removeAlpha()
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer();
    putThumbnail(renderer.library, key, jpeg);
    return { presetId, jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), error: null, cached: false };
  } catch (error) {
    return { presetId, jpeg: null, error: (error as Error).message ?? String(error), cached: false };
  }
}
