/**
 * A library import onto a disk that fills up (issue 19): a real small file system (tmpfs, which
 * needs root; CI runs as root, elsewhere the test says why it is skipped). The command names the
 * library and says what became of the work, exits 1, and the library stays whole: what was
 * imported before stays, and the interrupted import is queued to resume.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const disk = mkdtempSync(path.join(os.tmpdir(), 'nilut-small-disk-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk], { encoding: 'utf8' });
const mounted = mount.status === 0;
if (!mounted) console.warn(`disk-full test skipped: cannot mount a 1 MB tmpfs here (${(mount.stderr || mount.error?.message || '').trim()})`);

afterAll(() => {
  if (mounted) spawnSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

describe.skipIf(!mounted)('nilut library import on a disk that fills up', () => {
  it('names the library, says the saved work is intact and the import resumes, exits 1, and leaves the library whole', () => {
    const library = path.join(disk, 'lib');
    expect(runNilut(['library', 'init', '--no-samples', '--library', library]).code).toBe(0);
    const run = runNilut(['library', 'import', fixture('luts'), '--library', library]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(library, 'library.db')}: cannot be written: the disk is full. What was saved before is intact`);
    expect(run.stderr).not.toMatch(/\.partial|^nilut: database or disk is full/m);

    const db = new Database(path.join(library, 'library.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const listed = runNilut(['library', 'list', '--library', library, '--json']);
    expect(listed.code).toBe(0);
    expect((jsonLines(listed.stdout).at(-1) as unknown as unknown[]).length).toBeGreaterThan(0);
    const jobs = runNilut(['library', 'jobs', 'list', '--library', library, '--json']);
    const importJob = (jsonLines(jobs.stdout).at(-1) as unknown as { kind: string; state: string }[]).find((j) => j.kind === 'import');
    expect(importJob?.state).toBe('queued');
  });
});
