import { expected } from '../core/errors.js';
import { UsageError } from './errors.js';

/** `--blend 0.2,0.3,0.5`: comma-separated non-negative weights. */
export function parseBlend(raw: string): number[] {
  const values = raw.split(',').map((t) => Number(t.trim()));
  if (raw.trim() === '' || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new UsageError(expected('--blend', 'comma-separated weights of 0 or more', raw));
  }
  return values;
}

/** One look of `--blend-presets`: a library preset by name or id, and its weight. */
export interface PresetWeight {
  readonly idOrName: string;
  readonly weight: number;
}

/**
 * `--blend-presets "Velvia 50:0.6,Portra 400:0.4"`: presets by name or id, each with its weight
 * after the last colon (names may hold colons; a name holding a comma is given by its id).
 */
export function parseBlendPresets(raw: string): PresetWeight[] {
  const looks = raw.split(',').map((item) => {
    const colon = item.lastIndexOf(':');
    const idOrName = item.slice(0, colon).trim();
    const weight = Number(item.slice(colon + 1).trim());
    if (colon < 0 || idOrName === '' || item.slice(colon + 1).trim() === '' || !Number.isFinite(weight) || weight < 0)
      throw new UsageError(expected('--blend-presets', 'presets with their weights, as "Name A:0.6,Name B:0.4" (ids for names holding commas)', raw));
    return { idOrName, weight };
  });
  if (looks.length < 2) throw new UsageError(expected('--blend-presets', 'two or more presets, as "Name A:0.6,Name B:0.4"', raw));
  if (looks.every((l) => l.weight === 0)) throw new UsageError(expected('--blend-presets', 'weights that are not all 0', raw));
  return looks;
}
