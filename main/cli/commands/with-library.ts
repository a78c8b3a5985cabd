/** The frame of every `nilut library …` subcommand: open the library its options name, run, close. */
import type { Command } from 'commander';
import { defaultLibraryDir } from '../../core/library/location.js';
import type { Library } from '../../core/library/library.js';
import { openLibrary } from '../../core/library/library.js';
import { LibraryError } from '../../core/library/errors.js';
import type { Output } from '../output.js';
import { createOutput } from '../output.js';

export type LibraryAction<A extends unknown[]> = (library: Library, out: Output, ...args: A) => Promise<void> | void;

/**
 * SQLite's own words for a full disk ("database or disk is full") say neither which library nor
 * what became of the work: each write is a transaction, so what was saved before stands, and a
 * job that was running is queued again when the library next opens.
 */
function diskFullSaid(library: Library, error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'SQLITE_FULL') return error;
  return new LibraryError(
    library.file,
    'cannot be written: the disk is full. What was saved before is intact; free some space and run the command again (an interrupted import or learn job resumes with `nilut library jobs run`)',
    'disk-full',
  );
}

/** Wraps a subcommand's action: opens the library named by the options, closes it after. */
export function withLibrary<A extends unknown[]>(action: LibraryAction<A>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const options = this.optsWithGlobals<{ library?: string; json?: boolean }>();
    const out = createOutput(Boolean(options.json));
    const library = openLibrary(defaultLibraryDir(options.library));
    try {
      await action(library, out, ...(args.slice(0, -1) as A));
    } catch (error) {
      throw diskFullSaid(library, error);
    } finally {
      library.close();
    }
  };
}
