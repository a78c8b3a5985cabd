/**
 * The LUT formats: each declares its extensions once, here. main/core/lut/lut-file.ts gives
 * each its reader and writer (keyed by these ids, so a format without a reader does not
 * compile); the importer, the dialogs, the renderer and the CLI's help take their lists from
 * here. No imports beyond this folder: pages bundle it.
 */
import type { FileFormat } from './file-format.js';
import { extensionsOf, formatsOfName } from './file-format.js';

interface LutFormatInfo extends FileFormat {
  /** We write it too (a writable image format is written as its extension names: PNG or TIFF). */
  readonly writable: boolean;
}

export const LUT_FORMATS = [
  { id: 'cube', name: 'Cube LUT', extensions: ['cube'], writable: true },
  { id: '3dl', name: '3DL LUT', extensions: ['3dl'], writable: true },
  // Hald CLUTs and square lookups share their extensions: the pixel layout tells them apart (lut-image.ts).
  { id: 'hald', name: 'Hald CLUT image', extensions: ['png', 'tif', 'tiff'], writable: true },
  { id: 'square', name: 'square lookup image', extensions: ['png', 'tif', 'tiff'], writable: false },
] as const satisfies readonly LutFormatInfo[];

export type LutFormat = (typeof LUT_FORMATS)[number]['id'];
export type WritableLutFormat = Extract<(typeof LUT_FORMATS)[number], { writable: true }>['id'];

/** Every extension a LUT is read from. */
export const LUT_EXTENSIONS: readonly string[] = extensionsOf(LUT_FORMATS);

export const WRITABLE_LUT_FORMATS = LUT_FORMATS.filter((f): f is Extract<(typeof LUT_FORMATS)[number], { writable: true }> => f.writable);

/** The formats a LUT file's name may hold (the image formats share theirs); empty when none. */
export function lutFormatsOfName(name: string): LutFormat[] {
  return formatsOfName(LUT_FORMATS, name).map((f) => f.id);
}

export function isLutName(name: string): boolean {
  return lutFormatsOfName(name).length > 0;
}

/** The format a LUT is written in for this file name, or undefined when we write none there. */
export function writableLutFormatOfName(name: string): WritableLutFormat | undefined {
  return formatsOfName(WRITABLE_LUT_FORMATS, name)[0]?.id;
}
