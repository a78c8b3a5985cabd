/**
 * The first-run samples (resources/samples): the paper's LUT01.cube and its pretrained 3-style
 * model, whose first style is LUT01, plus a blend of its first two styles, so a new library
 * shows a LUT, a model and a blend at once; and the sample photo they are shown on until the
 * user opens one of their own.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { sha256Hex } from './blob-store.js';
import { findPresetByContent, getPreset } from './catalogue.js';
import { importPaths, storeModel } from './import.js';
import { decodeModelBytes } from '../nilut/model-file.js';
import type { Library } from './library.js';
import { createBlend } from './preset-edits.js';

const SAMPLE_LUT = 'LUT01.cube';
const SAMPLE_MODEL = 'nilutx3style.pt';
/** The pretrained model's styles, in input order (from the paper's repository). */
const MODEL_STYLES = ['LUT01', 'LUT03', 'LUT04'];
const BLEND_NAME = 'LUT01 × LUT03 (50/50)';

/** Kodak's kodim12 (origin and licence in resources/samples/README.md): skin, sky, foliage and sand. */
const SAMPLE_PHOTO_FILE = path.join('photos', 'kodim12.png');
/** What the app calls the sample photo on screen. */
export const SAMPLE_PHOTO_TITLE = 'Kodak kodim12';

export interface SampleReport {
  readonly presetIds: number[];
  readonly alreadyThere: boolean;
}

export function samplesDir(): string {
  // From dist/main/core/library the resources are three folders up past dist; from the sources, three up.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '../../../..') : path.resolve(here, '../../..');
  return path.join(root, 'resources', 'samples');
}

export function samplePhotoPath(dir = samplesDir()): string {
  return path.join(dir, SAMPLE_PHOTO_FILE);
}

export async function installSamples(library: Library, dir = samplesDir()): Promise<SampleReport> {
  const lutFile = path.join(dir, SAMPLE_LUT);
  const modelFile = path.join(dir, SAMPLE_MODEL);
  const lutHash = sha256Hex(readFileSync(lutFile));
  const existingModel = findPresetByContent(library, sha256Hex(readFileSync(modelFile)));
  if (existingModel) return { presetIds: [], alreadyThere: true };
  // The model first, with its styles named and linked to LUT01's content, so the LUT is known
  // to be learned already and no fit is queued for it.
  const modelBytes = readFileSync(modelFile);
  const loaded = decodeModelBytes(modelBytes, SAMPLE_MODEL);
  const styles = MODEL_STYLES.map((name) => ({ name, sourceHash: name === 'LUT01' ? lutHash : undefined }));
  const { presetId: modelPresetId } = storeModel(library, {
    loaded,
    styles,
    originalName: SAMPLE_MODEL,
    contentHash: sha256Hex(modelBytes),
    presetName: 'NILUT paper: 3 styles',
  });
  const modelPreset = getPreset(library, modelPresetId);
  const lutImport = await importPaths(library, [lutFile]);
  const blend = createBlend(library, modelPreset.modelId!, BLEND_NAME, [0.5, 0.5, 0]);
  return { presetIds: [modelPreset.id, ...lutImport.imported.map((i) => i.presetId), blend.id], alreadyThere: false };
}
