/**
 * Exporting a preset as a file: .cube (any size), .3dl or Hald PNG from any preset (models
 * and blends are baked), or .nilut from a model, a blend's model or a LUT's learned model.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { exportFormatOfName } from '../../common/formats/preset-files.js';
import { lutFormatForPath, writeLutFile } from '../lut/lut-file.js';
import type { Lut3D } from '../lut/lut.js';
import type { LookStrengths } from '../lut/look-strengths.js';
import { changesLook, withLookStrengths } from '../lut/look-strengths.js';
import { getPreset } from './catalogue.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { refuseLibraryFiles } from './library-files.js';
import type { MixSource } from './mix-sources.js';
import { latticeOfPreset, mixOfSources, nilutOfPreset } from './preset-looks.js';

export interface ExportOptions {
  /** Lattice points per axis (.cube/.3dl) or a Hald level squared; models bake at 33 by default. */
  readonly size?: number;
  /** Style weights for a multi-style model (default: the preset's own blend or style 1). */
  readonly blend?: readonly number[];
  /** The look's colour and tone strengths, baked into a .cube/.3dl/Hald (lut/look-strengths.ts). */
  readonly strengths?: LookStrengths;
  readonly overwrite?: boolean;
  /** The file's TITLE: the name the person sees for the look (a blend's, not its model's); default the preset's name. */
  readonly title?: string;
}

/** The look as the file will hold it: faded at the size asked for, so it is written without resampling again. */
function fadedForExport(lut: Lut3D, options: ExportOptions): Lut3D {
  return withLookStrengths(lut, options.strengths ?? {}, options.size);
}

export interface ExportResult {
  readonly file: string;
  readonly format: string;
  readonly presetId: number;
}

export async function exportPreset(library: Library, id: number, destination: string, options: ExportOptions = {}): Promise<ExportResult> {
  const file = path.resolve(destination);
  refuseLibraryFiles(library, file);
  const preset = getPreset(library, id);
  if (existsSync(file) && !options.overwrite) throw new LibraryError(file, 'already exists; choose another name or allow overwriting', 'exists');
  if (exportFormatOfName(file)?.kind === 'model') {
    if (changesLook(options.strengths ?? {}))
      throw new LibraryError(file, 'a .nilut holds the model itself: colour and tone strengths are baked only into .cube, .3dl or a Hald image', 'rejected');
    const { blobHash } = nilutOfPreset(library, preset);
    await writeFileAtomic(file, library.blobs.read(blobHash));
    return { file, format: 'nilut', presetId: id };
  }
  const format = lutFormatForPath(file);
  const lut = await latticeOfPreset(library, preset, { size: preset.kind === 'lut' ? undefined : options.size, blend: options.blend });
  // The name as shown in the library, not the TITLE the LUT was imported with or its model's.
  const title = options.title ?? preset.name;
  await writeLutFile(file, { ...fadedForExport(lut, options), title }, { size: options.size, title });
  return { file, format, presetId: id };
}

/** Exports a mix of presets not saved as one (the blend view's sliders) as a LUT file titled `name`. */
export async function exportMix(
  library: Library,
  sources: readonly MixSource[],
  name: string,
  destination: string,
  options: Omit<ExportOptions, 'blend'> = {},
): Promise<{ file: string; format: string }> {
  const file = path.resolve(destination);
  refuseLibraryFiles(library, file);
  if (existsSync(file) && !options.overwrite) throw new LibraryError(file, 'already exists; choose another name or allow overwriting', 'exists');
  if (exportFormatOfName(file)?.kind === 'model')
    throw new LibraryError(file, 'a blend of presets has no model of its own: export it as .cube, .3dl or a Hald image', 'rejected');
  const format = lutFormatForPath(file);
  const { lut } = await mixOfSources(library, sources, name, options.size);
  const title = options.title ?? name;
  await writeLutFile(file, { ...fadedForExport(lut, options), title }, { size: options.size, title });
  return { file, format };
}
