/**
 * Photos in and out through sharp. Reading auto-orients by EXIF, converts a tagged colour
 * profile (Display P3, Adobe RGB...) and grey/CMYK to sRGB-encoded RGB(A) — the space LUTs act
 * on — and keeps 16 bits for 16-bit sources. Writing carries EXIF (orientation reset), XMP, IPTC
 * and an sRGB ICC profile over to the new file.
 */
import path from 'node:path';
import type { Metadata } from 'sharp';
import sharp from 'sharp';
import { BUDGETS, READ_LIMITS } from '../read-limits.js';
import type { FileErrorOf } from '../regular-file.js';
import { checkRegularFile, readRegularFile } from '../regular-file.js';
import type { FailureReason } from '../errors.js';
import { FileError } from '../file-error.js';
import type { OutputFormat } from '../../common/formats/photo-formats.js';
import { photoFormatOfName } from '../../common/formats/photo-formats.js';
import type { JpegSegment } from './jpeg-segments.js';
import { iccSegments, insertJpegSegments, metadataSegments, readJpegSegments, segmentsFromMetadata } from './jpeg-segments.js';
import { insertPngMetadata } from './png-chunks.js';

/** A photo that cannot be read or written: names the file, the problem and its reason. */
export class ImageError extends FileError {
  override readonly name = 'ImageError';
  constructor(file: string, problem: string, reason: FailureReason) {
    super(file, problem, reason);
  }
}

export interface SourceMetadata {
  readonly format: string;
  readonly exif?: Uint8Array;
  readonly xmp?: Uint8Array;
  readonly iptc?: Uint8Array;
  /** True when the file carried an ICC profile (then output is tagged sRGB). */
  readonly hadProfile: boolean;
  /** The original JPEG's metadata segments, copied verbatim into JPEG output. */
  readonly jpegSegments?: JpegSegment[];
  /**
   * Set when the pixels were left in the file's own encoding (`keepProfile`): the profile to
   * embed in the output instead of sRGB.
   */
  readonly keptIcc?: Uint8Array;
}

export interface ReadImageOptions {
  /** Decode to this depth (default: 16 for 16-bit PNG/TIFF, else 8). */
  readonly bits?: 8 | 16;
  /**
   * Leave the pixels in the input's own encoding (no conversion to sRGB) and carry its ICC
   * profile to the output: grading "in the input's encoding".
   */
  readonly keepProfile?: boolean;
}

export interface DecodedImage {
  /** Interleaved sRGB-encoded pixels, upright. */
  readonly pixels: Uint8Array | Uint16Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly bits: 8 | 16;
  readonly source: SourceMetadata;
}

/** The formats we write are the ones we grade (main/common/formats/photo-formats.ts). */
export type { OutputFormat };

export function outputFormatForPath(filePath: string): OutputFormat {
  const format = photoFormatOfName(filePath);
  if (!format) throw new ImageError(path.basename(filePath), `cannot be written: unknown image extension "${path.extname(filePath)}"`, 'unsupported');
  return format;
}

/**
 * Why sharp could not decode the photo `name`, as our error. sharp (libvips) reports a decode
 * failure as an Error whose only clue to its kind is its text, so this is the one place that
 * reads it: "unsupported image format" means the bytes are no format sharp knows (reason
 * 'unsupported'); anything else is a file of a known format that does not decode ('damaged').
 * Every caller of sharp's decoders wraps its failure here, and nothing downstream reads text.
 */
export function decodeError(name: string, error: unknown): ImageError {
  const message = (error as Error).message ?? String(error);
  if (/unsupported image format/i.test(message)) return new ImageError(name, 'is not an image format this program can read', 'unsupported');
  return new ImageError(name, `cannot be decoded (${message.split('\n')[0]})`, 'damaged');
}

const photoFileError: FileErrorOf = (file, problem, reason) => new ImageError(file, problem, reason);

/**
 * A photo file's bytes, through the opener (regular files only, within the photo budget); the
 * error names the file and the reason when it cannot be read.
 */
export async function readImageBytes(filePath: string): Promise<Buffer> {
  return readRegularFile(filePath, BUDGETS.photo, photoFileError);
}

/**
 * sharp's options for decoding a photo: its pixel budget, which libvips checks from the header.
 * Metadata is read without it (a header costs nothing), so refuseOversizedPhoto can say more
 * than libvips's "Input image exceeds pixel limit".
 */
export const PHOTO_DECODE_LIMITS = { limitInputPixels: READ_LIMITS.photoPixels } as const;

/** Refuses a photo whose header declares more pixels than the budget, before a pixel is decoded. */
export function refuseOversizedPhoto(name: string, meta: Metadata): void {
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > READ_LIMITS.photoPixels) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    throw new ImageError(
      name,
      `is ${meta.width}×${meta.height} (${megapixels(pixels)}), more than the ${megapixels(READ_LIMITS.photoPixels)} a photo may have`,
      'unsupported',
    );
  }
}

