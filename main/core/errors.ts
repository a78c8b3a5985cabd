/**
 * What went wrong, as a field. Every error this program raises on purpose carries a `reason`,
 * set where the failure is known (a reader, the library, grading, fitting), so the doors never
 * read a message to learn its kind: the host maps reasons to error codes (host/errors.ts),
 * the CLI to exit statuses (cli/errors.ts). Node's own errors are classified by their `code`
 * (reasonOf). Messages stay sentences for people and are never parsed.
 *
 * Plain Node only: the CLI loads this on every command, so it must not pull anything in.
 */

export const FAILURE_REASONS = [
  /** What was named does not exist: a preset, job or model, a file. */
  'not-found',
  /** The request or command line is wrong as a whole: contradictory options, a look with the wrong number of weights, an output folder that is an input folder. */
  'invalid',
  /**
   * A well-formed request that the library or a file format does not accept: a name with
   * control characters, notes over the limit, a Hald level that is not whole, a preset of the
   * wrong kind or state for the operation.
   */
  'rejected',
  /** A file's content is malformed, corrupt or truncated (a LUT, a model, a photo, the library database). */
  'damaged',
  /** A kind of file, extension, format version or encoding this program does not handle. */
  'unsupported',
  /** A file our code could not open, read or create at all (missing, a folder, no permission): the system's code is in the message. */
  'inaccessible',
  /** The output already exists and replacing it was not allowed. */
  'exists',
  /** The system refused the operation (EACCES, EPERM). */
  'denied',
  /** The disk is full (ENOSPC). */
  'disk-full',
  /** Someone asked for the work to stop (Ctrl-C, a cancel button, a newer preview, quitting). */
  'cancelled',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** An error this program raises on purpose: a reason for the doors and a sentence for a person. */
export class NilutError extends Error {
  override name = 'NilutError';
  constructor(
    readonly reason: FailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The one error for every cancellation: a fit, a preview a newer one replaced, a batch or an
 * import stopped through its AbortSignal, a job. `done` says how far the work got, when that
 * is counted (fit steps, images, files).
 */
export class Cancelled extends NilutError {
  override name = 'Cancelled';
  constructor(
    message = 'cancelled',
    readonly done?: number,
  ) {
    super('cancelled', message);
  }
}

export function isCancelled(error: unknown): error is Cancelled {
  return error instanceof Cancelled;
}

/** Throws Cancelled if `signal` has fired (where the signal's own method would throw a DOMException). */
export function throwIfCancelled(signal: AbortSignal | undefined, message?: string, done?: number): void {
  if (signal?.aborted) throw new Cancelled(message, done);
}

/** Node's error codes we tell apart; any other code is simply a failure. */
const NODE_CODES: Readonly<Record<string, FailureReason>> = {
  ENOENT: 'not-found',
  ENOSPC: 'disk-full',
  EACCES: 'denied',
  EPERM: 'denied',
  EEXIST: 'exists',
  // better-sqlite3's SqliteError carries SQLite's result code the same way.
  SQLITE_FULL: 'disk-full',
};

/** The kind of `error`: ours from its field, Node's from its `code`; undefined for anything else (a bug). */
export function reasonOf(error: unknown): FailureReason | undefined {
  if (error instanceof NilutError) return error.reason;
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(NODE_CODES, code) ? NODE_CODES[code] : undefined;
}

/** What a person is told when a write ran out of space. */
export const DISK_FULL_PROBLEM = 'the disk is full; nothing partial was written';

/**
 * The one sentence for a parameter that is out of its range or form, in the manner of sharp's
 * invalidParameterError(name, expected, actual): `Expected integer between 2 and 16 for level
 * but received 33`. Strings are quoted (a command line's raw text), other values printed.
 */
export function expected(name: string, what: string, actual: unknown): string {
  return `Expected ${what} for ${name} but received ${typeof actual === 'string' ? JSON.stringify(actual) : String(actual)}`;
}
