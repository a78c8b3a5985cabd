/** Why a library operation failed, naming the library file or the preset concerned, and its reason. */
import type { FailureReason } from '../errors.js';
import { FileError } from '../file-error.js';

export class LibraryError extends FileError {
  override readonly name = 'LibraryError';
  constructor(file: string, problem: string, reason: FailureReason) {
    super(file, problem, reason);
  }
}
