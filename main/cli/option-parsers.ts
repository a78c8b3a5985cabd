/**
 * Parsers for command-line option values. Each one checks the value where it enters and
 * names the option, the value and what was expected, in the manner of sharp's own messages.
 */
import { UsageError } from './errors.js';

export function numberInRange(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(`Expected number between ${min} and ${max} for ${option} but received ${JSON.stringify(raw)}`);
    }
    return value;
  };
}

export function integerInRange(option: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^[+-]?\d+$/.test(raw.trim()) || value < min || value > max) {
      throw new UsageError(`Expected integer between ${min} and ${max} for ${option} but received ${JSON.stringify(raw)}`);
    }
    return value;
  };
}

export function oneOf<T extends string>(option: string, choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw)) {
      throw new UsageError(`Expected one of ${choices.join(', ')} for ${option} but received ${JSON.stringify(raw)}`);
    }
    return raw as T;
  };
}
