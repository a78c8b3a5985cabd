/**
 * What the library imports as a preset: every LUT format, and the model formats held in one
 * file. The importer (main/core/library/import.ts), the import dialog, the renderer's drops and
 * `nilut library import --help` all ask here.
 */
import { extensionsOf, formatsOfName } from './file-format.js';
import { isLutName, LUT_FORMATS, WRITABLE_LUT_FORMATS } from './lut-formats.js';
import { IMPORTABLE_MODEL_FORMATS, MODEL_FORMATS } from './model-formats.js';

/** Every extension the library imports. */
export const PRESET_EXTENSIONS: readonly string[] = extensionsOf([...LUT_FORMATS, ...IMPORTABLE_MODEL_FORMATS]);

/** Which reader the importer hands a file to, from its name; undefined when it imports none. */
export function presetKindOfName(name: string): 'lut' | 'model' | undefined {
  if (formatsOfName(IMPORTABLE_MODEL_FORMATS, name).length > 0) return 'model';
  return isLutName(name) ? 'lut' : undefined;
}

export function isPresetName(name: string): boolean {
  return presetKindOfName(name) !== undefined;
}

/** Hidden files and folders, passed over when a folder is walked (by the importer and a browser drop alike). */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

const WRITABLE_MODEL_FORMATS = MODEL_FORMATS.filter((f): f is Extract<(typeof MODEL_FORMATS)[number], { writable: true }> => f.writable);

/**
 * What a preset is exported as (main/core/library/export.ts, the export panel, `library export`):
 * every LUT format we write, from any preset (models are baked), and the model format we write,
 * from a preset with a model. A save dialog offers each format's first extension.
 */
export const EXPORT_FORMATS = [
  ...WRITABLE_LUT_FORMATS.map((f) => ({ ...f, kind: 'lut' as const })),
  ...WRITABLE_MODEL_FORMATS.map((f) => ({ ...f, kind: 'model' as const })),
];
export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];

/** The export format a file name asks for, or undefined when we export none there. */
export function exportFormatOfName(name: string): (typeof EXPORT_FORMATS)[number] | undefined {
  return formatsOfName(EXPORT_FORMATS, name)[0];
}
