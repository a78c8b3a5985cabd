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
