/**
 * Importing the paper's PyTorch checkpoint (`torch.save` zip: `<name>/data.pkl` pickle plus
 * raw storages `<name>/data/<key>`). Reads the `model` state dict (or a bare state dict) with
 * the safe pickle subset reader; float32 storages only.
 */
import path from 'node:path';
import type { UnzipFileInfo } from 'fflate';
import { unzipSync } from 'fflate';
import { BUDGETS, formatBytes, READ_LIMITS } from '../read-limits.js';
import { readRegularFile, refuseOverBudget } from '../regular-file.js';
import type { NilutWeights } from './architecture.js';
import { ModelFileError, modelFileError } from './model-errors.js';
import type { PickleValue, TensorRef } from './pickle.js';
import { PickleError, readPickle } from './pickle.js';
import type { NamedTensor } from './state-dict.js';
import { denseFromStateDict } from './state-dict.js';

function isTensor(v: PickleValue): v is TensorRef {
  return typeof v === 'object' && v !== null && !(v instanceof Map) && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'tensor';
}

function tensorData(t: TensorRef, storages: Map<string, Uint8Array>, fileName: string, name: string): NamedTensor {
  if (t.storage.dtype !== 'FloatStorage')
    throw new ModelFileError(fileName, `${name} is stored as ${t.storage.dtype}; only float32 weights are read`, 'unsupported');
  const raw = storages.get(t.storage.key);
  if (!raw) throw new ModelFileError(fileName, `storage ${t.storage.key} of ${name} is missing from the archive`);
  const count = t.shape.reduce((a, b) => a * b, 1);
  // Contiguous row-major layout is what torch.save writes for Linear weights.
  const expected = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  if (t.stride.some((s, i) => t.shape[i] > 1 && s !== expected[i])) throw new ModelFileError(fileName, `${name} is not stored contiguously`);
  if ((t.offset + count) * 4 > raw.length) throw new ModelFileError(fileName, `${name} runs past the end of its storage`);
  const copy = raw.slice(t.offset * 4, (t.offset + count) * 4);
  return { shape: t.shape, data: new Float32Array(copy.buffer, copy.byteOffset, count) };
}

export async function readPytorchCheckpoint(filePath: string): Promise<NilutWeights> {
  return decodePytorchCheckpoint(await readRegularFile(filePath, BUDGETS.pytorch, modelFileError), path.basename(filePath));
}

/**
 * The archive's entries, inflated only once their declared sizes are known to fit the budget:
 * fflate's filter sees each entry's size from the central directory before inflating it, and
 * inflates into a buffer of exactly that size, so an entry cannot grow past what it declared.
 */
function unzipWithinBudget(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  refuseOverBudget(fileName, bytes.length, BUDGETS.pytorch, modelFileError);
  let inflated = 0;
  let count = 0;
  // Throwing from the filter stops fflate before it inflates (or, for a forged count, walks) any further entry.
  const within = (file: UnzipFileInfo): boolean => {
    inflated += file.originalSize;
    if (++count > READ_LIMITS.pytorchEntries) {
      throw new ModelFileError(fileName, `holds more than ${READ_LIMITS.pytorchEntries} entries: more than a checkpoint has`, 'unsupported');
    }
    if (inflated > READ_LIMITS.pytorchInflatedBytes) {
      throw new ModelFileError(
        fileName,
        `declares entries that inflate to more than ${formatBytes(READ_LIMITS.pytorchInflatedBytes)} (${file.name.slice(0, 80)} alone is ${formatBytes(file.originalSize)}): more than a checkpoint may hold`,
        'unsupported',
      );
    }
    return true;
  };
  try {
    return unzipSync(bytes, { filter: within });
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(fileName, `is not a PyTorch zip checkpoint (${(error as Error).message})`);
  }
}

/** The same from bytes in memory; `fileName` names the file in errors. */
export function decodePytorchCheckpoint(bytes: Uint8Array, fileName: string): NilutWeights {
  const entries = unzipWithinBudget(bytes, fileName);
  const pickleName = Object.keys(entries).find((n) => n.endsWith('/data.pkl') || n === 'data.pkl');
  if (!pickleName) throw new ModelFileError(fileName, 'has no data.pkl: not a torch.save archive');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const storages = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) if (name.startsWith(`${prefix}data/`)) storages.set(name.slice(prefix.length + 5), data);
  let root: PickleValue;
  try {
    root = readPickle(entries[pickleName]);
  } catch (error) {
    if (error instanceof PickleError) throw new ModelFileError(fileName, `cannot be read safely: ${error.message}`, 'unsupported');
    throw error;
  }
  if (!(root instanceof Map)) throw new ModelFileError(fileName, 'does not hold a dict');
  const model = root.get('model') ?? root.get('state_dict') ?? root;
  if (!(model instanceof Map)) throw new ModelFileError(fileName, 'has no model state dict');
  const tensors = new Map<string, NamedTensor>();
  for (const [key, value] of model) if (typeof key === 'string' && isTensor(value)) tensors.set(key, tensorData(value, storages, fileName, key));
  return denseFromStateDict(tensors, fileName);
}
