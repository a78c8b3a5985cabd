/**
 * What a network read from a file may be, checked by every model reader (.nilut, .pt, JSON +
 * .f32): an architecture within read-limits.ts's bounds, checked before anything is allocated
 * for it (a 128-byte header declaring 10⁸ layers would otherwise ask for gigabytes), and weights
 * that are all finite (a network of NaN grades every colour black, silently).
 */
import { READ_LIMITS } from '../read-limits.js';
import type { DenseWeights, NilutArchitecture } from './architecture.js';
import { parameterCount } from './architecture.js';

function wholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Why `architecture` cannot be read (a field missing, out of range, or too many parameters), or undefined. */
export function architectureProblem(architecture: unknown): string | undefined {
  if (typeof architecture !== 'object' || architecture === null) return 'has no architecture';
  const { styles, units, layers } = architecture as Record<string, unknown>;
  const fields: [string, unknown, number, number][] = [
    ['styles', styles, 0, READ_LIMITS.modelStyles],
    ['units', units, 1, READ_LIMITS.modelUnits],
    ['layers', layers, 0, READ_LIMITS.modelLayers],
  ];
  for (const [name, value, min, max] of fields) {
    if (!wholeIn(value, min, max)) return `declares ${JSON.stringify(value) ?? 'no'} ${name}, where a network has a whole number from ${min} to ${max}`;
  }
  const parameters = parameterCount(architecture as NilutArchitecture);
  if (parameters > READ_LIMITS.modelParameters) {
    return `declares a network of ${parameters} parameters, more than the ${READ_LIMITS.modelParameters} a model may have`;
  }
  return undefined;
}

/** Why the weights cannot grade (some are NaN or infinite), naming the first layer that has them, or undefined. */
export function weightsProblem(dense: readonly DenseWeights[]): string | undefined {
  for (let layer = 0; layer < dense.length; layer++) {
    let bad = 0;
    for (const values of [dense[layer].weight, dense[layer].bias]) for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad++;
    if (bad > 0) {
      const total = dense[layer].weight.length + dense[layer].bias.length;
      return `has ${bad} of ${total} weights in layer ${layer} that are not finite numbers (NaN or infinity): the network is broken and would grade every colour wrongly`;
    }
  }
  return undefined;
}
