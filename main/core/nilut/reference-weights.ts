/**
 * The JSON + raw float32 form of a PyTorch state dict used in test/fixtures/nilut-paper
 * (nilutx3style.json lists tensors in file order with shapes; the .f32 file holds their
 * little-endian float32 values back to back).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ModelFileError } from './model-errors.js';
import type { NilutWeights } from './architecture.js';
import { denseFromStateDict } from './state-dict.js';

interface TensorEntry {
  readonly name: string;
  readonly shape: number[];
}

export async function readJsonF32Weights(jsonPath: string, f32Path?: string): Promise<NilutWeights & { styleNames?: string[] }> {
  const name = path.basename(jsonPath);
  let header: { tensors?: TensorEntry[]; styles?: string[] };
  try {
    header = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (error) {
    throw new ModelFileError(name, `is not readable JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(header.tensors)) throw new ModelFileError(name, 'has no "tensors" list');
  const values = await readFile(f32Path ?? jsonPath.replace(/\.json$/i, '.f32'));
  const floats = new Float32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let offset = 0;
  for (const t of header.tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (offset + size > floats.length) throw new ModelFileError(name, `tensor ${t.name} runs past the end of the .f32 data`);
    tensors.set(t.name, { shape: t.shape, data: floats.subarray(offset, offset + size) });
    offset += size;
  }
  if (offset !== floats.length) throw new ModelFileError(name, `the .f32 data holds ${floats.length} values but the tensors need ${offset}`);
  return { ...denseFromStateDict(tensors, name), styleNames: header.styles };
}
