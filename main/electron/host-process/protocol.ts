/**
 * The messages between the Electron main process and the host process that runs the IPC
 * host (the library, previews, grading), and the correlator that pairs each answer with the
 * call that asked for it. Messages travel by structured clone, so Uint8Array payloads
 * (previews, thumbnails) cross untouched.
 */
import type { EventName, IpcError, Result } from '../../contract/contract.js';

/** What the host needs to start, besides the shell ('electron') and the event sink. */
export interface HostStartOptions {
  readonly libraryDir: string;
  readonly settingsFile: string;
  readonly allowedRoots: string[];
  /** Add the bundled sample presets when the library is new (the app's `--no-samples` turns it off). */
  readonly samples: boolean;
  /** Run queued fits and imports in the background (the app's `--no-background-jobs` turns it off). */
  readonly backgroundJobs: boolean;
}

export type ToHost =
  | { readonly kind: 'start'; readonly options: HostStartOptions }
  | { readonly kind: 'call'; readonly id: number; readonly channel: string; readonly request: unknown }
  | { readonly kind: 'grant'; readonly paths: string[] }
  | { readonly kind: 'close' };

export type FromHost =
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'event'; readonly name: EventName; readonly payload: unknown }
  | { readonly kind: 'closed' };

const TO_HOST_KINDS = new Set(['start', 'call', 'grant', 'close']);
const FROM_HOST_KINDS = new Set(['ready', 'start-failed', 'result', 'event', 'closed']);

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
}

/** Both ends are ours, so a shape check on the tag is enough to drop anything foreign. */
export function isToHost(value: unknown): value is ToHost {
  return TO_HOST_KINDS.has(kindOf(value) as string);
}

export function isFromHost(value: unknown): value is FromHost {
  return FROM_HOST_KINDS.has(kindOf(value) as string);
}

export function failure(code: IpcError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

interface Pending {
  readonly channel: string;
  readonly resolve: (result: Result<unknown>) => void;
}

/** Numbers calls and settles each with its answer; fails them all if the host goes away. */
export class Correlator {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /** A new call: its id (to send) and the promise its answer settles. */
  open(channel: string): { id: number; answer: Promise<Result<unknown>> } {
    const id = this.#nextId++;
    const answer = new Promise<Result<unknown>>((resolve) => this.#pending.set(id, { channel, resolve }));
    return { id, answer };
  }

  /** Settles call `id`; false for an id that is not waiting (late, duplicate or foreign). */
  settle(id: number, result: Result<unknown>): boolean {
    const pending = this.#pending.get(id);
    if (!pending) return false;
    this.#pending.delete(id);
    pending.resolve(result);
    return true;
  }

  /** Settles every waiting call with an error naming its channel; returns how many. */
  failAll(error: (channel: string) => IpcError): number {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of waiting) pending.resolve({ ok: false, error: error(pending.channel) });
    return waiting.length;
  }

  get waiting(): number {
    return this.#pending.size;
  }
}
