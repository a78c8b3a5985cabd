/**
 * Parsers for command-line option values. Each one checks the value where it enters and
 * names the option, the value and what was expected, with core's expected() (sharp's manner).
 */
import { expected } from '../core/errors.js';
import { UsageError } from './errors.js';

export function numberInRange(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(expected(option, `number between ${min} and ${max}`, raw));
    }
    return value;
  };
}

export function integerInRange(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^[+-]?\d+$/.test(raw.trim()) || value < min || value > max) {
      throw new UsageError(expected(option, `integer between ${min} and ${max}`, raw));
    }
    return value;
  };
}

export function oneOf<T extends string>(option: string, choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw)) {
      throw new UsageError(expected(option, `one of ${choices.join(', ')}`, raw));
    }
    return raw as T;
  };
}
