import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliRun } from './cli.js';
import { REPO_ROOT } from './paths.js';

export interface MeasuredRun extends CliRun {
  /** The child's peak resident memory in MB, from process.resourceUsage() as it exits; undefined if it was killed. */
  readonly peakMb?: number;
  readonly seconds: number;
}

// Loaded before the CLI with --import: writes the peak RSS (kilobytes) where the parent asked, at exit.
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.NILUT_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

/**
 * Runs the built `nilut` as runNilut does, killed (SIGKILL: a hung read may ignore SIGTERM)
 * after `timeoutMs`, and reports its peak memory and time: for tests that a hostile input
 * neither hangs the command nor exhausts the machine.
 */
export function runNilutMeasured(args: readonly string[], timeoutMs = 30_000): MeasuredRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-rss-'));
  const rssFile = path.join(dir, 'rss');
  const started = performance.now();
  try {
    const result = spawnSync(process.execPath, ['--import', HOOK, path.join(REPO_ROOT, 'bin/nilut.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NILUT_TEST_RSS_FILE: rssFile },
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let peakMb: number | undefined;
    try {
      peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    } catch {
      peakMb = undefined;
    }
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, peakMb, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
