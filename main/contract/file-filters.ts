/**
 * What each open dialog offers, by the dialog's purpose: Electron's native dialogs
 * (main/electron/main/dialog-options.ts) and the browser's path picker (renderer) show the same
 * files, both from the format registries. No zod, no Node: the renderer bundles it.
 */
import { PHOTO_EXTENSIONS } from '../common/formats/photo-formats.js';
import { LUT_EXTENSIONS } from '../common/formats/lut-formats.js';
import { PRESET_EXTENSIONS } from '../common/formats/preset-files.js';

export const OPEN_PURPOSES = ['import', 'photo', 'grade-inputs', 'output-folder', 'look-to-match'] as const;
export type OpenPurpose = (typeof OPEN_PURPOSES)[number];

export interface FileFilter {
  readonly name: string;
  /** Lower-case, without the dot. */
  readonly extensions: readonly string[];
}

const PHOTOS: FileFilter = { name: 'Photos', extensions: PHOTO_EXTENSIONS };

/** The files each purpose picks; null for a purpose that picks folders only. */
export const OPEN_FILTERS: Readonly<Record<OpenPurpose, FileFilter | null>> = {
  import: { name: 'LUTs and NILUT models', extensions: PRESET_EXTENSIONS },
  photo: PHOTOS,
  'grade-inputs': PHOTOS,
  'output-folder': null,
  'look-to-match': { name: 'LUTs', extensions: LUT_EXTENSIONS },
};
