/**
 * The photo being previewed: its file's bytes (hashed once, so thumbnails can be cached under
 * the hash) and downscaled, upright, sRGB-encoded 8-bit RGBA copies at the sizes the views ask
 * for. Decoding goes through sharp as image-io.ts does (EXIF orientation applied, a tagged
 * profile, grey or CMYK converted to sRGB), because LUTs and NILUTs act on sRGB-encoded values.
 */
import path from 'node:path';
import type { Metadata } from 'sharp';
import sharp from 'sharp';
import { expected } from '../errors.js';
import { decodeError, ImageError, PHOTO_DECODE_LIMITS, readImageBytes, refuseOversizedPhoto } from '../grading/image-io.js';
import { LruCache } from '../lru-cache.js';
import { sha256Hex } from '../library/blob-store.js';

/** What a view shows about the photo (the IPC contract's PhotoInfo, less whether it is the sample). */
export interface PreviewPhotoInfo {
  /** sha256 of the file's bytes. */
  readonly hash: string;
  readonly name: string;
  /** Upright size, after EXIF orientation. */
  readonly width: number;
  readonly height: number;
}

/** Interleaved 8-bit sRGB-encoded RGBA pixels, upright. Shared by the cache: never write to it. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Sizes kept decoded at once: a preview, a thumbnail size and a couple of window sizes. */
const CACHED_SIZES = 4;
/** Decoded at open to prove the file is whole; the contract's default preview edge. */
const OPENING_EDGE = 1024;

export class PreviewPhoto {
  readonly info: PreviewPhotoInfo;
  private readonly sizes = new LruCache<number, Promise<RgbaPixels>>(CACHED_SIZES);

  private constructor(
    private readonly bytes: Uint8Array,
    info: PreviewPhotoInfo,
  ) {
    this.info = info;
  }

  /** Reads and checks a photo file; the error names the file when it is unreadable or corrupt. */
  static async open(filePath: string): Promise<PreviewPhoto> {
    return PreviewPhoto.fromBytes(path.basename(filePath), await readImageBytes(filePath));
  }

  /** A photo from bytes (dropped onto a browser window): `name` is used in errors only. */
  static async fromBytes(name: string, bytes: Uint8Array): Promise<PreviewPhoto> {
    if (bytes.byteLength === 0) throw new ImageError(name, 'is empty (0 bytes)', 'damaged');
    let meta: Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch (error) {
      throw decodeError(name, error);
    }
    refuseOversizedPhoto(name, meta);
    const size = meta.autoOrient;
    const photo = new PreviewPhoto(bytes, { hash: sha256Hex(bytes), name, width: size.width, height: size.height });
    // A truncated or corrupt file can have a readable header; decoding one size finds out now,
    // at open, rather than at the first render, and that size is usually the first one asked for.
    await photo.pixelsAt(OPENING_EDGE);
    return photo;
  }

  /** The longest edge a copy at `maxEdge` gets: never larger than the photo (no upscaling). */
  edgeFor(maxEdge: number): number {
    if (!Number.isInteger(maxEdge) || maxEdge < 1) throw new RangeError(expected('maxEdge', 'positive integer', maxEdge));
    return Math.min(maxEdge, Math.max(this.info.width, this.info.height));
  }

  /** The photo scaled to fit `maxEdge` × `maxEdge`, as RGBA. Cached per size (a few sizes). */
  pixelsAt(maxEdge: number): Promise<RgbaPixels> {
    const edge = this.edgeFor(maxEdge);
    const kept = this.sizes.get(edge);
    if (kept) return kept;
    const entry = this.decode(edge);
    // A failed decode is not kept, so a retry decodes again.
    entry.catch(() => this.sizes.peek(edge) === entry && this.sizes.delete(edge));
    this.sizes.set(edge, entry);
    return entry;
  }

  private async decode(edge: number): Promise<RgbaPixels> {
    try {
      const { data, info } = await sharp(this.bytes, { ...PHOTO_DECODE_LIMITS, failOn: 'error' })
        .autoOrient()
        .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 4) throw new Error(`${info.channels} channels after conversion to RGBA`);
      return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    } catch (error) {
      throw decodeError(this.info.name, error);
    }
  }
}
