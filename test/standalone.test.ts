/**
 * The tests and benchmarks run from a fresh clone: nothing may reach for the shared folder that
 * sits beside the checkout on the maintainers' machines (their data lives in test/fixtures).
 * The needles are assembled at run time so that this file does not name that folder itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

const SCANNED = ['main', 'test', 'bench', 'scripts', '.ci', 'package.json', 'vitest.config.ts'];

const SHARED = ['sha', 'red'].join('');
const QUOTE = '[\'"`]';
/** The folder's name ends there: not the start of a longer name such as `shared-options`. */
const SEGMENT_END = '(?![\\w-])';
const NEEDLES: readonly RegExp[] = [
  // The parent's shared folder written as one path, with either separator, in code or a comment...
  new RegExp(`\\.\\.[/\\\\]${SHARED}${SEGMENT_END}`),
  new RegExp(`\\b${SHARED}[/\\\\]reference\\b`),
  new RegExp(`/work/${SHARED}${SEGMENT_END}`),
  // ...or spelt as separate segments of a path.join or path.resolve.
  new RegExp(`${QUOTE}\\.\\.${QUOTE}\\s*,\\s*${QUOTE}${SHARED}${QUOTE}`),
  new RegExp(`${QUOTE}${SHARED}${QUOTE}\\s*,\\s*${QUOTE}reference${QUOTE}`),
];

function reachesShared(line: string): boolean {
  return NEEDLES.some((needle) => needle.test(line));
}

/** Generated, git-ignored output: not part of what a clone holds. */
const SKIPPED = new Set([path.join('bench', 'out'), 'node_modules']);

function filesUnder(entry: string): string[] {
  const stat = statSync(path.join(REPO_ROOT, entry), { throwIfNoEntry: false });
  if (!stat || SKIPPED.has(entry) || path.basename(entry) === 'node_modules') return [];
  if (!stat.isDirectory()) return [entry];
  return readdirSync(path.join(REPO_ROOT, entry)).flatMap((name) => filesUnder(path.join(entry, name)));
}

/** Git's test for binary content: a NUL byte in the first 8000 bytes. */
function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8000).includes(0);
}

describe('the tests stand alone', () => {
  it('recognises every spelling of a path to the shared folder, and not the words alone', () => {
    const dots = '..';
    const spellings = [
      `${dots}/${SHARED}/reference`,
      `${dots}\\${SHARED}`,
      `path.join(ROOT, '${dots}', '${SHARED}', 'reference')`,
      `path.resolve(REPO, "${dots}", "${SHARED}")`,
      `path.join(parent, '${SHARED}', 'reference')`,
      `/work/${SHARED}/STYLE.md`,
      `${SHARED}/reference/luts`,
      `(see ${dots}/${SHARED}).`,
    ];
    for (const spelling of spellings) expect(reachesShared(spelling), spelling).toBe(true);
    const innocent = [
      'a shared pixel buffer',
      'toSharedPixels(source)',
      "path.join(ROOT, '..', 'main')",
      'the reference evaluator',
      'sharedPixels/reference',
      `import { x } from '${dots}/${SHARED}-options.js'`,
    ];
    for (const words of innocent) expect(reachesShared(words), words).toBe(false);
  });

  it(`has no file under ${SCANNED.join(', ')} that names the shared folder beside the checkout`, () => {
    const offenders: string[] = [];
    for (const file of SCANNED.flatMap(filesUnder)) {
      const bytes = readFileSync(path.join(REPO_ROOT, file));
      if (!isText(bytes)) continue;
      bytes
        .toString('utf8')
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (reachesShared(line)) offenders.push(`${file.split(path.sep).join('/')}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, 'read data from test/fixtures (fixture(...), FIXTURES) instead').toEqual([]);
  });
});
