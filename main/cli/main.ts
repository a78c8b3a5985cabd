/**
 * The `nilut` command. It parses arguments, calls the same core the desktop app uses and
 * prints results; exit codes: 0 success, 1 failure, 2 bad usage.
 */
import { Command, CommanderError } from 'commander';
import { appPackage } from '../core/package-info.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitStatusFor, ReportedFailure } from './errors.js';
import { printable } from './terminal-text.js';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for the full help): model
 * commands pull in TensorFlow.js, which alone takes half a second to load.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  info: async () => (await import('./commands/info.js')).registerInfo,
  convert: async () => (await import('./commands/convert.js')).registerConvert,
  apply: async () => (await import('./commands/apply.js')).registerApply,
  grade: async () => (await import('./commands/grade.js')).registerGrade,
  pair: async () => (await import('./commands/pair.js')).registerPair,
  match: async () => (await import('./commands/match.js')).registerMatch,
  fit: async () => (await import('./commands/fit.js')).registerFit,
  eval: async () => (await import('./commands/eval.js')).registerEval,
  bake: async () => (await import('./commands/bake.js')).registerBake,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctor,
  library: async () => (await import('./commands/library.js')).registerLibrary,
  studio: async () => (await import('./commands/studio.js')).registerStudio,
};

export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('nilut')
    .description('NILUT Studio on the command line: inspect, convert and apply 3D LUTs and neural LUTs')
    .version(appPackage().version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const names = only && only in COMMANDS ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]()))) register(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

function report(argv: readonly string[], error: Error, code: number): number {
  if (wantsJson(argv)) process.stdout.write(`${JSON.stringify({ event: 'error', ok: false, error: error.message, code })}\n`);
  else process.stderr.write(`nilut: ${printable(error.message)}\n${code === EXIT_USAGE ? '(run with --help for usage)\n' : ''}`);
  return code;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv[0]);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own message (or the help/version text) already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      if (error.code === 'commander.executeSubCommandAsync') return EXIT_FAILURE;
      // An option parser's UsageError arrives wrapped as an invalid argument.
      return EXIT_USAGE;
    }
    if (error instanceof ReportedFailure) return EXIT_FAILURE;
    return report(argv, error instanceof Error ? error : new Error(String(error)), exitStatusFor(error));
  }
}
