import type { FailureReason } from '../core/errors.js';
import { NilutError, reasonOf } from '../core/errors.js';

/** A mistake in how the command was called: printed with a hint to use --help, exit code 2. */
export class UsageError extends NilutError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('invalid', message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command has printed what went wrong already (e.g. per-file failures of a batch): exit 1 quietly. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}

/** The exit status for each reason (core/errors.ts): a request that is wrong as a whole is bad usage, anything else a failure. */
const EXIT_STATUSES: Readonly<Record<FailureReason, number>> = {
  'not-found': EXIT_FAILURE,
  invalid: EXIT_USAGE,
  rejected: EXIT_FAILURE,
  damaged: EXIT_FAILURE,
  unsupported: EXIT_FAILURE,
  inaccessible: EXIT_FAILURE,
  exists: EXIT_FAILURE,
  denied: EXIT_FAILURE,
  'disk-full': EXIT_FAILURE,
  cancelled: EXIT_FAILURE,
};

/** The exit status for an error a command threw: by its reason, never its text; anything unclassified is a failure. */
export function exitStatusFor(error: unknown): number {
  const reason = reasonOf(error);
  return reason === undefined ? EXIT_FAILURE : EXIT_STATUSES[reason];
}
