/**
 * Reading a NILUT from any file we accept (.nilut, the paper's .pt, JSON + .f32) and writing
 * .nilut. The formats and their extensions are declared once, in main/common/formats/model-formats.ts;
 * here each gets its reader. A .nilut holds a network (format 1) or compact looks (format 2,
 * compact/looks-file.ts): readModelFile says which; decodeModelBytes reads networks only.
 */
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { DecodedLook } from '../compact/looks-file.js';
import { decodeLooksFile, isLooksFile } from '../compact/looks-file.js';
import { dotted } from '../../common/formats/file-format.js';
import type { ImportableModelFormat, ModelFormat } from '../../common/formats/model-formats.js';
import { IMPORTABLE_MODEL_EXTENSIONS, importableModelFormatOfName, MODEL_EXTENSIONS, modelFormatOfName } from '../../common/formats/model-formats.js';
import type { NilutWeights } from './architecture.js';
import { ModelFileError, modelFileError } from './model-errors.js';
import type { ReadBudget } from '../read-limits.js';
import { BUDGETS } from '../read-limits.js';
import { readRegularFile } from '../regular-file.js';
import type { NilutHeader } from './nilut-file.js';
import { decodeNilut, encodeNilut } from './nilut-file.js';
import { decodePytorchCheckpoint, readPytorchCheckpoint } from './pytorch-import.js';
import { readJsonF32Weights } from './reference-weights.js';

/** A network NILUT (or CNILUT), from any model format. */
export interface LoadedModel {
  readonly kind: 'network';
  readonly weights: NilutWeights;
  readonly styleNames: string[];
  readonly header?: NilutHeader;
  readonly format: ModelFormat;
}

/** A compact looks file: each look's lattice, name, source hash and fidelity. */
export interface LoadedLooks {
  readonly kind: 'looks';
  readonly looks: DecodedLook[];
  readonly format: 'nilut';
}

export type ModelFileContents = LoadedModel | LoadedLooks;

function defaultNames(weights: NilutWeights): string[] {
  return Array.from({ length: Math.max(1, weights.architecture.styles) }, (_, i) => `style ${i + 1}`);
}

function notANetwork(name: string): ModelFileError {
  return new ModelFileError(name, 'is a compact looks file (.nilut format 2), not a network model', 'unsupported');
}

function fromNilut(bytes: Uint8Array, name: string): LoadedModel {
  if (isLooksFile(bytes)) throw notANetwork(name);
  const { header, weights } = decodeNilut(bytes, name);
  return { kind: 'network', weights, header, styleNames: header.styles.map((s) => s.name), format: 'nilut' };
}

/** Each registered format's reader, from a path: a format the registry adds without one does not compile. */
const READERS: Readonly<Record<ModelFormat, (filePath: string, name: string) => Promise<ModelFileContents>>> = {
  nilut: async (filePath, name) => {
    const bytes = await readRegularFile(filePath, BUDGETS.model, modelFileError);
    return isLooksFile(bytes) ? { kind: 'looks', looks: decodeLooksFile(bytes, name), format: 'nilut' } : fromNilut(bytes, name);
  },
  pytorch: async (filePath) => {
    const weights = await readPytorchCheckpoint(filePath);
    return { kind: 'network', weights, styleNames: defaultNames(weights), format: 'pytorch' };
  },
  'json-f32': async (filePath) => {
    const weights = await readJsonF32Weights(filePath);
    return { kind: 'network', weights, styleNames: weights.styleNames ?? defaultNames(weights), format: 'json-f32' };
  },
};

/** Each format held in one file, from its bytes (what the library imports). */
const DECODERS: Readonly<Record<ImportableModelFormat, (bytes: Uint8Array, name: string) => LoadedModel>> = {
  nilut: fromNilut,
  pytorch: (bytes, name) => {
    const weights = decodePytorchCheckpoint(bytes, name);
    return { kind: 'network', weights, styleNames: defaultNames(weights), format: 'pytorch' };
  },
};

/** A network model or compact looks, from a file of any model format. */
export async function readModelFile(filePath: string): Promise<ModelFileContents> {
  const name = path.basename(filePath);
  const format = modelFormatOfName(filePath);
  if (format) return READERS[format](filePath, name);
  const expected = MODEL_EXTENSIONS.map((e) => `.${e}`).join(', ');
  throw new ModelFileError(name, `has an unknown model extension "${path.extname(filePath).toLowerCase()}" (expected ${expected})`, 'unsupported');
}

/** A network model from a file; compact looks are refused (for what only a network can do). */
export async function readNetworkModelFile(filePath: string): Promise<LoadedModel> {
  const contents = await readModelFile(filePath);
  if (contents.kind === 'looks') throw notANetwork(path.basename(filePath));
  return contents;
}

/** How large a model file of each format that is held in one file may be (read-limits.ts). */
const MODEL_BUDGETS: Readonly<Record<ImportableModelFormat, ReadBudget>> = { nilut: BUDGETS.model, pytorch: BUDGETS.pytorch };

/** The budget of a model file held in one file, from its name (undefined for another extension). */
export function modelFileBudget(name: string): ReadBudget | undefined {
  const format = importableModelFormatOfName(name);
  return format && MODEL_BUDGETS[format];
}

/** Decodes a network .nilut or PyTorch checkpoint already in memory; `name`'s extension picks which. A looks file is refused. */
export function decodeModelBytes(bytes: Uint8Array, name: string): LoadedModel {
  const format = importableModelFormatOfName(name);
  if (format) return DECODERS[format](bytes, name);
  throw new ModelFileError(
    name,
    `has an unknown model extension "${path.extname(name).toLowerCase()}" (expected ${dotted(IMPORTABLE_MODEL_EXTENSIONS)})`,
    'unsupported',
  );
}

export async function writeModelFile(filePath: string, weights: NilutWeights, header: Omit<NilutHeader, 'formatVersion' | 'architecture'>): Promise<void> {
  await writeFileAtomic(filePath, encodeNilut(weights, header));
}
