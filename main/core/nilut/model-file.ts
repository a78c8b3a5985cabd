/** Reading a NILUT from any file we accept (.nilut, the paper's .pt, JSON + .f32) and writing .nilut. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { NilutWeights } from './architecture.js';
import { ModelFileError } from './model-errors.js';
import type { NilutHeader } from './nilut-file.js';
import { decodeNilut, encodeNilut } from './nilut-file.js';
import { decodePytorchCheckpoint, readPytorchCheckpoint } from './pytorch-import.js';
import { readJsonF32Weights } from './reference-weights.js';

export const MODEL_EXTENSIONS = ['.nilut', '.pt', '.pth', '.json'];

export function isModelPath(filePath: string): boolean {
  return MODEL_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

export interface LoadedModel {
  readonly weights: NilutWeights;
  readonly styleNames: string[];
  readonly header?: NilutHeader;
  readonly format: 'nilut' | 'pytorch' | 'json-f32';
}

function defaultNames(weights: NilutWeights): string[] {
  return Array.from({ length: Math.max(1, weights.architecture.styles) }, (_, i) => `style ${i + 1}`);
}

export async function readModelFile(filePath: string): Promise<LoadedModel> {
  const name = path.basename(filePath);
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.nilut') {
    let bytes: Buffer;
    try {
      bytes = await readFile(filePath);
    } catch (error) {
      throw new ModelFileError(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'inaccessible');
    }
    const { header, weights } = decodeNilut(bytes, name);
    return { weights, header, styleNames: header.styles.map((s) => s.name), format: 'nilut' };
  }
  if (extension === '.pt' || extension === '.pth') {
    const weights = await readPytorchCheckpoint(filePath);
    return { weights, styleNames: defaultNames(weights), format: 'pytorch' };
  }
  if (extension === '.json') {
    const weights = await readJsonF32Weights(filePath);
    return { weights, styleNames: weights.styleNames ?? defaultNames(weights), format: 'json-f32' };
  }
  throw new ModelFileError(name, `has an unknown model extension "${extension}" (expected ${MODEL_EXTENSIONS.join(', ')})`, 'unsupported');
}

/** Decodes a .nilut or PyTorch checkpoint already in memory; `name`'s extension picks which. */
export function decodeModelBytes(bytes: Uint8Array, name: string): LoadedModel {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.nilut') {
    const { header, weights } = decodeNilut(bytes, name);
    return { weights, header, styleNames: header.styles.map((s) => s.name), format: 'nilut' };
  }
  if (extension === '.pt' || extension === '.pth') {
    const weights = decodePytorchCheckpoint(bytes, name);
    return { weights, styleNames: defaultNames(weights), format: 'pytorch' };
  }
  throw new ModelFileError(name, `has an unknown model extension "${extension}" (expected .nilut, .pt or .pth)`, 'unsupported');
}

export async function writeModelFile(filePath: string, weights: NilutWeights, header: Omit<NilutHeader, 'formatVersion' | 'architecture'>): Promise<void> {
  await writeFileAtomic(filePath, encodeNilut(weights, header));
}
