/**
 * The compact looks file: `.nilut` format version 2, any number of learned looks with their
 * names, source hashes and fidelity, a few kilobytes each (little-endian):
 *
 *   bytes 0–5   magic "NILUT\0" (as every .nilut)
 *   bytes 6–7   format version 2 (uint16)
 *   bytes 8–9   look count (uint16)
 *   per look    name length (uint16) and UTF-8 name; flags (uint8, bit 0: a source hash
 *               follows); the source LUT's sha256 (32 bytes); ΔE2000 on held-out photographic
 *               colours mean, p95 and max, and on the 33³ grid mean, in thousandths (4 × uint16);
 *               look code length (uint32) and the look code (look-code.ts)
 *   last 4      CRC-32 of everything before it
 *
 * A binary header because a JSON one cost about 680 of a small model's 1,454 bytes. Readers
 * refuse a wrong magic, another version, a bad checksum, truncation or a damaged look code,
 * each with the file name and the reason.
 */
import { crc32 } from 'node:zlib';
import { ModelFileError } from '../nilut/model-errors.js';
import { READ_LIMITS } from '../read-limits.js';
import { NILUT_MAGIC, nilutFormatVersionOf } from '../nilut/nilut-file.js';
import { decodeLookCode, latticeSizeOfCode, LookCodeError } from './look-code.js';
import type { LookFidelity } from './look-fidelity.js';
import type { Lut3D } from '../lut/lut.js';

export const LOOKS_FORMAT_VERSION = 2;

/** ΔE2000 of a look against its LUT, as the file keeps it (to a thousandth). */
export interface StoredFidelity {
  readonly mean: number;
  readonly p95: number;
  readonly max: number;
  readonly gridMean: number;
}

/** What the file keeps of a look's measured fidelity: ΔE2000 on held-out photographic colours, and the grid's mean. */
export function storedFidelity(fidelity: LookFidelity): StoredFidelity {
  const { mean, p95, max } = fidelity.photographic.deltaE2000;
  return { mean, p95, max, gridMean: fidelity.grid.deltaE2000.mean };
}

export interface StoredLook {
  readonly name: string;
  /** sha256 (hex) of the LUT file the look was learned from, when known. */
  readonly sourceHash?: string;
  readonly fidelity: StoredFidelity;
  readonly code: Uint8Array;
}

export interface DecodedLook extends StoredLook {
  readonly lattice: Lut3D;
}

const MAX_LOOKS = 65535;
const milli = (v: number) => Math.max(0, Math.min(65535, Math.round(v * 1000)));

export function encodeLooksFile(looks: readonly StoredLook[]): Buffer {
  if (looks.length > MAX_LOOKS) throw new RangeError(`a looks file holds at most ${MAX_LOOKS} looks, not ${looks.length}`);
  const parts: Buffer[] = [NILUT_MAGIC];
  const head = Buffer.alloc(4);
  head.writeUInt16LE(LOOKS_FORMAT_VERSION, 0);
  head.writeUInt16LE(looks.length, 2);
  parts.push(head);
  for (const look of looks) {
    const name = Buffer.from(look.name, 'utf8');
    if (name.length > 65535) throw new RangeError(`the look name "${look.name.slice(0, 40)}…" is longer than 65,535 bytes`);
    const hash = look.sourceHash ? Buffer.from(look.sourceHash, 'hex') : undefined;
    if (hash && hash.length !== 32) throw new RangeError(`the source hash of look "${look.name}" is not a sha256`);
    const fixed = Buffer.alloc(2 + name.length + 1 + (hash ? 32 : 0) + 8 + 4);
    let o = fixed.writeUInt16LE(name.length, 0);
    o += name.copy(fixed, o);
    o = fixed.writeUInt8(hash ? 1 : 0, o);
    if (hash) o += hash.copy(fixed, o);
    for (const v of [look.fidelity.mean, look.fidelity.p95, look.fidelity.max, look.fidelity.gridMean]) o = fixed.writeUInt16LE(milli(v), o);
    fixed.writeUInt32LE(look.code.length, o);
    parts.push(fixed, Buffer.from(look.code));
  }
  const content = Buffer.concat(parts);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(content) >>> 0, 0);
  return Buffer.concat([content, checksum]);
}

/** Whether these bytes are a compact looks file (and not a network .nilut). */
export function isLooksFile(bytes: Uint8Array): boolean {
  return nilutFormatVersionOf(bytes) === LOOKS_FORMAT_VERSION;
}

export function decodeLooksFile(bytes: Uint8Array, fileName: string): DecodedLook[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = nilutFormatVersionOf(buffer);
  if (version === undefined) throw new ModelFileError(fileName, 'is not a .nilut model (wrong magic bytes)');
  if (version !== LOOKS_FORMAT_VERSION) throw new ModelFileError(fileName, `is .nilut format ${version}, not a compact looks file (format 2)`, 'unsupported');
  if (buffer.length < 14) throw new ModelFileError(fileName, 'is truncated inside its header');
  if (crc32(buffer.subarray(0, buffer.length - 4)) >>> 0 !== buffer.readUInt32LE(buffer.length - 4))
    throw new ModelFileError(fileName, 'is corrupt or truncated (checksum mismatch)');
  const end = buffer.length - 4;
  const count = buffer.readUInt16LE(8);
  let o = 10;
  const need = (n: number, what: string) => {
    if (o + n > end) throw new ModelFileError(fileName, `is truncated inside ${what}`);
  };
  const looks: DecodedLook[] = [];
  let points = 0;
  for (let i = 0; i < count; i++) {
    need(2, `look ${i + 1}'s name`);
    const nameLength = buffer.readUInt16LE(o);
    o += 2;
    need(nameLength + 1, `look ${i + 1}'s name`);
    const name = buffer.toString('utf8', o, o + nameLength);
    o += nameLength;
    const flags = buffer.readUInt8(o++);
    let sourceHash: string | undefined;
    if (flags & 1) {
      need(32, `the source hash of look "${name}"`);
      sourceHash = buffer.toString('hex', o, o + 32);
      o += 32;
    }
    need(12, `the fidelity of look "${name}"`);
    const [mean, p95, max, gridMean] = [0, 1, 2, 3].map((k) => buffer.readUInt16LE(o + 2 * k) / 1000);
    o += 8;
    const codeLength = buffer.readUInt32LE(o);
    o += 4;
    need(codeLength, `the code of look "${name}"`);
    const code = Uint8Array.from(buffer.subarray(o, o + codeLength));
    o += codeLength;
    // All the looks' lattices together are bounded before each is decoded.
    points += latticeSizeOfCode(code) ** 3;
    if (points > READ_LIMITS.looksPoints) {
      throw new ModelFileError(
        fileName,
        `holds looks of more than ${READ_LIMITS.looksPoints} lattice points together (at look ${i + 1}): more than a looks file may`,
        'unsupported',
      );
    }
    let lattice: Lut3D;
    try {
      lattice = { ...decodeLookCode(code), title: name };
    } catch (error) {
      if (error instanceof LookCodeError) throw new ModelFileError(fileName, `has a damaged look "${name}": its ${error.message}`);
      throw error;
    }
    looks.push({ name, sourceHash, fidelity: { mean, p95, max, gridMean }, code, lattice });
  }
  if (o !== end) throw new ModelFileError(fileName, `holds ${end - o} bytes after its ${count} looks`);
  return looks;
}
