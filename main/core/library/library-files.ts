/**
 * The library's own files, as a destination a user names must never reach them: an export
 * leading into the blob store or onto the database (through a link or a spelling) is refused.
 * Light on purpose: `nilut library list` and the other catalogue commands load it.
 */
import { InputLocations, OutputOntoInputError, isWithin, refuseOutputOntoInput } from '../output-safety.js';
import type { Library } from './library.js';

/** The files SQLite keeps beside a database while it is open or mid-transaction (https://sqlite.org/tempfiles.html). */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * The export's inputs are the library's own files: its database (with SQLite's journal files
 * beside it) and the blob store. A destination leading onto one of them, through a link or a
 * name that reaches into the store, is refused before the preset is even looked up.
 */
export function refuseLibraryFiles(library: Library, file: string): void {
  if (isWithin(file, library.blobs.root))
    throw new OutputOntoInputError(
      file,
      library.blobs.root,
      `refusing to write ${file}: it leads into the library's blob store ${library.blobs.root}; choose a file outside it`,
    );
  const database = [library.file, ...SQLITE_SIDE_FILES.map((suffix) => library.file + suffix)];
  refuseOutputOntoInput(file, new InputLocations(database), "library's own file");
}
