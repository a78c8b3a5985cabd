/**
 * Where the app's library and settings live. Settings are a JSON file in the user-data folder
 * (outside the library, since one setting is the library's location); the library is, in
 * order: NILUT_LIBRARY for this launch, the folder chosen in Settings, or the default the CLI
 * shares (main/core/library/location.ts).
 */
import path from 'node:path';
import { defaultLibraryDir } from '../core/library/location.js';
import type { HostStartOptions } from './host-protocol.js';

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

export function hostStartOptions(userDataDir: string, readText: (file: string) => string | null, env: NodeJS.ProcessEnv = process.env): HostStartOptions {
  const settingsFile = path.join(userDataDir, 'settings.json');
  const chosen = env.NILUT_LIBRARY ? null : libraryDirFromSettings(readText(settingsFile));
  // Nothing is granted up front: the renderer may name only what the user picks or drops.
  return { libraryDir: chosen ?? defaultLibraryDir(undefined, env), settingsFile, allowedRoots: [] };
}
