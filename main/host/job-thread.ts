/** The host's side of the job thread: starts it, wakes it, relays its events, stops it. */
import type { Worker } from 'node:worker_threads';
import type { JobEvent } from '../core/library/job-runner.js';
import { startModuleWorker } from '../core/module-worker.js';
import type { JobThreadCommand, JobThreadData } from './job-thread-worker.js';

export type JobThreadMessage = JobEvent | { readonly type: 'error'; readonly message: string } | { readonly type: 'stopped' };

export class JobThread {
  private readonly worker: Worker;
  private stopped?: Promise<void>;

  constructor(data: JobThreadData, onMessage: (message: JobThreadMessage) => void) {
    this.worker = startModuleWorker(import.meta.url, 'job-thread-worker', { workerData: data });
    this.worker.on('message', onMessage);
    this.worker.on('error', (error) => onMessage({ type: 'error', message: error.message }));
  }

  wake(): void {
    if (!this.stopped) this.worker.postMessage({ type: 'wake' } satisfies JobThreadCommand);
  }

  /** Pauses the running job (it will be queued again) and ends the thread. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const timeout = setTimeout(() => void this.worker.terminate().then(() => resolve()), 30_000);
      this.worker.on('message', (message: JobThreadMessage) => {
        if (message.type === 'stopped') {
          clearTimeout(timeout);
          void this.worker.terminate().then(() => resolve());
        }
      });
      this.worker.on('exit', () => {
        clearTimeout(timeout);
        resolve();
      });
      this.worker.postMessage({ type: 'stop' } satisfies JobThreadCommand);
    });
    return this.stopped;
  }
}
