/**
 * Worker thread body for parallel LUT application: receives a LUT once (by id), then slices of
 * a shared pixel buffer to grade in place. See parallel-apply.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { PreparedLut } from './apply.js';
import { prepareLut } from './apply.js';
import type { ApplySliceMessage, WorkerReply } from './parallel-apply.js';
import { WORKER_CACHE_SIZE } from './parallel-apply.js';

const prepared = new Map<string, PreparedLut>();

function view(message: ApplySliceMessage) {
  const { buffer, byteOffset, length, kind } = message;
  if (kind === 'u8') return new Uint8Array(buffer, byteOffset, length);
  if (kind === 'u16') return new Uint16Array(buffer, byteOffset, length);
  return new Float32Array(buffer, byteOffset, length);
}

parentPort!.on('message', (message: ApplySliceMessage) => {
  try {
    let lut = prepared.get(message.key);
    if (!lut) {
      if (!message.lut) throw new Error(`LUT ${message.key} was not sent to this worker`);
      const { scaledLattice } = message;
      lut = prepareLut(message.lut, {
        interpolation: message.interpolation,
        strength: message.strength,
        scaledLattices: scaledLattice ? new Map([[scaledLattice.maxCode, scaledLattice.data]]) : undefined,
      });
      prepared.set(message.key, lut);
      // Oldest first, as the pool expects.
      if (prepared.size > WORKER_CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
    }
    if (message.colourTable && !lut.colourTable) lut.useColourTable(message.colourTable);
    lut.applyTo(view(message), message.channels, message.start, message.end);
    parentPort!.postMessage({ id: message.id, ok: true } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message } satisfies WorkerReply);
  }
});
