/**
 * Collecting blobs nothing refers to. It runs inside a write transaction: an importer stores
 * its blob and the row naming it in one write transaction too, so a blob is never collected
 * between being written and being named.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Library } from './library.js';

const REFERENCED = `
  SELECT blob_hash FROM presets WHERE blob_hash IS NOT NULL
  UNION SELECT blob_hash FROM models
  UNION SELECT blob_hash FROM thumbnails`;

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
      const referenced = new Set((library.db.prepare(REFERENCED).pluck().all() as string[]));
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
