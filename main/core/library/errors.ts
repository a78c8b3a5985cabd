/** Why a library operation failed, naming the library file or the preset concerned. */
import { FileError } from '../file-error.js';

export class LibraryError extends FileError {
  override readonly name = 'LibraryError';
}
