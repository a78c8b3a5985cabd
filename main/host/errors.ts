/**
 * Turning whatever a handler throws into the contract's IpcError: a code the renderer can act
 * on and the message the core wrote for a person (file names and problems, never a stack).
 */
import type { ZodError } from 'zod';
import type { FailureReason } from '../core/errors.js';
import { DISK_FULL_PROBLEM, reasonOf } from '../core/errors.js';
import type { IpcError, IpcErrorCode } from '../contract/contract.js';

/** A failure a handler raises on purpose, with its code. */
export class IpcFailure extends Error {
  override readonly name = 'IpcFailure';
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalidRequest(channel: string, error: ZodError): IpcError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(request)', message: issue.message }));
  const first = issues[0];
  return { code: 'invalid-request', message: `${channel}: ${first ? `${first.path}: ${first.message}` : 'invalid request'}`, issues };
}

/**
 * The contract's code for each reason. 'rejected', 'exists' and 'inaccessible' answer bad-file,
 * as every error naming a file or the library always has; 'denied' (Node's EACCES) stays a
 * plain failure, as it always was.
 */
const CODES: Readonly<Record<FailureReason, IpcErrorCode>> = {
  'not-found': 'not-found',
  invalid: 'invalid-request',
  rejected: 'bad-file',
  damaged: 'bad-file',
  unsupported: 'bad-file',
  inaccessible: 'bad-file',
  exists: 'bad-file',
  denied: 'failed',
  'disk-full': 'failed',
  cancelled: 'cancelled',
};

/** The IpcError for whatever a handler threw: by its IPC code or its reason (core/errors.ts), never its text. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const reason = reasonOf(error);
  if (reason === undefined) return { code: 'failed', message };
  return { code: CODES[reason], message: reason === 'disk-full' ? DISK_FULL_PROBLEM : message };
}
