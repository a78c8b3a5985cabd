/**
 * No error is classified by its message. Our errors carry their kind as a field (reason, in
 * main/core/errors.ts) and Node's by their code; a module that tests an error's text or name
 * to decide what it is fails here, naming the file and line. The one place that must read a
 * third-party library's text is allowed by name, and only there and only once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

/** sharp reports a decode failure only in words: decodeError wraps it in our error with a reason. */
const ALLOWED: Readonly<Record<string, number>> = { 'main/core/grading/image-io.ts': 1 };

const SCANNED = ['main', 'preload', 'renderer'];

// The needles are assembled from pieces, so that this file, should it ever be scanned, does
// not match itself.
const TEXT = '(?:message|problem)';
const NEEDLES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  // /has no preset/.test(error.problem), /on (\w+)$/.exec(event.message)
  { what: 'a regex tested on an error text', pattern: new RegExp(`\\.(?:te${'st'}|ex${'ec'})\\([^)]*\\b${TEXT}\\b`) },
  // error.message.includes('ENOENT'), (error as Error).message.match(/…/)
  { what: 'an error text searched', pattern: new RegExp(`\\b${TEXT}\\)?\\s*\\.\\s*(?:mat${'ch'}|includes|startsWith|endsWith|search|indexOf)\\(`) },
  // message === 'cancelled'
  { what: 'an error text compared', pattern: new RegExp(`\\b(?:error|err|e)\\)?\\.${TEXT}\\s*[!=]==?\\s*['"\`]`) },
  // error.name === 'AbortError'
  { what: 'an error told apart by its name', pattern: new RegExp(`\\b(?:error|err|e|reason|cause)\\)?\\.na${'me'}\\s*[!=]==?\\s*['"\`]`) },
  // The AbortError an AbortSignal throws: our code throws Cancelled (throwIfCancelled) instead.
  { what: 'an AbortError instead of Cancelled', pattern: new RegExp(`\\bAbort${'Error'}\\b|\\.throwIf${'Aborted'}\\(`) },
];

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...sourceFiles(relative));
    } else if (/\.(?:ts|svelte)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

function offences(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const { what, pattern } of NEEDLES) if (pattern.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

describe('error classification', () => {
  it('finds what it looks for (the classifications this codebase used to make)', () => {
    for (const planted of [
      "if (error instanceof LibraryError && /has no (preset|job|model)\\b/.test(error.problem)) return { code: 'not-found' };",
      "if (message.type === 'progress' && !backend) backend = /on (\\w+)$/.exec(message.message)?.[1] ?? null;",
      "if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled' };",
      'options.signal?.throwIfAborted();',
      "if ((error as Error).message.includes('ENOSPC')) return 'disk-full';",
      "if (e.message === 'cancelled') return;",
    ]) {
      expect(offences(planted).length, planted).toBeGreaterThan(0);
    }
    for (const innocent of [
      "if (error.code === 'ENOENT') return;",
      'if (isCancelled(error)) return;',
      'if (/^\\d+$/.test(idOrName)) return;',
      'out.warn(w.message);',
    ]) {
      expect(offences(innocent), innocent).toEqual([]);
    }
  });

  it('no module classifies an error by its message or name; sharp is read once, where we call it', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const report: string[] = [];
    for (const file of files) {
      const found = offences(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
      if (found.length !== (ALLOWED[file] ?? 0))
        report.push(...found.map((line) => `${file}:${line}`), ...(found.length === 0 ? [`${file}: the allowed classification is gone; update ALLOWED`] : []));
    }
    expect(report).toEqual([]);
  });
});
