/**
 * The trash: removals kept whole so they can be undone. preset-edits.ts says what a removal
 * deleted (each table's owner gives its rows) and puts it here; restoring gives it back.
 *
 * Owner of the trash table (migration 007). Its blobs stay in the blob store until the trash is
 * emptied: garbage.ts asks trashBlobHashes which ones it names.
 */
import type { Library } from './library.js';
import { now } from './clock.js';
import { LibraryError } from './errors.js';
import { ownStatements } from './statements.js';

const statements = ownStatements({
  put: 'INSERT INTO trash (removed_at, removal, blob_hashes) VALUES (?, ?, ?)',
  take: { pluck: 'DELETE FROM trash WHERE id = ? RETURNING removal' },
  empty: 'DELETE FROM trash',
  blobHashes: { pluck: 'SELECT DISTINCT value FROM trash, json_each(trash.blob_hashes)' },
});

/** Keeps a removal (JSON-able) and the blobs it names; returns its trash id. Call inside the removal's transaction. */
export function putInTrash(library: Library, removal: unknown, blobHashes: readonly string[]): number {
  return Number(statements(library).put.run(now(), JSON.stringify(removal), JSON.stringify(blobHashes)).lastInsertRowid);
}

/** Takes a removal out of the trash, to be restored in the caller's transaction. */
export function takeFromTrash(library: Library, id: number): unknown {
  const removal = statements(library).take.get(id) as string | undefined;
  if (removal === undefined) throw new LibraryError(library.file, `has no removal ${id} in its trash (it was emptied when the app started)`, 'not-found');
  return JSON.parse(removal) as unknown;
}

/** Forgets every kept removal (their blobs go at the next garbage collection); how many there were. */
export function emptyTrash(library: Library): number {
  return statements(library).empty.run().changes;
}

export function trashBlobHashes(library: Library): string[] {
  return statements(library).blobHashes.all() as string[];
}
