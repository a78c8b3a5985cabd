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
import { layerShapes, shapeProblem } from './architecture.js';
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
  if (12 + headerLength > buffer.length - 4) throw new ModelFileError(fileName, 'is truncated inside its header');
  let header: NilutHeader;
  try {
    header = JSON.parse(buffer.subarray(12, 12 + headerLength).toString('utf8'));
  } catch {
    throw new ModelFileError(fileName, 'has an unreadable header');
  }
  const { architecture, dtype } = header;
  if (!architecture || (dtype !== 'float32' && dtype !== 'float16')) throw new ModelFileError(fileName, 'has a header without architecture or dtype');
  const bytesPer = dtype === 'float16' ? 2 : 4;
  let o = 12 + headerLength;
  const read = (n: number): Float32Array => {
    if (o + n * bytesPer > buffer.length - 4) throw new ModelFileError(fileName, 'is truncated inside its weights');
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
  if (o !== buffer.length - 4) throw new ModelFileError(fileName, `holds ${buffer.length - 4 - o} bytes more than its architecture needs`);
  const problem = shapeProblem(architecture, dense);
  if (problem) throw new ModelFileError(fileName, problem);
  return { header, weights: { architecture, dense } };
}
