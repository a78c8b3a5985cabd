/**
 * The `.nilut` model file, format version 1 (little-endian):
 *
 *   bytes 0–5   magic "NILUT\0"
 *   bytes 6–7   format version (uint16)
 *   bytes 8–11  header length H in bytes (uint32)
 *   H bytes     header, UTF-8 JSON (NilutHeader below), then zero padding to a multiple of 4
 *   weights     every layer's weight ([out, in], row-major, PyTorch layout) then bias, in layer
 *               order, as float32 or float16 (header.dtype)
 *   last 4      CRC-32 of everything before it
 *
 * Readers refuse a wrong magic, a newer version, a bad checksum, a truncated file or weights
 * that do not fit the declared architecture — each with the file name and the reason.
 */
import { crc32 } from 'node:zlib';
import type { DenseWeights, NilutArchitecture, NilutWeights } from './architecture.js';
import { layerShapes, parameterCount, shapeProblem } from './architecture.js';
import { architectureProblem, weightsProblem } from './model-bounds.js';
import { READ_LIMITS } from '../read-limits.js';
import { fromFloat16Bits, toFloat16Bits } from './float16.js';
import { ModelFileError } from './model-errors.js';

export const NILUT_FORMAT_VERSION = 1;
/** Shared by every .nilut format version (version 2, compact looks, is looks-file.ts). */
export const NILUT_MAGIC: Buffer = Buffer.from('NILUT\0', 'latin1');
const MAGIC = NILUT_MAGIC;

/** The format version of .nilut bytes, or undefined when they do not start like a .nilut. */
export function nilutFormatVersionOf(bytes: Uint8Array): number | undefined {
  if (bytes.length < 8 || !Buffer.from(bytes.buffer, bytes.byteOffset, 6).equals(MAGIC)) return undefined;
  return bytes[6] | (bytes[7] << 8);
}

export interface StyleInfo {
  readonly name: string;
  /** sha256 of the source LUT file, when the style was fitted from one. */
  readonly sourceHash?: string;
}

export interface NilutHeader {
  readonly formatVersion: number;
  readonly architecture: NilutArchitecture;
  readonly dtype: 'float32' | 'float16';
  /** One entry per style (one for a single-style NILUT). */
  readonly styles: StyleInfo[];
  readonly training?: Record<string, unknown>;
  readonly metrics?: Record<string, unknown>;
  readonly created: string;
  readonly software: string;
}

export interface NilutFile {
  readonly header: NilutHeader;
  readonly weights: NilutWeights;
}

export function encodeNilut(weights: NilutWeights, header: Omit<NilutHeader, 'formatVersion' | 'architecture'>): Buffer {
  const problem = shapeProblem(weights.architecture, weights.dense);
  if (problem) throw new RangeError(`cannot write a .nilut: ${problem}`);
  const full: NilutHeader = { formatVersion: NILUT_FORMAT_VERSION, architecture: weights.architecture, ...header };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const padded = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const values = weights.dense.flatMap((d) => [d.weight, d.bias]);
  const count = values.reduce((s, v) => s + v.length, 0);
  const body = Buffer.alloc(count * (header.dtype === 'float16' ? 2 : 4));
  let o = 0;
  for (const array of values) {
    for (const v of array) {
      if (header.dtype === 'float16') {
        body.writeUInt16LE(toFloat16Bits(v), o);
        o += 2;
      } else {
        body.writeFloatLE(v, o);
        o += 4;
      }
    }
  }
  const prefix = Buffer.alloc(6);
  prefix.writeUInt16LE(NILUT_FORMAT_VERSION, 0);
  prefix.writeUInt32LE(padded.length, 2);
  const content = Buffer.concat([MAGIC, prefix, padded, body]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(content) >>> 0, 0);
  return Buffer.concat([content, checksum]);
}

