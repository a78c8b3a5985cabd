/**
 * Learning many looks at once on every core: looks are independent (each its own lattice), so
 * they are shared out to worker threads, one look at a time each, and reported as each ends —
 * the caller can save every look as it arrives, so a killed run keeps what it finished.
 * Cancelling terminates the workers at once (a look takes seconds; its half-done work has no
 * value).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Cancelled } from '../errors.js';
import type { Lut3D } from '../lut/lut.js';
import { startModuleWorker } from '../module-worker.js';
import { decodeLookCode } from './look-code.js';
import type { LearnedLook, LearnLookOptions } from './learn-look.js';

/** What crosses to a worker: the options that are plain data. */
export type PlainLearnOptions = Omit<LearnLookOptions, 'signal' | 'onAttempt' | 'colours'>;

export interface LearnRequest {
  readonly id: number;
  readonly lut: Lut3D;
  readonly options: PlainLearnOptions;
}

export type LearnReply =
  { readonly id: number; readonly ok: true; readonly look: Omit<LearnedLook, 'lattice'> } | { readonly id: number; readonly ok: false; readonly error: string };

export interface LookToLearn<K> {
  readonly key: K;
  /** For messages: "Portra 400". */
  readonly name: string;
  readonly lut: Lut3D;
}

export interface LearnManyOptions<K> extends PlainLearnOptions {
  /** Worker threads (default: one per core). */
  readonly threads?: number;
  readonly signal?: AbortSignal;
  /** Each look as it is learned (awaited before that worker takes the next look). */
  readonly onLearned?: (key: K, look: LearnedLook, done: number, total: number) => void | Promise<void>;
  /** A look that failed: the others go on; the error names the look. */
  readonly onFailed?: (key: K, error: Error) => void | Promise<void>;
}

export async function learnLooks<K>(items: readonly LookToLearn<K>[], options: LearnManyOptions<K> = {}): Promise<void> {
  const { threads = availableParallelism(), signal, onLearned, onFailed, ...plain } = options;
  if (signal?.aborted) throw new Cancelled('learning cancelled before it started', 0);
  if (items.length === 0) return;
  const workers: Worker[] = Array.from({ length: Math.max(1, Math.min(threads, items.length)) }, () => startModuleWorker(import.meta.url, 'learn-worker'));
  let next = 0;
  let done = 0;
  let cancelled = false;
  const stop = () => {
    cancelled = true;
    for (const worker of workers) void worker.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const take = () => {
        if (cancelled) return reject(new Cancelled(`learning cancelled after ${done} of ${items.length} looks`, done));
        if (next >= items.length) return resolve();
        const id = next++;
        const request: LearnRequest = { id, lut: items[id].lut, options: plain };
        worker.postMessage(request);
      };
      worker.on('message', (reply: LearnReply) => {
        const item = items[reply.id];
        const settled = reply.ok
          ? Promise.resolve(onLearned?.(item.key, { ...reply.look, lattice: decodeLookCode(reply.look.code) }, ++done, items.length))
          : Promise.resolve(onFailed?.(item.key, new Error(`${item.name}: ${reply.error}`))).then(() => void ++done);
        settled.then(take, (error: unknown) => {
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
      worker.on('error', (error) => {
        stop();
        reject(error);
      });
      // After a resolve this is a no-op; before one, the worker died or was cancelled.
      worker.on('exit', (code) =>
        reject(
          cancelled
            ? new Cancelled(`learning cancelled after ${done} of ${items.length} looks`, done)
            : new Error(`a learning worker stopped (exit code ${code})`),
        ),
      );
      take();
    });
  try {
    await Promise.all(workers.map(run));
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
