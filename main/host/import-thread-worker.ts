/**
 * One import on a worker thread with its own library connection: reading, hashing and parsing
 * hundreds of megabytes of LUTs must not stall the thread that answers every page (in the
 * browser bridge that thread also carries every socket). Posts progress, then the report or
 * the error with its reason, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOptions } from '../core/library/import.js';
import { importPaths } from '../core/library/import.js';
import { openLibrary } from '../core/library/library.js';
import { reasonOf } from '../core/errors.js';

export interface ImportThreadData {
  readonly libraryDir: string;
  readonly paths: readonly string[];
  readonly queueFits: boolean;
}

export type ImportThreadMessage =
  | { readonly type: 'progress'; readonly progress: Parameters<NonNullable<ImportOptions['onProgress']>>[0] }
  | { readonly type: 'done'; readonly report: Awaited<ReturnType<typeof importPaths>> }
  | { readonly type: 'failed'; readonly message: string; readonly reason: ReturnType<typeof reasonOf> };

const port = parentPort!;
const data = workerData as ImportThreadData;
const post = (message: ImportThreadMessage) => port.postMessage(message);

try {
  const library = openLibrary(data.libraryDir);
  try {
    const report = await importPaths(library, data.paths, { queueFits: data.queueFits, onProgress: (progress) => post({ type: 'progress', progress }) });
    post({ type: 'done', report });
  } finally {
    library.close();
  }
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error), reason: reasonOf(error) });
}
