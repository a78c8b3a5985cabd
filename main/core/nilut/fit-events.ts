/**
 * A fit as an event stream: the same progress the callback gets, as an async iterable that ends
 * with the result (or the error), for doors that forward events (IPC, the browser bridge).
 */
import type { Lut3D } from '../lut/lut.js';
import type { FitOptions, FitProgress, FitResult } from './fit.js';
import { fitNilut } from './fit.js';

export type FitEvent =
  | { readonly type: 'progress'; readonly progress: FitProgress }
  | { readonly type: 'done'; readonly result: FitResult }
  | { readonly type: 'error'; readonly error: Error };

export async function* fitEvents(luts: readonly Lut3D[], options: Omit<FitOptions, 'onProgress'> = {}): AsyncGenerator<FitEvent> {
  const queue: FitEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: FitEvent) => {
    queue.push(event);
    wake?.();
  };
  fitNilut(luts, { ...options, onProgress: (progress) => push({ type: 'progress', progress }) }).then(
    (result) => push({ type: 'done', result }),
    (error: unknown) => push({ type: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
  );
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const event = queue.shift()!;
    yield event;
    if (event.type !== 'progress') return;
  }
}
