/**
 * Turning whatever a handler throws into the contract's IpcError: a code the renderer can act
 * on and the message the core wrote for a person (file names and problems, never a stack).
 */
import type { ZodError } from 'zod';
import { FileError } from '../core/file-error.js';
import { LibraryError } from '../core/library/errors.js';
import type { IpcError, IpcErrorCode } from './contract.js';

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

export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return { code: error.code, message: error.message };
  if (error instanceof LibraryError && /has no (preset|job|model)\b/.test(error.problem)) return { code: 'not-found', message: error.message };
  if (error instanceof FileError) return { code: 'bad-file', message: error.message };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'cancelled' };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { code: 'not-found', message: (error as Error).message };
  if (code === 'ENOSPC') return { code: 'failed', message: 'the disk is full; nothing partial was written' };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
