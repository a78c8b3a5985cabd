/**
 * `nilut library …`: the preset library from the command line, through the same core the
 * desktop app calls over IPC. Every subcommand takes --library DIR (else NILUT_LIBRARY, else
 * the app's own library) and --json.
 */
import type { Command } from 'commander';
import { defaultLibraryDir } from '../../core/library/location.js';
import type { Library } from '../../core/library/library.js';
import { openLibrary } from '../../core/library/library.js';
import type { Output } from '../output.js';
import { createOutput } from '../output.js';
import { registerLibraryCatalogue } from './library-catalogue.js';
import { registerLibraryEdits } from './library-edits.js';
import { registerLibraryJobs } from './library-jobs.js';

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

export function registerLibrary(program: Command): void {
  const library = program
    .command('library')
    .description('the preset library: import LUTs and models, browse, tag, fit and export')
    .option('--library <dir>', 'library folder (default: $NILUT_LIBRARY, else the desktop app\'s library)');
  registerLibraryCatalogue(library);
  registerLibraryEdits(library);
  registerLibraryJobs(library);
  for (const command of library.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
}
