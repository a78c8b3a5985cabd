import type { FailureReason } from '../errors.js';
import { FileError } from '../file-error.js';
import type { FileErrorOf } from '../regular-file.js';

/**
 * A model file that cannot be used: names the file and what is wrong with it; 'damaged' unless
 * the reader says otherwise ('unsupported', 'inaccessible').
 */
export class ModelFileError extends FileError {
  override readonly name = 'ModelFileError';
  constructor(file: string, problem: string, reason: FailureReason = 'damaged') {
    super(file, problem, reason);
  }
}

/** The opener's errors for a model file (regular-file.ts), as the model readers' own. */
export const modelFileError: FileErrorOf = (file, problem, reason) => new ModelFileError(file, problem, reason);
