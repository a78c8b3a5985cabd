/**
 * Reading and writing LUT files by path: picks the format from the file's extension (and,
 * for images, from its pixel layout) and hands the bytes to that format's reader or writer.
 * Files are opened through regular-file.ts (regular files only, within read-limits.ts's budgets).
 * The formats and their extensions are declared once, in main/common/formats/lut-formats.ts;
 * here each gets its reader and writer.
 */
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { dotted, extensionOf } from '../../common/formats/file-format.js';
import type { LutFormat, WritableLutFormat } from '../../common/formats/lut-formats.js';
import { LUT_EXTENSIONS, lutFormatsOfName, WRITABLE_LUT_FORMATS, writableLutFormatOfName } from '../../common/formats/lut-formats.js';
import { cubeLineReader } from './cube-read.js';
import { cubeChunks } from './cube-write.js';
import type { ReadBudget } from '../read-limits.js';
import { BUDGETS } from '../read-limits.js';
import type { FileErrorOf } from '../regular-file.js';
import { readRegularFile, refuseOverBudget, regularFileChunks } from '../regular-file.js';
import { chunksOf, readTextLut } from './text-stream.js';
import { expected } from '../errors.js';
import { LutParseError, LutWriteError } from './errors.js';
import { writeHald } from './hald-write.js';
import type { Lut3D, LutReadResult } from './lut.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { resampleLut } from './sample.js';
import { readLutImage } from './lut-image.js';
import { threeDlLineReader, writeThreeDl } from './threedl.js';

export type { LutFormat };

export interface LutFile extends LutReadResult {
  readonly format: LutFormat;
  readonly path: string;
}

/** The opener's errors for a LUT file, as the LUT readers' own. */
const lutFileError: FileErrorOf = (file, problem, reason) => new LutParseError(file, problem, undefined, reason);

/**
 * Each registered format's reader, from chunks of the file (a text LUT is parsed as it is
 * read, so its memory is its lattice's) or from its bytes (an image is decoded whole):
 * a format the registry adds without one here does not compile.
 */
const READERS: Readonly<Record<LutFormat, (source: LutSource, name: string) => Promise<LutRead>>> = {
  cube: async (source, name) => ({ ...(await readTextLut(source.chunks(LUT_BUDGETS.cube), name, cubeLineReader(name))), format: 'cube' }),
  '3dl': async (source, name) => ({ ...(await readTextLut(source.chunks(LUT_BUDGETS['3dl']), name, threeDlLineReader(name))), format: '3dl' }),
  // The two image layouts share their extensions and one reader, which tells them apart by the pixels.
  hald: async (source, name) => readLutImage(await source.bytes(LUT_BUDGETS.hald), name),
  square: async (source, name) => readLutImage(await source.bytes(LUT_BUDGETS.square), name),
};

/** How large a file of each format may be (read-limits.ts). */
const LUT_BUDGETS: Readonly<Record<LutFormat, ReadBudget>> = {
  cube: BUDGETS.textLut,
  '3dl': BUDGETS.textLut,
  hald: BUDGETS.lutImage,
  square: BUDGETS.lutImage,
};

/** The budget of a LUT file, from its name: for a reader that must hold the file's bytes whole (the library's import). */
export function lutFileBudget(name: string): ReadBudget {
  return LUT_BUDGETS[formatOfName(name)];
}

/** Where a LUT's bytes come from: a file through the opener, or bytes already in memory. */
interface LutSource {
  chunks(budget: ReadBudget): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  bytes(budget: ReadBudget): Promise<Uint8Array>;
}

function formatOfName(name: string): LutFormat {
  const [format] = lutFormatsOfName(name);
  if (format) return format;
  throw new LutParseError(
    name,
    `has an unknown LUT extension "${path.extname(name).toLowerCase()}" (expected ${dotted(LUT_EXTENSIONS)})`,
    undefined,
    'unsupported',
  );
}

/** Reads a LUT file of any registered format: only a regular file, within its format's budget. */
export async function readLutFile(filePath: string): Promise<LutFile> {
  const name = path.basename(filePath);
  const source: LutSource = {
    chunks: (budget) => regularFileChunks(filePath, budget, lutFileError),
    bytes: (budget) => readRegularFile(filePath, budget, lutFileError),
  };
  return { ...(await READERS[formatOfName(name)](source, name)), path: filePath };
}

type LutRead = LutReadResult & { readonly format: LutFormat };

/** Parses a LUT file's bytes already in memory (a library blob, an upload); `name` (with its extension) picks the format. */
export async function parseLutBytes(bytes: Uint8Array, name: string): Promise<LutRead> {
  const source: LutSource = {
    chunks: (budget) => {
      refuseOverBudget(name, bytes.length, budget, lutFileError);
      return chunksOf(bytes);
    },
    bytes: async (budget) => {
      refuseOverBudget(name, bytes.length, budget, lutFileError);
      return bytes;
    },
  };
  return READERS[formatOfName(name)](source, name);
}

/** The format a path will be written in, from its extension. */
export function lutFormatForPath(filePath: string): WritableLutFormat {
  const format = writableLutFormatOfName(filePath);
  if (format) return format;
  const written = WRITABLE_LUT_FORMATS.map((f) => f.extensions[0]);
  throw new LutWriteError(
    path.basename(filePath),
    `cannot be written: unknown extension "${path.extname(filePath).toLowerCase()}" (use ${dotted(written)})`,
    'unsupported',
  );
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
  await writeFileAtomic(filePath, await WRITERS[format](lut, name, options));
  return format;
}

/** The LUT at the asked lattice size (a shaper is folded in by resampling). */
function sized(lut: Lut3D, size: number | undefined): Lut3D {
  return size !== undefined && (size !== lut.size || lut.shaper) ? resampleLut(lut, size) : lut;
}

/** Each writable format's writer, keyed as the registry names them. */
const WRITERS: Readonly<Record<WritableLutFormat, (lut: Lut3D, name: string, options: WriteLutOptions) => Promise<Uint8Array | string | Iterable<string>>>> = {
  cube: async (lut, _name, options) => cubeChunks(sized(lut, options.size), { title: options.title ?? lut.title }),
  '3dl': async (lut, _name, options) => writeThreeDl(sized(lut, options.size)),
  // A Hald image is encoded as its extension says: PNG for .png, TIFF for .tif/.tiff.
  hald: (lut, name, options) =>
    writeHald(lut, {
      level: options.size === undefined ? undefined : Math.round(Math.sqrt(options.size)),
      bits: 16,
      encoding: extensionOf(name) === 'png' ? 'png' : 'tiff',
    }),
};

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
