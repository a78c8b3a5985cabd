/**
 * Baking a NILUT for a preview in slices, yielding to the event loop between them. The WASM
 * backend runs a whole forward pass synchronously, so bake.ts's one-batch bake would hold the
 * main process for its full length (about 170 ms at 25³); sliced, a newer request can arrive
 * in between and abort a bake nobody wants any more.
 */
import { throwIfCancelled } from '../errors.js';
import type { Lut3D } from '../lut/lut.js';
import { identityLut } from '../lut/lut.js';
import type { NilutModel } from '../nilut/model.js';
import { evaluateModel } from '../nilut/model.js';

/** Lattice points per slice: about 25 ms on one core (WASM SIMD, the paper's 256-unit model). */
const SLICE_POINTS = 2048;

/** Abandons a preview's work (Cancelled) when a newer request has replaced it. */
export function throwIfSuperseded(signal: AbortSignal | undefined): void {
  throwIfCancelled(signal, 'a newer preview replaced this one');
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The network at `weights` (already normalised, see normaliseBlend) on a size³ lattice over
 * [0,1]: the same values as bakeModel, computed slice by slice.
 */
export async function bakeInSlices(model: NilutModel, weights: readonly number[], size: number, signal?: AbortSignal): Promise<Lut3D> {
  const grid = identityLut(size);
  const out = new Float32Array(grid.data.length);
  for (let start = 0; start < grid.data.length; start += SLICE_POINTS * 3) {
    throwIfSuperseded(signal);
    const slice = grid.data.subarray(start, Math.min(start + SLICE_POINTS * 3, grid.data.length));
    out.set(await evaluateModel(model, slice, weights), start);
    await nextTurn();
  }
  throwIfSuperseded(signal);
  return { ...grid, data: out };
}
