/**
 * A library folder: library.db (the catalogue) plus blobs/ (the content-addressed store).
 * This is the object every door holds: the CLI opens one per command, the desktop app one for
 * its lifetime.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BlobStore } from './blob-store.js';
import type { Db } from './database.js';
import { openDatabase } from './database.js';
import { requeueOrphanedJobs } from './jobs.js';

export const DATABASE_NAME = 'library.db';

export interface Library {
  readonly dir: string;
  readonly file: string;
  readonly db: Db;
  readonly blobs: BlobStore;
  close(): void;
}

export interface OpenLibraryOptions {
  /** Stop migrating at this schema version (tests of the migrations only). */
  readonly schemaVersion?: number;
}

export function openLibrary(dir: string, options: OpenLibraryOptions = {}): Library {
  const root = path.resolve(dir);
  mkdirSync(root, { recursive: true });
  const file = path.join(root, DATABASE_NAME);
  const db = openDatabase(file, { targetVersion: options.schemaVersion });
  const blobs = new BlobStore(path.join(root, 'blobs'));
  const library: Library = { dir: root, file, db, blobs, close: () => db.close() };
  if (options.schemaVersion === undefined) requeueOrphanedJobs(library);
  return library;
}
