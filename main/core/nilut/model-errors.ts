import { FileError } from '../file-error.js';

/** A model file that cannot be used: names the file and what is wrong with it. */
export class ModelFileError extends FileError {
  override readonly name = 'ModelFileError';
}