/**
 * A photo's header (dimensions, depth, orientation) without decoding it, for estimates and
 * plans. The opener checks the file first; sharp then reads the path itself, which costs the few
 * kilobytes of the header where reading the file to pass it a buffer would cost all of it.
 */
export async function readImageHeader(filePath: string): Promise<Metadata> {
  await checkRegularFile(filePath, BUDGETS.photo, photoFileError);
  const name = path.basename(filePath);
  let meta: Metadata;
  try {
    meta = await sharp(filePath).metadata();
  } catch (error) {
    throw decodeError(name, error);
  }
  refuseOversizedPhoto(name, meta);
  return meta;
}

export async function readImage(filePath: string, options: ReadImageOptions = {}): Promise<DecodedImage> {
  const name = path.basename(filePath);
  const bytes = await readImageBytes(filePath);
  if (bytes.length === 0) throw new ImageError(name, 'is empty (0 bytes)', 'damaged');
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw decodeError(name, error);
  }
  refuseOversizedPhoto(name, meta);
  try {
    const sixteen = options.bits ? options.bits === 16 : meta.depth === 'ushort' && (meta.format === 'png' || meta.format === 'tiff');
    const keepIcc = options.keepProfile && meta.icc && meta.space !== 'cmyk' ? meta.icc : undefined;
    // 16-bit sources stay 16-bit: sharp needs rgb16 on read (and on write) to keep every bit.
    const pipeline = sharp(bytes, { ...PHOTO_DECODE_LIMITS, failOn: 'error', ignoreIcc: Boolean(keepIcc) })
      .autoOrient()
      .toColourspace(sixteen ? 'rgb16' : 'srgb');
    const { data, info } = await pipeline.raw(sixteen ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`${info.channels} channels after conversion to RGB`);
    const pixels = sixteen
      ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return {
      pixels,
      width: info.width,
      height: info.height,
      channels: info.channels as 3 | 4,
      bits: sixteen ? 16 : 8,
      source: {
        format: meta.format ?? 'unknown',
        exif: meta.exif,
        xmp: meta.xmp,
        iptc: meta.iptc,
        hadProfile: Boolean(meta.icc),
        keptIcc: keepIcc,
        jpegSegments: meta.format === 'jpeg' ? metadataSegments(readJpegSegments(bytes)) : undefined,
      },
    };
  } catch (error) {
    throw decodeError(name, error);
  }
}

export interface EncodeOptions {
  readonly format: OutputFormat;
  /** 1..100 for JPEG/WebP/AVIF. */
  readonly quality: number;
  /** Output bit depth; 16 only for PNG and TIFF (others are always 8-bit). */
  readonly bits?: 8 | 16;
}

/** Encodes graded pixels with the source's metadata; returns the file's bytes. */
export async function encodeImage(image: DecodedImage, options: EncodeOptions): Promise<Buffer> {
  const sixteenOut = (options.bits ?? image.bits) === 16 && (options.format === 'png' || options.format === 'tiff');
  // sharp infers 16-bit raw input from a Uint16Array (a Buffer would be read as 8-bit).
  let pipeline = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } }).toColourspace(
    sixteenOut ? 'rgb16' : 'srgb',
  );
  if (image.source.keptIcc && options.format !== 'jpeg' && options.format !== 'png') {
    throw new ImageError(
      `*.${options.format}`,
      'cannot carry the original colour profile (keep-profile writes JPEG or PNG); convert to sRGB instead',
      'unsupported',
    );
  }
  if (image.source.hadProfile && !image.source.keptIcc) pipeline = pipeline.withIccProfile('srgb');
  const { xmp } = image.source;
  if (xmp && options.format !== 'jpeg' && options.format !== 'png') pipeline = pipeline.withXmp(Buffer.from(xmp).toString('utf8'));
  switch (options.format) {
    case 'jpeg':
      // Huffman optimisation costs ~7x the encode time on 24 MP for a few % of file size.
      pipeline = pipeline.jpeg({ quality: options.quality, optimiseCoding: false });
      break;
    case 'png':
      pipeline = pipeline.png({ compressionLevel: 6 });
      break;
    case 'tiff':
      pipeline = pipeline.tiff({ compression: 'lzw', predictor: 'horizontal' });
      break;
    case 'webp':
      pipeline = pipeline.webp({ quality: options.quality });
      break;
    case 'avif':
      pipeline = pipeline.avif({ quality: options.quality });
      break;
  }
  const encoded = await pipeline.toBuffer();
  if (options.format === 'jpeg') {
    const segments = [...(image.source.jpegSegments ?? segmentsFromMetadata(image.source)), ...(image.source.keptIcc ? iccSegments(image.source.keptIcc) : [])];
    return Buffer.from(insertJpegSegments(encoded, segments));
  }
  if (options.format === 'png') return Buffer.from(insertPngMetadata(encoded, { ...image.source, icc: image.source.keptIcc }));
  return encoded;
}
