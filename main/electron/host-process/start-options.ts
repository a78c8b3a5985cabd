/**
 * Where the app's library and settings live. Settings are a JSON file in the user-data folder
 * (outside the library, since one setting is the library's location); the library is, in
 * order: NILUT_LIBRARY for this launch, the folder chosen in Settings, or the default the CLI
 * shares (main/core/library/location.ts). The app takes the same two switches as
 * `nilut studio --browser`, so a test (or a person keeping a library tidy) can open a library
 * without the samples and without background fits.
 */
import path from 'node:path';
import type { HostStartOptions } from './protocol.js';

/** The libraryDir a settings file names, or null (no file, unreadable, or not set). */
export function libraryDirFromSettings(text: string | null): string | null {
  if (text === null) return null;
  try {
    const value = (JSON.parse(text) as { libraryDir?: unknown } | null)?.libraryDir;
    return typeof value === 'string' && path.isAbsolute(value) ? value : null;
  } catch {
    return null;
  }
}

export function hostStartOptions(
  userDataDir: string,
  readText: (file: string) => string | null,
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): HostStartOptions {
  const settingsFile = path.join(userDataDir, 'settings.json');
  const chosen = env.NILUT_LIBRARY ? null : libraryDirFromSettings(readText(settingsFile));
  // Nothing is granted up front: the renderer may name only what the user picks or drops.
  return {
    libraryDir: chosen ?? path.resolve(env.NILUT_LIBRARY ?? path.join(userDataDir, 'library')),
    settingsFile,
    allowedRoots: [],
    samples: !argv.includes('--no-samples'),
    backgroundJobs: !argv.includes('--no-background-jobs'),
  };
}
