/**
 * The photo formats: the ones we grade (read and write), and the kinds of photo we refuse by
 * extension with a reason, each declaring its extensions once, here. Grading
 * (main/core/grading/), the dialogs, the renderer's drops and the CLI's help take their lists
 * from here. No imports beyond this folder: pages bundle it.
 */
import type { FileFormat } from './file-format.js';
import { extensionOf, extensionsOf, formatsOfName } from './file-format.js';

/** What grading reads and writes, through sharp; the first extension is the one written. */
export const PHOTO_FORMATS = [
  { id: 'jpeg', name: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe'] },
  { id: 'png', name: 'PNG', extensions: ['png'] },
  { id: 'tiff', name: 'TIFF', extensions: ['tif', 'tiff'] },
  { id: 'webp', name: 'WebP', extensions: ['webp'] },
  { id: 'avif', name: 'AVIF', extensions: ['avif'] },
] as const satisfies readonly FileFormat[];

export type OutputFormat = (typeof PHOTO_FORMATS)[number]['id'];
export const OUTPUT_FORMATS = PHOTO_FORMATS.map((f) => f.id) as unknown as readonly [OutputFormat, ...OutputFormat[]];

/**
 * The formats whose encoder takes a quality (grading/image-io.ts, encodeImage): PNG and TIFF
 * are written losslessly (zlib, LZW), so a quality means nothing for them.
 */
export const QUALITY_FORMATS: readonly OutputFormat[] = ['jpeg', 'webp', 'avif'];

/** A batch's output format: one of ours, or each photo's own ('same'). */
export type FormatChoice = 'same' | OutputFormat;
export const FORMAT_CHOICES = ['same', ...OUTPUT_FORMATS] as readonly [FormatChoice, ...FormatChoice[]];

/** Every extension a photo to grade may have. */
export const PHOTO_EXTENSIONS: readonly string[] = extensionsOf(PHOTO_FORMATS);

/** Photos we do not grade, by extension, and what the person can do instead. */
export const UNGRADED_PHOTO_KINDS = [
  {
    id: 'raw',
    name: 'camera raw',
    extensions: [
      'cr2',
      'cr3',
      'crw',
      'nef',
      'nrw',
      'arw',
      'srf',
      'sr2',
      'dng',
      'raf',
      'orf',
      'rw2',
      'pef',
      'srw',
      'x3f',
      '3fr',
      'iiq',
      'erf',
      'mef',
      'mos',
      'kdc',
      'dcr',
      'rwl',
    ],
    reason: 'is a camera raw file: develop it to TIFF or JPEG first (raw files are not graded)',
  },
  { id: 'photoshop', name: 'Photoshop document', extensions: ['psd', 'psb'], reason: 'is a Photoshop document: export it as TIFF or JPEG first' },
  // sharp's bundled libvips decodes HEIF only when AV1-coded (AVIF): the HEVC of a camera's or
  // phone's HEIC has no decoder (nor encoder) there (test/common/formats checks a real one).
  {
    id: 'heic',
    name: 'HEIC/HEIF',
    extensions: ['heic', 'heif'],
    reason: 'is a HEIC/HEIF photo, which this program cannot decode (no HEVC decoder): export it as JPEG or TIFF first',
  },
] as const satisfies readonly (FileFormat & { readonly reason: string })[];

/** Camera raw extensions: skipped by grading, never taken for a photo. */
export const RAW_EXTENSIONS: readonly string[] = UNGRADED_PHOTO_KINDS[0].extensions;

/** The format of a photo we grade, from its name; undefined for anything else. */
export function photoFormatOfName(name: string): OutputFormat | undefined {
  return formatsOfName(PHOTO_FORMATS, name)[0]?.id;
}

/** The extension a photo written in `format` gets. */
export function photoExtensionOf(format: OutputFormat): string {
  return PHOTO_FORMATS.find((f) => f.id === format)!.extensions[0];
}

/** Why a photo of a kind we refuse (raw, PSD, HEIC) is not graded; undefined for any other file. */
export function ungradedPhotoReason(name: string): string | undefined {
  return formatsOfName(UNGRADED_PHOTO_KINDS, name)[0]?.reason;
}

/** Why a file is not graded, or undefined when it is a photo format we grade. */
export function photoSkipReason(name: string): string | undefined {
  if (photoFormatOfName(name)) return undefined;
  const refused = ungradedPhotoReason(name);
  if (refused) return refused;
  const extension = extensionOf(name);
  return `is not a photo format this program grades (${extension ? `.${extension}` : 'no extension'})`;
}
