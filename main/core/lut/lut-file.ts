/**
 * Reading and writing LUT files by path: picks the format from the file's extension (and,
 * for images, from its pixel layout) and hands the bytes to that format's reader or writer.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { parseCube } from './cube-read.js';
import { writeCube } from './cube-write.js';
import { decodeLutText } from './text-lines.js';
import { expected } from '../errors.js';
import { LutParseError, LutWriteError } from './errors.js';
import { writeHald } from './hald-write.js';
import type { Lut3D, LutReadResult } from './lut.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from './lut.js';
import { resampleLut } from './sample.js';
import { readLutImage } from './lut-image.js';
import { parseThreeDl, writeThreeDl } from './threedl.js';

export type LutFormat = 'cube' | '3dl' | 'hald' | 'square';

export interface LutFile extends LutReadResult {
  readonly format: LutFormat;
  readonly path: string;
}

const IMAGE_EXTENSIONS = new Set(['.png', '.tif', '.tiff']);

/** Largest LUT file we read: a 256³ .cube in text is about 400 MB; refuse more before reading. */
const MAX_LUT_FILE_BYTES = 1024 * 1024 * 1024;

export async function readLutFile(filePath: string): Promise<LutFile> {
  const name = path.basename(filePath);
  let bytes: Uint8Array;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new LutParseError(name, 'is not a file', undefined, 'inaccessible');
    if (info.size > MAX_LUT_FILE_BYTES) throw new LutParseError(name, `is ${info.size} bytes, larger than any LUT file`, undefined, 'unsupported');
    bytes = await readFile(filePath);
  } catch (error) {
    if (error instanceof LutParseError) throw error;
    throw new LutParseError(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, undefined, 'inaccessible');
  }
  return { ...(await parseLutBytes(bytes, name)), path: filePath };
}

/** Parses a LUT file's bytes already in memory; `name` (with its extension) picks the format. */
export async function parseLutBytes(bytes: Uint8Array, name: string): Promise<LutReadResult & { readonly format: LutFormat }> {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.cube') return { ...parseCube(decodeLutText(bytes, name), name), format: 'cube' };
  if (extension === '.3dl') return { ...parseThreeDl(decodeLutText(bytes, name), name), format: '3dl' };
  if (IMAGE_EXTENSIONS.has(extension)) return readLutImage(bytes, name);
  throw new LutParseError(name, `has an unknown LUT extension "${extension}" (expected .cube, .3dl, .png, .tif or .tiff)`, undefined, 'unsupported');
}

/** Whether a path's extension is one of the LUT formats we read. */
export function isLutPath(filePath: string): boolean {
  const extension = path.extname(filePath).toLowerCase();
  return extension === '.cube' || extension === '.3dl' || IMAGE_EXTENSIONS.has(extension);
}

/** The format a path will be written in, from its extension. */
export function lutFormatForPath(filePath: string): Exclude<LutFormat, 'square'> {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.cube') return 'cube';
  if (extension === '.3dl') return '3dl';
  if (extension === '.png' || extension === '.tif' || extension === '.tiff') return 'hald';
  throw new LutWriteError(path.basename(filePath), `cannot be written: unknown extension "${extension}" (use .cube, .3dl or .png)`, 'unsupported');
}

export interface WriteLutOptions {
  /** Lattice points per axis of the written file; for a Hald image, a square of its level. */
  readonly size?: number;
  readonly title?: string;
}

/** Encodes `lut` in the format named by the extension of `filePath` and writes it atomically. */
export async function writeLutFile(filePath: string, lut: Lut3D, options: WriteLutOptions = {}): Promise<LutFormat> {
  const format = lutFormatForPath(filePath);
  const name = path.basename(filePath);
  if (options.size !== undefined) checkSize(name, format, options.size);
  let bytes: Uint8Array | string;
  if (format === 'hald') {
    const level = options.size === undefined ? undefined : Math.round(Math.sqrt(options.size));
    bytes = await writeHald(lut, { level, bits: 16 });
  } else {
    const sized = options.size !== undefined && (options.size !== lut.size || lut.shaper) ? resampleLut(lut, options.size) : lut;
    bytes = format === 'cube' ? writeCube(sized, { title: options.title ?? lut.title }) : writeThreeDl(sized);
  }
  await writeFileAtomic(filePath, bytes);
  return format;
}

function checkSize(name: string, format: LutFormat, size: number): void {
  if (!Number.isInteger(size) || size < MIN_LATTICE_SIZE || size > MAX_LATTICE_SIZE) {
    throw new LutWriteError(name, expected('lattice size', `integer between ${MIN_LATTICE_SIZE} and ${MAX_LATTICE_SIZE}`, size), 'rejected');
  }
  if (format === 'hald') {
    const level = Math.round(Math.sqrt(size));
    if (level * level !== size || level < 2 || level > 16) {
      throw new LutWriteError(
        name,
        `a Hald image holds level² points per axis for level 2..16 (4, 9, 16, 25, 36, 49, 64, ...), so size ${size} cannot be written`,
        'rejected',
      );
    }
  }
}
