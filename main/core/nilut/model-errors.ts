import type { FailureReason } from '../errors.js';
import { FileError } from '../file-error.js';

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
