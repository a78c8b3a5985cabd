/**
 * The JSON + raw float32 form of a PyTorch state dict used in test/fixtures/nilut-paper
 * (nilutx3style.json lists tensors in file order with shapes; the .f32 file holds their
 * little-endian float32 values back to back).
 */
import path from 'node:path';
import { ModelFileError, modelFileError } from './model-errors.js';
import { BUDGETS } from '../read-limits.js';
import { readRegularFile } from '../regular-file.js';
import type { NilutWeights } from './architecture.js';
import { denseFromStateDict } from './state-dict.js';

interface TensorEntry {
  readonly name: string;
  readonly shape: number[];
}

function isTensorEntry(value: unknown): value is TensorEntry {
  const entry = value as Partial<TensorEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.name === 'string' &&
    Array.isArray(entry.shape) &&
    entry.shape.every((n) => Number.isInteger(n) && n >= 0)
  );
}

export async function readJsonF32Weights(jsonPath: string, f32Path?: string): Promise<NilutWeights & { styleNames?: string[] }> {
  const name = path.basename(jsonPath);
  let header: { tensors?: TensorEntry[]; styles?: string[] };
  const text = (await readRegularFile(jsonPath, BUDGETS.model, modelFileError)).toString('utf8');
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(name, `is not readable JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(header.tensors)) throw new ModelFileError(name, 'has no "tensors" list');
  if (header.styles !== undefined && !(Array.isArray(header.styles) && header.styles.every((s) => typeof s === 'string'))) {
    throw new ModelFileError(name, 'has "styles" that are not a list of names');
  }
  const values = await readRegularFile(f32Path ?? jsonPath.replace(/\.json$/i, '.f32'), BUDGETS.model, modelFileError);
  const floats = new Float32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let offset = 0;
  for (const t of header.tensors as unknown[]) {
    if (!isTensorEntry(t)) throw new ModelFileError(name, 'lists a tensor without a name or a shape of whole numbers');
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (offset + size > floats.length) throw new ModelFileError(name, `tensor ${t.name} runs past the end of the .f32 data`);
    tensors.set(t.name, { shape: t.shape, data: floats.subarray(offset, offset + size) });
    offset += size;
  }
  if (offset !== floats.length) throw new ModelFileError(name, `the .f32 data holds ${floats.length} values but the tensors need ${offset}`);
  return { ...denseFromStateDict(tensors, name), styleNames: header.styles };
}
