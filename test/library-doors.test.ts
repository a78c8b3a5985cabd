/**
 * Doors call library functions, never SQL: outside main/core/library no module reaches for a
 * library's database, prepares a statement or opens a transaction; and inside it only
 * statements.ts prepares (each table's owner declares its statements there, prepared once per
 * connection), so what that module counts is every statement main/ prepares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

const SCANNED = ['main', 'preload', 'renderer', 'bench'];
const LIBRARY = 'main/core/library/';
const PREPARER = `${LIBRARY}statements.ts`;

// The needles are assembled from pieces, so that this file, should it ever be scanned, does
// not match itself.
const PREPARE = new RegExp(`\\bprep${'are'}\\(`);
const DOOR_NEEDLES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  // the database of a library reached for (lib.‹db›.‹prepare›(…), or taken apart from it)
  { what: "the library's database", pattern: new RegExp(`\\.d${'b'}\\b|\\{\\s*d${'b'}\\s*\\}\\s*=`) },
  { what: 'a prepared statement', pattern: PREPARE },
  { what: 'a transaction', pattern: new RegExp(`\\btransact${'ion'}\\(`) },
];

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'out') found.push(...sourceFiles(relative));
    } else if (/\.(?:ts|svelte|js)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

/** What a file must not do, given where it lives. */
function offences(file: string, source: string): string[] {
  const needles = file === PREPARER ? [] : file.startsWith(LIBRARY) ? [{ what: 'a statement prepared outside statements.ts', pattern: PREPARE }] : DOOR_NEEDLES;
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const { what, pattern } of needles) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

describe('doors call library functions, never SQL', () => {
  it('finds what it looks for (the SQL two doors used to write) and not the functions they call now', () => {
    const door = 'main/cli/commands/library-catalogue.ts';
    const db = ['d', 'b'].join('');
    const prepare = `.${['prep', 'are'].join('')}("SELECT id FROM jobs").pluck().all(id)`;
    const transaction = `.${['transact', 'ion'].join('')}(() => {`;
    for (const planted of [`const jobs = lib.${db}${prepare};`, `const apply = library.${db}${transaction}`, `const { ${db} } = library;`]) {
      expect(offences(door, planted), planted).not.toEqual([]);
    }
    expect(offences(`${LIBRARY}jobs.ts`, `const row = library.${db}${prepare};`)).not.toEqual([]);
    for (const innocent of ['const jobs = pendingFitJobsFor(lib, id);', 'const preset = editPreset(library, edit);', 'const dbl = double(x);']) {
      expect(offences(door, innocent), innocent).toEqual([]);
    }
    expect(offences(`${LIBRARY}jobs.ts`, `return library.${db}${transaction} ids.map((id) => cancelJob(library, id)) }).immediate();`)).toEqual([]);
  });

  it('no module outside main/core/library touches the database, and only statements.ts prepares', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(PREPARER);
    const report = files.flatMap((file) => offences(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(report).toEqual([]);
  });
});
