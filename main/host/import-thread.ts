/** Runs one library import on its own worker thread (import-thread-worker.ts) and resolves with its report. */
import { startModuleWorker } from '../core/module-worker.js';
import { NilutError } from '../core/errors.js';
import type { ImportProgress, ImportReport } from '../core/library/import.js';
import type { ImportThreadData, ImportThreadMessage } from './import-thread-worker.js';

export function importOnThread(data: ImportThreadData, onProgress: (progress: ImportProgress) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'import-thread-worker', { workerData: data });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: ImportThreadMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.report));
      else settle(() => reject(message.reason ? new NilutError(message.reason, message.message) : new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the import thread ended (exit code ${code}) before its report`))));
  });
}
