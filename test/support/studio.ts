import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './paths.js';

export interface RunningStudio {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything it wrote to standard error so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  /** Sends the signal and resolves with the exit code, or the signal's name if one killed it. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/** Starts the built `nilut studio --browser` with extra arguments; resolves once it prints its URL. */
export function startStudio(args: readonly string[]): Promise<RunningStudio> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nilut.js'), 'studio', '--browser', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nilut studio printed no URL within 60 s: ${stderr}`)), 60_000);
    void exited.then((code) => reject(new Error(`nilut studio exited (${code}) before printing its URL: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const url = new URL(line);
      resolve({
        url: line,
        port: Number(url.port),
        token: url.searchParams.get('token') ?? '',
        child,
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}
