import type { FailureReason } from '../errors.js';
import { FileError } from '../file-error.js';

/**
 * The single error type every LUT reader throws: which file, which line (when the format has
 * lines), what is wrong, and its reason: 'damaged' (malformed, truncated) unless the reader
 * says otherwise ('unsupported' for an extension or variant it does not read, 'inaccessible'
 * when the file cannot be read at all).
 */
export class LutParseError extends FileError {
  override readonly name = 'LutParseError';

  constructor(
    file: string,
    problem: string,
    /** 1-based line number, when the format is line-oriented and the line is known. */
    readonly line?: number,
    reason: FailureReason = 'damaged',
  ) {
    super(file, problem, reason, line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
  }
}

/** Errors raised while writing a LUT (a size or domain the format cannot hold, an unknown extension...). */
export class LutWriteError extends FileError {
  override readonly name = 'LutWriteError';
  constructor(file: string, problem: string, reason: FailureReason) {
    super(file, problem, reason);
  }
}
