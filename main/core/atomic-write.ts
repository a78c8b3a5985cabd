/**
 * Writes a file so that a reader never sees it half-written: the bytes go to a temporary
 * name in the destination folder (same filesystem, so the rename is atomic) and replace the
 * destination only once complete. A failure (full disk, Ctrl-C) leaves at most the temporary
 * file's removal to do, never a truncated destination; its error names the destination, since
 * the temporary name means nothing to a person.
 *
 * A process killed mid-write (SIGKILL, a crash, power loss) cannot remove its temporary file,
 * so each write first removes the stale temporaries of its own name: whoever writes that name
 * next owns the leftovers, with no sweeper to schedule and no folder listed beyond the one being
 * written. A batch writing many names into one folder sweeps them all at once instead
 * (removeStalePartials) and says so, rather than listing the folder once per photo.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DISK_FULL_PROBLEM, NilutError, reasonOf } from './errors.js';
import { FileError } from './file-error.js';

/**
 * How old a temporary file whose writer may still run must be to count as abandoned. A write
 * touches its temporary file until its last byte, then only fsyncs and renames: seconds, even
 * for a 16-bit TIFF on a slow USB disk. Only for names whose writer cannot be asked (below).
 */
export const STALE_PARTIAL_MS = 15 * 60 * 1000;

/** `.<name>.<pid>-<12 hex>.partial`; earlier versions wrote `.<name>.<12 hex>.partial`, without the writer's id. */
const PARTIAL_NAME = /^\.(.+)\.(?:(\d+)-)?[0-9a-f]{12}\.partial$/;

/** A write that failed, named by its destination (the errno text would name the temporary file). */
export class FileWriteError extends FileError {
  override readonly name = 'FileWriteError';
}

export interface AtomicWriteOptions {
  /** The caller has removed stale temporaries from the destination's folder already (a batch, once per folder). */
  readonly leftoversRemoved?: boolean;
}

/** A temporary name beside `destination`, hidden and recognisable as ours, carrying the writer's process id. */
export function temporaryPathFor(destination: string, writer = process.pid): string {
  const dir = path.dirname(destination);
  const base = path.basename(destination);
  return path.join(dir, `.${base}.${writer}-${randomBytes(6).toString('hex')}.partial`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a temporary file's writer is gone: its process no longer runs on this machine, or the
 * file has not changed for STALE_PARTIAL_MS (an id reused by another process, a name without
 * one). A live write from another machine sharing the folder could lose its temporary file;
 * its rename then fails and says so, and no destination is harmed.
 */
async function isStale(file: string, writer: number | undefined): Promise<boolean> {
  if (writer !== undefined && !isRunning(writer)) return true;
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > STALE_PARTIAL_MS;
}

/**
 * Removes the temporary files of abandoned writes in `folder`, for the destination names given
 * (every name when omitted). Answers how many were removed; a folder that cannot be listed has none.
 */
export async function removeStalePartials(folder: string, names?: ReadonlySet<string>): Promise<number> {
  const entries = await readdir(folder).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries) {
    const match = PARTIAL_NAME.exec(entry);
    if (!match || (names && !names.has(match[1]))) continue;
    const file = path.join(folder, entry);
    if (!(await isStale(file, match[2] === undefined ? undefined : Number(match[2])))) continue;
    await rm(file, { force: true });
    removed++;
  }
  return removed;
}

/** The error to throw for a failed write: the system's code and the destination's name, the kind kept as the reason. */
function writeFailure(destination: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof NilutError || typeof code !== 'string') return error;
  const reason = reasonOf(error) ?? 'inaccessible';
  const problem = reason === 'disk-full' ? DISK_FULL_PROBLEM : `cannot be written (${code})`;
  return new FileWriteError(destination, problem, reason, undefined, { cause: error });
}

/** `data` may be chunks of text, written as they are made (a large LUT is never one string). */
export async function writeFileAtomic(destination: string, data: Uint8Array | string | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  // Resolved as core/output-safety.ts resolves it, so the place checked is the place written.
  const target = path.resolve(destination);
  if (!options.leftoversRemoved) await removeStalePartials(path.dirname(target), new Set([path.basename(target)]));
  const temporary = temporaryPathFor(target);
  try {
    const handle = await open(temporary, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      // Each writeFile continues at the handle's position, looping over partial writes.
      else for (const chunk of data) await handle.writeFile(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeFailure(destination, error);
  }
}
