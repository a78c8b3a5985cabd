/**
 * Grading one large buffer on every core: the pixels live in a SharedArrayBuffer, worker
 * threads grade slices of it in place while the calling thread grades its own slice. On these
 * 2-core machines one worker plus the main thread roughly doubles the LUT stage.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { PixelBuffer, PreparedLut } from './apply.js';
import { COLOUR_COUNT } from './apply.js';
import type { Lut3D } from './lut.js';
import type { Interpolation } from './sample.js';

export interface ApplySliceMessage {
  readonly id: number;
  readonly key: string;
  readonly lut?: Lut3D;
  /**
   * With `lut`, for integer pixels: the prepared LUT's scaled lattice for this kind, so a
   * large one is shared rather than made again in every worker.
   */
  readonly scaledLattice?: { readonly maxCode: number; readonly data: Float32Array };
  /** The prepared LUT's colour table, shared memory (sent by reference, not copied). */
  readonly colourTable?: Uint8Array;
  readonly interpolation: Interpolation;
  readonly strength: number;
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
  readonly kind: 'u8' | 'u16' | 'f32';
  readonly channels: 3 | 4;
  readonly start: number;
  readonly end: number;
}

/** How many prepared LUTs a worker keeps; the pool mirrors it to know what to resend. */
export const WORKER_CACHE_SIZE = 4;

export type WorkerReply = { readonly id: number; readonly ok: true } | { readonly id: number; readonly ok: false; readonly error: string };

/** A copy of `pixels` in shared memory (or `pixels` itself when it is shared already). */
export function toSharedPixels<T extends PixelBuffer>(pixels: T): T {
  if (pixels.buffer instanceof SharedArrayBuffer) return pixels;
  const shared = new SharedArrayBuffer(pixels.byteLength);
  const Ctor = pixels.constructor as new (b: SharedArrayBuffer) => T;
  const copy = new Ctor(shared);
  copy.set(pixels as never);
  return copy;
}

/** The scaled lattice when it lives in shared memory (worth handing over), else undefined: a small one is quicker made again than copied. */
function sharedScaledLattice(prepared: PreparedLut, maxCode: number): ApplySliceMessage['scaledLattice'] {
  if (!(prepared.lut.data.buffer instanceof SharedArrayBuffer)) return undefined;
  const data = prepared.scaledLattice(maxCode);
  return data.buffer instanceof SharedArrayBuffer ? { maxCode, data } : undefined;
}

function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'apply-worker');
}

export class LutWorkerPool {
  private readonly workers: Worker[] = [];
  /** Keys each worker holds, oldest first, evicted exactly as the worker evicts (apply-worker.ts). */
  private readonly known = new Map<Worker, string[]>();
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private readonly keys = new WeakMap<PreparedLut, string>();
  private nextKey = 1;
  private inFlight = 0;

  /** `threads` counts the calling thread: 2 means one worker plus the caller. */
  constructor(readonly threads = availableParallelism()) {
    for (let i = 0; i < threads - 1; i++) {
      const worker = startWorker();
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      // After the listeners: adding a 'message' listener refs the worker's port again.
      worker.unref();
      this.workers.push(worker);
      this.known.set(worker, []);
    }
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve();
    else waiter.reject(new Error(reply.error));
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private keyOf(prepared: PreparedLut): string {
    let key = this.keys.get(prepared);
    if (!key) this.keys.set(prepared, (key = `lut-${this.nextKey++}`));
    return key;
  }

  /**
   * Grades `pixels` (which must live in a SharedArrayBuffer, see toSharedPixels) in place,
   * split into equal row-free slices across the workers and the calling thread.
   */
  async apply(prepared: PreparedLut, pixels: PixelBuffer, channels: 3 | 4): Promise<void> {
    if (!(pixels.buffer instanceof SharedArrayBuffer)) throw new TypeError('LutWorkerPool.apply needs pixels in a SharedArrayBuffer');
    const count = Math.floor(pixels.length / channels);
    const share = Math.ceil(count / this.threads);
    const key = this.keyOf(prepared);
    const kind = pixels instanceof Uint8Array ? 'u8' : pixels instanceof Uint16Array ? 'u16' : 'f32';
    const jobs = this.workers.map((worker, i) => {
      const seen = this.known.get(worker)!;
      const message: ApplySliceMessage = {
        id: this.nextId++,
        key,
        lut: seen.includes(key) ? undefined : prepared.lut,
        // Float pixels read the lattice itself; 8-bit ones a colour table, once there is one.
        scaledLattice:
          seen.includes(key) || kind === 'f32' || (kind === 'u8' && prepared.colourTable)
            ? undefined
            : sharedScaledLattice(prepared, kind === 'u8' ? 255 : 65535),
        colourTable: kind === 'u8' ? prepared.colourTable : undefined,
        interpolation: prepared.interpolation,
        strength: prepared.strength,
        buffer: pixels.buffer as SharedArrayBuffer,
        byteOffset: pixels.byteOffset,
        length: pixels.length,
        kind,
        channels,
        start: Math.min(count, i * share),
        end: Math.min(count, (i + 1) * share),
      };
      if (!seen.includes(key)) {
        seen.push(key);
        if (seen.length > WORKER_CACHE_SIZE) seen.shift();
      }
      return new Promise<void>((resolve, reject) => {
        this.pending.set(message.id, { resolve, reject });
        worker.postMessage(message);
      });
    });
    // Keep the process alive while workers hold our pixels; idle workers must not. Counted,
    // because several applies run at once in a batch: the first to finish must not unref the
    // workers another one still waits on (the process would exit mid-batch).
    if (this.inFlight++ === 0) for (const worker of this.workers) worker.ref();
    try {
      prepared.applyTo(pixels, channels, Math.min(count, this.workers.length * share), count);
      await Promise.all(jobs);
    } finally {
      if (--this.inFlight === 0) for (const worker of this.workers) worker.unref();
    }
  }

  /**
   * Tabulates `prepared` for 8-bit RGB: every one of the 2²⁴ colours graded once, on all
   * threads, into a 48 MiB shared table that later images are looked up in.
   */
  async tabulate(prepared: PreparedLut): Promise<void> {
    if (prepared.colourTable) return;
    const table = new Uint8Array(new SharedArrayBuffer(COLOUR_COUNT * 3));
    for (let i = 0, o = 0; i < COLOUR_COUNT; i++, o += 3) {
      table[o] = i & 255;
      table[o + 1] = (i >> 8) & 255;
      table[o + 2] = i >> 16;
    }
    await this.apply(prepared, table, 3);
    prepared.useColourTable(table);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Whether tabulating pays for `megapixels` of 8-bit work. Measured on these 2-core machines
 * (bench:apply): direct grading, with apply.ts's colour memo, runs at ~180 MP/s on 2 threads
 * for a first image (5.5 ms/MP); building the table takes ~0.43 s and then looks up at
 * ~500 MP/s (2 ms/MP), so it wins from ~120 MP on: five 24 MP frames or more.
 */
export function tabulationPays(megapixels: number): boolean {
  return megapixels >= 120;
}

let shared: LutWorkerPool | undefined;

/** The process-wide pool (created on first use, one thread per core). */
export function defaultLutWorkerPool(): LutWorkerPool {
  return (shared ??= new LutWorkerPool());
}