export function decodeNilut(bytes: Uint8Array, fileName: string): NilutFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 16 || !buffer.subarray(0, 6).equals(MAGIC)) throw new ModelFileError(fileName, 'is not a .nilut model (wrong magic bytes)');
  const version = buffer.readUInt16LE(6);
  if (version > NILUT_FORMAT_VERSION) {
    throw new ModelFileError(
      fileName,
      `was written in .nilut format ${version} by a newer NILUT Studio; this version reads format ${NILUT_FORMAT_VERSION} and older`,
      'unsupported',
    );
  }
  const stored = buffer.readUInt32LE(buffer.length - 4);
  if (crc32(buffer.subarray(0, buffer.length - 4)) >>> 0 !== stored) throw new ModelFileError(fileName, 'is corrupt or truncated (checksum mismatch)');
  const headerLength = buffer.readUInt32LE(8);
  if (headerLength > READ_LIMITS.modelHeaderBytes) {
    throw new ModelFileError(fileName, `declares a header of ${headerLength} bytes, more than the ${READ_LIMITS.modelHeaderBytes} a model's header may be`);
  }
  if (12 + headerLength > buffer.length - 4) throw new ModelFileError(fileName, 'is truncated inside its header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.subarray(12, 12 + headerLength).toString('utf8'));
  } catch {
    throw new ModelFileError(fileName, 'has an unreadable header');
  }
  const problem = headerProblem(parsed);
  if (problem) throw new ModelFileError(fileName, problem);
  const header = parsed as NilutHeader;
  const { architecture, dtype } = header;
  const bytesPer = dtype === 'float16' ? 2 : 4;
  let o = 12 + headerLength;
  // The weights' length follows from the architecture: checked before anything is allocated for them.
  const weightBytes = parameterCount(architecture) * bytesPer;
  if (o + weightBytes !== buffer.length - 4) {
    const held = buffer.length - 4 - o;
    throw new ModelFileError(
      fileName,
      held < weightBytes ? 'is truncated inside its weights' : `holds ${held - weightBytes} bytes more than its architecture needs`,
    );
  }
  const read = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, o += bytesPer) out[i] = bytesPer === 2 ? fromFloat16Bits(buffer.readUInt16LE(o)) : buffer.readFloatLE(o);
    return out;
  };
  const dense: DenseWeights[] = layerShapes(architecture).map(([outputs, inputs]) => ({
    outputs,
    inputs,
    weight: read(outputs * inputs),
    bias: read(outputs),
  }));
  const weightProblem = shapeProblem(architecture, dense) ?? weightsProblem(dense);
  if (weightProblem) throw new ModelFileError(fileName, weightProblem);
  return { header, weights: { architecture, dense } };
}

/** Whether `value` nests deeper than `limit` (looked at without recursion, so depth itself cannot overflow the stack). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a parsed header is not a format-1 header this reader can use, or undefined. */
function headerProblem(header: unknown): string | undefined {
  if (!isRecord(header)) return 'has a header that is not a JSON object';
  const architecture = architectureProblem(header.architecture);
  if (architecture) return architecture;
  if (header.dtype !== 'float32' && header.dtype !== 'float16')
    return `has the weight type ${JSON.stringify(header.dtype) ?? 'none'}, not "float32" or "float16"`;
  const { styles } = header;
  const expected = Math.max(1, (header.architecture as NilutArchitecture).styles);
  if (!Array.isArray(styles) || styles.length !== expected)
    return `lists ${Array.isArray(styles) ? styles.length : 'no'} styles where its network has ${expected}`;
  if (!styles.every((s) => isRecord(s) && typeof s.name === 'string' && (s.sourceHash === undefined || typeof s.sourceHash === 'string'))) {
    return 'has a style without a name';
  }
  for (const key of ['created', 'software'] as const) if (header[key] !== undefined && typeof header[key] !== 'string') return `has a ${key} that is not text`;
  for (const key of ['training', 'metrics'] as const) {
    const record = header[key];
    if (record === undefined) continue;
    if (!isRecord(record)) return `has ${key} that is not a JSON object`;
    if (nestsDeeperThan(record, READ_LIMITS.modelHeaderDepth)) return `has ${key} nested deeper than ${READ_LIMITS.modelHeaderDepth} levels`;
  }
  return undefined;
}
