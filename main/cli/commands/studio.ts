/**
 * `nilut studio`: the desktop app. With --browser, the same app served to an ordinary browser
 * through the bridge (for machines without Electron): the first line on standard output is
 * the URL with its token; it serves until Ctrl-C or SIGTERM and then shuts down cleanly
 * (background jobs paused and queued again, batches stopped without partial files).
 */
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge } from '../../bridge/server.js';
import type { Bridge } from '../../bridge/server.js';
import { defaultLibraryDir } from '../../core/library/location.js';
import { createHost } from '../../host/create-host.js';
import { integerInRange } from '../option-parsers.js';

interface StudioOptions {
  browser?: boolean;
  library?: string;
  port?: number;
  allow?: string[];
  samples: boolean;
  backgroundJobs: boolean;
  fitSteps?: number;
}

/** dist/ of the package, whether this runs compiled (dist/main/cli/commands) or from source. */
function distDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return import.meta.url.endsWith('.ts') ? path.resolve(here, '../../../dist') : path.resolve(here, '../../..');
}

async function serveInBrowser(options: StudioOptions): Promise<void> {
  const rendererDir = path.join(distDir(), 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`the app is not built (${rendererDir} is missing): run \`npm run build\``);
  const libraryDir = defaultLibraryDir(options.library);
  const allowedRoots = (options.allow?.length ? options.allow : [os.homedir()]).map((p) => path.resolve(p));
  let bridge: Bridge | undefined;
  const host = await createHost({
    libraryDir,
    settingsFile: path.join(libraryDir, 'studio-settings.json'),
    shell: 'browser',
    allowedRoots,
    emit: (event, payload) => bridge?.broadcast(event, payload),
    samples: options.samples,
    backgroundJobs: options.backgroundJobs,
    fit: options.fitSteps ? { steps: options.fitSteps } : undefined,
  });
  bridge = await startBridge({ host, rendererDir, port: options.port });
  // Listen for Ctrl-C before printing the URL: stdout to a pipe is written synchronously on
  // Linux, so whoever reads that line may signal us before the next statement runs.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write(`${bridge.url}\n`);
  process.stderr.write(
    `NILUT Studio is serving library ${libraryDir} at the address above (only on this machine); it may open files in ${allowedRoots.join(', ')}. Ctrl-C stops it.\n`,
  );
  await stopped;
  process.stderr.write('NILUT Studio: stopping…\n');
  await bridge.close();
  await host.close();
}

/** Electron's binary path, if the electron package and its downloaded binary are present. */
function electronBinary(): string | undefined {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

async function launchDesktop(options: StudioOptions): Promise<void> {
  const binary = electronBinary();
  if (!binary) throw new Error('Electron is not installed here (its binary could not be downloaded); run `nilut studio --browser` to use the app in a browser');
  const appDir = path.resolve(distDir(), '..');
  const env = { ...process.env, ...(options.library ? { NILUT_LIBRARY: path.resolve(options.library) } : {}) };
  const child = spawn(binary, [appDir], { stdio: 'inherit', env });
  await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the app exited with code ${code}`)))));
}

export function registerStudio(program: Command): void {
  program
    .command('studio')
    .description('open NILUT Studio (the desktop app), or with --browser serve it to a browser on this machine')
    .option('--browser', 'serve the app to a browser on 127.0.0.1 (prints the URL with its access token first)')
    .option('--library <dir>', 'library folder (default: $NILUT_LIBRARY or the app data folder)')
    .option('--port <n>', 'port to listen on (default: any free port)', integerInRange('--port', 0, 65535))
    .option('--allow <dir...>', 'folders the browser may open files in and write to (default: your home folder)')
    .option('--no-samples', 'do not add the bundled samples to a new library')
    .option('--no-background-jobs', 'do not run queued fits in the background')
    .option('--fit-steps <n>', 'training steps for background fits (default: per the model)', integerInRange('--fit-steps', 1, 1_000_000))
    .action(async (options: StudioOptions) => {
      if (options.browser) await serveInBrowser(options);
      else await launchDesktop(options);
    });
}
