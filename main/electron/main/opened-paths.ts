/**
 * Paths handed to the app from outside the renderer's code: files dropped on the window (sent
 * by the preload) and files passed on the command line (a second launch, "Open with").
 * Both become grants, so both are checked here: absolute, bounded, and (for the command line)
 * existing, so a stray Chromium switch or a typo is never granted.
 */
import path from 'node:path';
import { LIMITS } from '../../contract/contract.js';

/** The preload's drop message, or null if it is not an array of absolute paths. */
export function droppedPaths(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.maxPathsPerCall) return null;
  for (const item of value) {
    if (typeof item !== 'string' || item.length === 0 || item.length > 4096 || item.includes('\0') || !path.isAbsolute(item)) return null;
  }
  return [...new Set(value as string[])];
}

/**
 * The file arguments in a process's argv: after the executable (and, unpackaged, after the
 * app folder `electron .` was given), leaving out switches, resolved against the launch's
 * working directory and kept only if they exist.
 */
export function fileArguments(
  argv: readonly string[],
  options: { readonly packaged: boolean; readonly cwd: string; readonly exists: (p: string) => boolean },
): string[] {
  const args = argv.slice(options.packaged ? 1 : 2);
  const files: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || arg.length === 0) continue;
    const absolute = path.resolve(options.cwd, arg);
    if (options.exists(absolute) && !files.includes(absolute)) files.push(absolute);
  }
  return files;
}
