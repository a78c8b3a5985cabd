/**
 * The NILUT model formats: each declares its extensions once, here. main/core/nilut/model-file.ts
 * gives each its reader; the importer, the dialogs, the renderer and the CLI's help take their
 * lists from here. No imports beyond this folder: pages bundle it.
 */
import type { FileFormat } from './file-format.js';
import { extensionsOf, formatsOfName } from './file-format.js';

interface ModelFormatInfo extends FileFormat {
  /** The library imports it: one file whose bytes are the whole model. */
  readonly importable: boolean;
  /** We write it (export, `nilut fit`). */
  readonly writable: boolean;
}

export const MODEL_FORMATS = [
  { id: 'nilut', name: 'NILUT model', extensions: ['nilut'], importable: true, writable: true },
  // The paper's checkpoints are .pt; .pth is PyTorch's other name for the same pickle.
  { id: 'pytorch', name: 'PyTorch checkpoint', extensions: ['pt', 'pth'], importable: true, writable: false },
  // Two files (the JSON header and its .f32 weights beside it), so it is read by path only: the
  // library stores one file per model and a browser upload carries one file.
  { id: 'json-f32', name: 'JSON + .f32 weights', extensions: ['json'], importable: false, writable: false },
] as const satisfies readonly ModelFormatInfo[];

export type ModelFormat = (typeof MODEL_FORMATS)[number]['id'];
export type ImportableModelFormat = Extract<(typeof MODEL_FORMATS)[number], { importable: true }>['id'];

/** Every extension a model is read from (by path: the CLI). */
export const MODEL_EXTENSIONS: readonly string[] = extensionsOf(MODEL_FORMATS);

export const IMPORTABLE_MODEL_FORMATS = MODEL_FORMATS.filter((f): f is Extract<(typeof MODEL_FORMATS)[number], { importable: true }> => f.importable);
/** The model extensions the library imports. */
export const IMPORTABLE_MODEL_EXTENSIONS: readonly string[] = extensionsOf(IMPORTABLE_MODEL_FORMATS);

export function modelFormatOfName(name: string): ModelFormat | undefined {
  return formatsOfName(MODEL_FORMATS, name)[0]?.id;
}

export function isModelName(name: string): boolean {
  return modelFormatOfName(name) !== undefined;
}

/** The format of a model file the library imports (its bytes are the whole model), from its name. */
export function importableModelFormatOfName(name: string): ImportableModelFormat | undefined {
  return formatsOfName(IMPORTABLE_MODEL_FORMATS, name)[0]?.id;
}
