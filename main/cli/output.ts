/**
 * How a command speaks: human lines on a terminal, or one JSON document per result with
 * --json. Progress goes to stderr so stdout stays parseable. Human text passes through
 * printable(), since much of it comes from files (JSON escapes control characters itself).
 */
import { printable } from './terminal-text.js';

export interface Output {
  readonly json: boolean;
  /** The command's result: a JSON line with --json, else the human text. */
  result(value: unknown, human: string): void;
  /** A progress note: one JSON event line with --json, else a line on stderr. */
  progress(event: Record<string, unknown>, human: string): void;
  warn(message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${printable(human)}\n`);
    },
    progress(event, human) {
      if (json) process.stdout.write(`${JSON.stringify({ event: 'progress', ...event })}\n`);
      else process.stderr.write(`${printable(human)}\n`);
    },
    warn(message) {
      if (json) process.stdout.write(`${JSON.stringify({ event: 'warning', message })}\n`);
      else process.stderr.write(`warning: ${printable(message)}\n`);
    },
  };
}

/** "1 photo", "3 photos": a count with its noun, for human lines. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
