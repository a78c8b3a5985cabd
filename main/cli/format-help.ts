/**
 * The file formats as the CLI's help names them, from the registries (main/common/formats/), so
 * the help lists exactly what the readers read and the writers write.
 */
import type { FileFormat } from '../common/formats/file-format.js';
import { spoken } from '../common/formats/file-format.js';
import { LUT_FORMATS, WRITABLE_LUT_FORMATS } from '../common/formats/lut-formats.js';
import { IMPORTABLE_MODEL_FORMATS, MODEL_FORMATS } from '../common/formats/model-formats.js';
import { FORMAT_CHOICES, PHOTO_FORMATS } from '../common/formats/photo-formats.js';
import { EXPORT_FORMATS } from '../common/formats/preset-files.js';

/**
 * ".cube, .3dl or Hald CLUT image/square lookup image (.png, .tif, .tiff)": a format named by its
 * one extension (.cube) by that, any other by its name and extensions; formats that share their
 * extensions together.
 */
export function describeFormats(formats: readonly FileFormat[]): string {
  const groups = new Map<string, FileFormat[]>();
  for (const format of formats) {
    const key = format.extensions.join(',');
    groups.set(key, [...(groups.get(key) ?? []), format]);
  }
  const parts = [...groups.values()].map((group) => {
    const [first] = group;
    if (group.length === 1 && first.extensions.length === 1 && first.extensions[0] === first.id) return `.${first.id}`;
    return `${group.map((f) => f.name).join('/')} (${first.extensions.map((e) => `.${e}`).join(', ')})`;
  });
  return spoken(parts);
}

/** LUT files we read. */
export const LUT_HELP = describeFormats(LUT_FORMATS);
/** LUT files we write (the extension picks the format). */
export const LUT_WRITE_HELP = describeFormats(WRITABLE_LUT_FORMATS);
/** Model files we read. */
export const MODEL_HELP = describeFormats(MODEL_FORMATS);
/** What `library import` takes. */
export const IMPORT_HELP = describeFormats([...LUT_FORMATS, ...IMPORTABLE_MODEL_FORMATS]);
/** What `library export` writes. */
export const EXPORT_HELP = describeFormats(EXPORT_FORMATS);
/** Photos we grade. */
export const PHOTO_HELP = spoken(PHOTO_FORMATS.map((f) => f.name));
/** `--format`'s choices. */
export const FORMAT_CHOICES_HELP = spoken(FORMAT_CHOICES);
