/**
 * What the library imports as a preset: every LUT format, and the model formats held in one
 * file. The importer (main/core/library/import.ts), the import dialog, the renderer's drops and
 * `nilut library import --help` all ask here.
 */
import { extensionsOf, formatsOfName } from './file-format.js';
import { isLutName, LUT_FORMATS } from './lut-formats.js';
import { IMPORTABLE_MODEL_FORMATS } from './model-formats.js';

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
