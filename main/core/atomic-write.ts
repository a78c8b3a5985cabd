/**
 * Writes a file so that a reader never sees it half-written: the bytes go to a temporary
 * name in the destination folder (same filesystem, so the rename is atomic) and replace the
 * destination only once complete. A failure (full disk, crash, Ctrl-C) leaves at most the
 * temporary file's removal to do, never a truncated destination.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** A temporary name beside `destination`, hidden and recognisable as ours. */
export function temporaryPathFor(destination: string): string {
  const dir = path.dirname(destination);
  const base = path.basename(destination);
  return path.join(dir, `.${base}.${randomBytes(6).toString('hex')}.partial`);
}

export async function writeFileAtomic(destination: string, data: Uint8Array | string): Promise<void> {
  const temporary = temporaryPathFor(destination);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
