/** A mistake in how the command was called: printed with a hint to use --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command has printed what went wrong already (e.g. per-file failures of a batch): exit 1 quietly. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}
