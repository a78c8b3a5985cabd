/**
 * Collecting blobs nothing refers to. It runs inside a write transaction: an importer stores
 * its blob and the row naming it in one write transaction too, so a blob is never collected
 * between being written and being named.
 *
 * No table of its own and no SQL: the blob store is blob-store.ts's, and which blobs are named
 * is asked of each table's owner.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { presetBlobHashes } from './catalogue.js';
import type { Library } from './library.js';
import { modelBlobHashes } from './models.js';
import { thumbnailBlobHashes } from './thumbnails.js';
import { trashBlobHashes } from './trash.js';

/** Every blob a row names: each table's owner says which of its rows name one. */
function referencedBlobs(library: Library): Set<string> {
  return new Set([...presetBlobHashes(library), ...modelBlobHashes(library), ...thumbnailBlobHashes(library), ...trashBlobHashes(library)]);
}

function writerAlive(leftover: string): boolean {
  const pid = Number(/\.(\d+)\.tmp$/.exec(path.basename(leftover))?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes unreferenced blobs and temporary files of dead writers; returns how many blobs went. */
export function collectUnreferencedBlobs(library: Library): number {
  return library.db
    .transaction(() => {
      const referenced = referencedBlobs(library);
      const { hashes, leftovers } = library.blobs.scan();
      let collected = 0;
      for (const hash of hashes) {
        if (referenced.has(hash)) continue;
        library.blobs.remove(hash);
        collected++;
      }
      for (const leftover of leftovers) if (!writerAlive(leftover)) rmSync(leftover, { force: true });
      return collected;
    })
    .immediate();
}
