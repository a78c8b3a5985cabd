/**
 * `nilut library …`: the preset library from the command line, through the same core the
 * desktop app calls over IPC. Every subcommand takes --library DIR (else NILUT_LIBRARY, else
 * the app's own library) and --json.
 */
import type { Command } from 'commander';
import { registerLibraryCatalogue } from './library-catalogue.js';
import { registerLibraryEdits } from './library-edits.js';
import { registerLibraryJobs } from './library-jobs.js';
import { registerLibraryModel } from './library-model.js';

export function registerLibrary(program: Command): void {
  const library = program
    .command('library')
    .description('the preset library: import LUTs and models, browse, tag, learn, fit and export')
    .option('--library <dir>', "library folder (default: $NILUT_LIBRARY, else the desktop app's library)");
  registerLibraryCatalogue(library);
  registerLibraryEdits(library);
  registerLibraryJobs(library);
  registerLibraryModel(library);
  for (const command of library.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
}
