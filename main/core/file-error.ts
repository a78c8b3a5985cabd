/**
 * The shape every domain's file error shares: which file, what is wrong with it in a sentence
 * a person can act on, and the kind of failure as a field (core/errors.ts) for the doors.
 * Doors print `message` ("file: problem") as it is.
 */
import type { FailureReason } from './errors.js';
import { NilutError } from './errors.js';

export abstract class FileError extends NilutError {
  constructor(
    readonly file: string,
    readonly problem: string,
    reason: FailureReason,
    message = `${file}: ${problem}`,
    options?: ErrorOptions,
  ) {
    super(reason, message, options);
  }
}
