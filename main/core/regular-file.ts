/**
 * The one way the product opens a file a person named (a photo, a LUT, a Hald image, a model,
 * a .pt checkpoint). It opens read-only and non-blocking, so a FIFO cannot hold the open
 * forever; asks the open handle what it is (fstat), so a FIFO, a device or a symlink to
 * /dev/zero is refused for what it is rather than for its name, and nothing can swap the file
 * between the check and the read; refuses a file larger than the reader's budget before
 * reading a byte; then reads from that same handle, never more than fstat said it holds.
 * Reads are asynchronous, so Ctrl-C and SIGTERM are heard while a large file is read.
 */
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FailureReason } from './errors.js';
import type { FileError } from './file-error.js';
import type { ReadBudget } from './read-limits.js';
import { formatBytes } from './read-limits.js';

/** Each domain's own error for a file (LutParseError, ModelFileError, ImageError), built by the opener. */
export type FileErrorOf = (file: string, problem: string, reason: FailureReason) => FileError;

// O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** One read call's most: Node refuses reads over 2 GiB in one call. */
const MAX_READ_CALL = 1024 * 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** Why opening failed, as the system said it; ENXIO is what opening a socket gives. */
function openProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENXIO') return 'is not a regular file (a socket or a device without a reader)';
  return `cannot be read (${code ?? String(error)})`;
}

/** Refuses `size` bytes over `budget`: also for bytes that arrive in memory (a library blob, an upload). */
export function refuseOverBudget(name: string, size: number, budget: ReadBudget, errorOf: FileErrorOf): void {
  if (size > budget.maxBytes) {
    throw errorOf(name, `is ${formatBytes(size)}, more than the ${formatBytes(budget.maxBytes)} ${budget.what} may be`, 'unsupported');
  }
}

export interface OpenedFile {
  readonly handle: FileHandle;
  /** Bytes the file held when it was opened: all a reader reads of it. */
  readonly size: number;
  readonly name: string;
}

/** Opens `filePath` for reading if it is a regular file within `budget`; the caller closes the handle. */
export async function openRegularFile(filePath: string, budget: ReadBudget, errorOf: FileErrorOf): Promise<OpenedFile> {
  const name = path.basename(filePath);
  let handle: FileHandle;
  try {
    handle = await open(filePath, READ_FLAGS);
  } catch (error) {
    throw errorOf(name, openProblem(error), 'inaccessible');
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw errorOf(name, `is not a regular file (${kindOf(stats)})`, 'inaccessible');
    refuseOverBudget(name, stats.size, budget, errorOf);
    return { handle, size: stats.size, name };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Fills `target` from `position` on; returns the bytes read (fewer if the file shrank). */
async function readInto(opened: OpenedFile, target: Uint8Array, position: number, errorOf: FileErrorOf): Promise<number> {
  let filled = 0;
  while (filled < target.length) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await opened.handle.read(target, filled, Math.min(target.length - filled, MAX_READ_CALL), position + filled));
    } catch (error) {
      throw errorOf(opened.name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'inaccessible');
    }
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/** The whole of a regular file within `budget`: the bytes fstat counted at opening, no more. */
export async function readRegularFile(filePath: string, budget: ReadBudget, errorOf: FileErrorOf): Promise<Buffer> {
  const opened = await openRegularFile(filePath, budget, errorOf);
  try {
    const bytes = Buffer.allocUnsafe(opened.size);
    const filled = await readInto(opened, bytes, 0, errorOf);
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } finally {
    await opened.handle.close();
  }
}

/**
 * A regular file within `budget`, in chunks of `chunkBytes`, for readers whose memory follows
 * what the file declares rather than its length. Each chunk is valid until the next is asked for.
 */
export async function* regularFileChunks(filePath: string, budget: ReadBudget, errorOf: FileErrorOf, chunkBytes = 1024 * 1024): AsyncGenerator<Uint8Array> {
  const opened = await openRegularFile(filePath, budget, errorOf);
  try {
    const chunk = new Uint8Array(Math.max(1, Math.min(chunkBytes, opened.size)));
    for (let position = 0; position < opened.size;) {
      const filled = await readInto(opened, chunk.subarray(0, Math.min(chunk.length, opened.size - position)), position, errorOf);
      if (filled === 0) return;
      yield chunk.subarray(0, filled);
      position += filled;
    }
  } finally {
    await opened.handle.close();
  }
}

/**
 * Checks that `filePath` is a regular file within `budget` and closes it again: for a decoder
 * that reads the path itself (sharp's header-only metadata reads a few KB where the whole file
 * would be megabytes). What is checked is what the name pointed at a moment earlier; a file a
 * hostile input names cannot change that, only a local process racing us could.
 */
export async function checkRegularFile(filePath: string, budget: ReadBudget, errorOf: FileErrorOf): Promise<number> {
  const opened = await openRegularFile(filePath, budget, errorOf);
  await opened.handle.close();
  return opened.size;
}
