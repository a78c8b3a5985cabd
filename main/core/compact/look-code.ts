/**
 * A learned look's lattice as a few kilobytes: the correction to the identity (lattice − its
 * own coordinates) quantised to 1/Q, each value predicted from its seven lower neighbours
 * (the 3D Lorenzo predictor: smooth corrections leave residuals near 0), zig-zag varints, then
 * DEFLATE. Decoding is exact up to the quantisation (±1/(2Q) per value).
 *
 *   byte 0      code version (1)
 *   byte 1      lattice points per axis n (2..255)
 *   bytes 2–3   Q, uint16 little-endian
 *   rest        raw DEFLATE of 3·n³ varints, channel-planar (all red, then green, then blue),
 *               red varying fastest inside a plane as in the lattice
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Lut3D } from '../lut/lut.js';
import { identityLut } from '../lut/lut.js';

const CODE_VERSION = 1;
/** Corrections are clamped to ±(2¹⁵−1)/Q: a LUT output more than a full scale away is not a look. */
const LIMIT = 32767;

export class LookCodeError extends Error {
  constructor(readonly problem: string) {
    super(`look code ${problem}`);
  }
}

function predict(q: Int32Array, n: number, r: number, g: number, b: number, p: number): number {
  const s1 = n,
    s2 = n * n;
  const x = r > 0 ? q[p - 1] : 0,
    y = g > 0 ? q[p - s1] : 0,
    z = b > 0 ? q[p - s2] : 0;
  const xy = r > 0 && g > 0 ? q[p - 1 - s1] : 0,
    xz = r > 0 && b > 0 ? q[p - 1 - s2] : 0,
    yz = g > 0 && b > 0 ? q[p - s1 - s2] : 0;
  const xyz = r > 0 && g > 0 && b > 0 ? q[p - 1 - s1 - s2] : 0;
  return x + y + z - xy - xz - yz + xyz;
}

/** Encodes a lattice (no shaper, unit domain) at quantisation 1/`quantisation`. */
export function encodeLookCode(lattice: Lut3D, quantisation: number): Uint8Array {
  const n = lattice.size;
  if (n < 2 || n > 255) throw new RangeError(`a look code holds 2 to 255 points per axis, not ${n}`);
  if (lattice.shaper) throw new RangeError('a look code holds a plain lattice, without a shaper');
  const identity = identityLut(n).data;
  const points = n ** 3;
  const bytes: number[] = [];
  const q = new Int32Array(points);
  for (let c = 0; c < 3; c++) {
    for (let p = 0; p < points; p++) q[p] = Math.max(-LIMIT, Math.min(LIMIT, Math.round((lattice.data[p * 3 + c] - identity[p * 3 + c]) * quantisation)));
    for (let b = 0, p = 0; b < n; b++)
      for (let g = 0; g < n; g++)
        for (let r = 0; r < n; r++, p++) {
          const e = q[p] - predict(q, n, r, g, b, p);
          let z = e >= 0 ? 2 * e : -2 * e - 1;
          while (z >= 0x80) {
            bytes.push((z & 0x7f) | 0x80);
            z >>>= 7;
          }
          bytes.push(z);
        }
  }
  const body = deflateRawSync(Uint8Array.from(bytes), { level: 9 });
  const out = new Uint8Array(4 + body.length);
  out[0] = CODE_VERSION;
  out[1] = n;
  out[2] = quantisation & 0xff;
  out[3] = quantisation >> 8;
  out.set(body, 4);
  return out;
}

/** The lattice points per axis a look code declares (its second byte), read without decoding it. */
export function latticeSizeOfCode(code: Uint8Array): number {
  return code[1] ?? 0;
}

/** The lattice back from its code; throws LookCodeError on anything malformed. */
export function decodeLookCode(code: Uint8Array): Lut3D {
  if (code.length < 5) throw new LookCodeError(`is ${code.length} bytes long, too short to hold a lattice`);
  if (code[0] !== CODE_VERSION) throw new LookCodeError(`has version ${code[0]}, which this version of NILUT Studio cannot read`);
  const n = latticeSizeOfCode(code);
  const quantisation = code[2] | (code[3] << 8);
  if (n < 2) throw new LookCodeError(`declares ${n} lattice points per axis`);
  if (quantisation === 0) throw new LookCodeError('declares a quantisation of 0');
  let raw: Buffer;
  try {
    // The inflated size is known: 3·n³ varints of at most 3 bytes each (|e| ≤ 4·LIMIT).
    raw = inflateRawSync(code.subarray(4), { maxOutputLength: 3 * n ** 3 * 3 });
  } catch (error) {
    throw new LookCodeError(`is damaged (${(error as Error).message})`);
  }
  const points = n ** 3;
  const lattice = identityLut(n);
  const data = lattice.data;
  const q = new Int32Array(points);
  let o = 0;
  for (let c = 0; c < 3; c++) {
    for (let b = 0, p = 0; b < n; b++)
      for (let g = 0; g < n; g++)
        for (let r = 0; r < n; r++, p++) {
          let z = 0,
            shift = 0,
            byte: number;
          do {
            if (o >= raw.length) throw new LookCodeError(`ends inside its lattice (${p} of ${points} values of channel ${c})`);
            byte = raw[o++];
            z |= (byte & 0x7f) << shift;
            shift += 7;
          } while (byte & 0x80 && shift < 28);
          const e = z & 1 ? -(z + 1) / 2 : z / 2;
          q[p] = e + predict(q, n, r, g, b, p);
          data[p * 3 + c] += q[p] / quantisation;
        }
  }
  if (o !== raw.length) throw new LookCodeError(`holds ${raw.length - o} bytes after its lattice`);
  return lattice;
}
