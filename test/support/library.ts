import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { importPaths } from '../../main/core/library/import.js';
import type { Library } from '../../main/core/library/library.js';
import { openLibrary } from '../../main/core/library/library.js';
import { fixture } from './paths.js';

/** A fresh library folder per test, removed afterwards with every library opened on it. */
export function useTemporaryLibraries(): { dir(): string; open(dir?: string, options?: Parameters<typeof openLibrary>[1]): Library } {
  const dirs: string[] = [];
  const opened: Library[] = [];
  afterEach(() => {
    for (const library of opened.splice(0)) if (library.db.open) library.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = () => {
    const created = mkdtempSync(path.join(os.tmpdir(), 'nilut-library-'));
    dirs.push(created);
    return created;
  };
  return {
    dir,
    open(at = dir(), options) {
      const library = openLibrary(at, options);
      opened.push(library);
      return library;
    },
  };
}

/** A fresh library holding these fixture files (paths under test/fixtures), each imported without a fit. */
export async function libraryOfFixtures(libraries: ReturnType<typeof useTemporaryLibraries>, files: readonly string[]): Promise<Library> {
  const library = libraries.open();
  const report = await importPaths(
    library,
    files.map((f) => fixture(f)),
    { queueFits: false },
  );
  expect(report.failed).toEqual([]);
  return library;
}
