import { FileError } from '../file-error.js';

/**
 * The single error type every LUT reader throws: which file, which line (when the format has
 * lines) and what is wrong.
 */
export class LutParseError extends FileError {
  override readonly name = 'LutParseError';

  constructor(
    file: string,
    problem: string,
    /** 1-based line number, when the format is line-oriented and the line is known. */
    readonly line?: number,
  ) {
    super(file, problem, line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
  }
}

/** Errors raised while writing a LUT (unsupported size for a format, unwritable path...). */
export class LutWriteError extends FileError {
  override readonly name = 'LutWriteError';
}
