/** The frame of every `nilut library …` subcommand: open the library its options name, run, close. */
import type { Command } from 'commander';
import { defaultLibraryDir } from '../../core/library/location.js';
import type { Library } from '../../core/library/library.js';
import { openLibrary } from '../../core/library/library.js';
import type { Output } from '../output.js';
import { createOutput } from '../output.js';

export type LibraryAction<A extends unknown[]> = (library: Library, out: Output, ...args: A) => Promise<void> | void;

/** Wraps a subcommand's action: opens the library named by the options, closes it after. */
export function withLibrary<A extends unknown[]>(action: LibraryAction<A>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const options = this.optsWithGlobals<{ library?: string; json?: boolean }>();
    const out = createOutput(Boolean(options.json));
    const library = openLibrary(defaultLibraryDir(options.library));
    try {
      await action(library, out, ...(args.slice(0, -1) as A));
    } finally {
      library.close();
    }
  };
}
