/**
 * The single error type every LUT reader throws. It carries what a photographer needs to
 * fix the file: which file, which line (when the format has lines) and what is wrong.
 */
export class LutParseError extends Error {
  override readonly name = 'LutParseError';

  constructor(
    /** File name (or a label such as "<buffer>") the problem was found in. */
    readonly file: string,
    /** What is wrong, in a sentence a person can act on. */
    readonly problem: string,
    /** 1-based line number, when the format is line-oriented and the line is known. */
    readonly line?: number,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
  }
}

/** Errors raised while writing a LUT (unsupported size for a format, unwritable path...). */
export class LutWriteError extends Error {
  override readonly name = 'LutWriteError';

  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
