/**
 * Baking a NILUT (with blend weights) into an ordinary LUT: the network evaluated at every
 * lattice point. The result goes through the same fast paths as any LUT (apply, tables,
 * export as .cube/.3dl/Hald).
 */
import { expected } from '../errors.js';
import type { Lut3D } from '../lut/lut.js';
import { identityLut } from '../lut/lut.js';
import { normaliseWeights } from '../lut/mix.js';
import type { NilutModel } from './model.js';
import { evaluateModel } from './model.js';

import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE } from '../../common/lattice-sizes.js';

export { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE };

/** Normalises blend weights to sum 1 (a convex blend); checks count and signs. */
export function normaliseBlend(model: NilutModel, blend: readonly number[] | undefined): number[] {
  const k = model.architecture.styles;
  if (k === 0) {
    if (blend && blend.length > 0) throw new RangeError('this model holds a single style and takes no blend weights');
    return [];
  }
  const weights = blend ?? [1, ...Array(k - 1).fill(0)];
  if (weights.length !== k) throw new RangeError(`this model holds ${k} styles but ${weights.length} blend weights were given`);
  return normaliseWeights(weights);
}

export async function bakeModel(model: NilutModel, blend?: readonly number[], size = DEFAULT_BAKE_SIZE, title?: string): Promise<Lut3D> {
  if (!Number.isInteger(size) || size < 2 || size > MAX_BAKE_SIZE) throw new RangeError(expected('bake size', `integer between 2 and ${MAX_BAKE_SIZE}`, size));
  const grid = identityLut(size, title);
  const data = await evaluateModel(model, grid.data, normaliseBlend(model, blend));
  return { ...grid, data };
}
