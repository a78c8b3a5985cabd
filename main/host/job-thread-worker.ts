/**
 * The worker thread that runs the library's queued jobs (fits, folder imports, learning) with its
 * own database connection, so training never stalls the thread that answers the renderer. Jobs
 * run one at a time; 'wake' asks it to look for new ones, 'stop' pauses the running job (it
 * is queued again, not cancelled) and closes the connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunJobsOptions } from '../core/library/job-runner.js';
import { runQueuedJobs } from '../core/library/job-runner.js';
import { openLibrary } from '../core/library/library.js';

export interface JobThreadData {
  readonly libraryDir: string;
  readonly fit?: RunJobsOptions['fit'];
  readonly learn?: RunJobsOptions['learn'];
}

export type JobThreadCommand = { readonly type: 'wake' } | { readonly type: 'stop' };

const port = parentPort!;
const data = workerData as JobThreadData;
const library = openLibrary(data.libraryDir);
const stopping = new AbortController();
let draining: Promise<void> | undefined;
let wokenWhileDraining = false;

async function drain(): Promise<void> {
  do {
    wokenWhileDraining = false;
    await runQueuedJobs(library, { signal: stopping.signal, fit: data.fit, learn: data.learn, onEvent: (event) => port.postMessage(event) });
  } while (wokenWhileDraining && !stopping.signal.aborted);
}

function wake(): void {
  if (draining) {
    wokenWhileDraining = true;
    return;
  }
  draining = drain()
    .catch((error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => (draining = undefined));
}

port.on('message', async (command: JobThreadCommand) => {
  if (command.type === 'wake') wake();
  else if (command.type === 'stop') {
    stopping.abort();
    await draining;
    library.close();
    port.postMessage({ type: 'stopped' });
  }
});
wake();
