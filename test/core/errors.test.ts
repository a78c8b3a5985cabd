import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cancelled, expected, FAILURE_REASONS, isCancelled, NilutError, reasonOf, throwIfCancelled } from '../../main/core/errors.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'nilut-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What `work` throws (the test fails if it does not throw). */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const linux = process.platform === 'linux';

describe('reasons', () => {
  it('are read from our errors field, never from their message', () => {
    const error = new NilutError('damaged', 'has no preset 3 and is not found');
    expect(reasonOf(error)).toBe('damaged');
    expect(reasonOf(new Error('ENOENT: no such file'))).toBeUndefined();
    expect(reasonOf(new Error('cancelled'))).toBeUndefined();
    expect(reasonOf('not-found')).toBeUndefined();
    expect(reasonOf(undefined)).toBeUndefined();
    expect(new Set(FAILURE_REASONS).size).toBe(FAILURE_REASONS.length);
  });

  it("classify Node's own errors by their code: a missing file, an existing folder", () => {
    expect(reasonOf(thrown(() => readFileSync(path.join(scratch, 'missing.cube'))))).toBe('not-found');
    expect(reasonOf(thrown(() => mkdirSync(scratch)))).toBe('exists');
    // A plain file in the way of a folder is a failure we do not name.
    writeFileSync(path.join(scratch, 'file'), 'x');
    expect(reasonOf(thrown(() => mkdirSync(path.join(scratch, 'file', 'sub'))))).toBeUndefined();
  });

  it.skipIf(!linux)('classify a full disk (/dev/full) and refused access (sysfs, procfs) by their code', () => {
    expect(reasonOf(thrown(() => writeFileSync('/dev/full', 'x')))).toBe('disk-full');
    expect(reasonOf(thrown(() => writeFileSync('/sys/kernel/nilut-test.tmp', 'x')))).toBe('denied');
    expect(reasonOf(thrown(() => unlinkSync('/proc/self/status')))).toBe('denied');
  });
});

describe('Cancelled', () => {
  it('is the one cancellation error, with how far the work got', () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(controller.signal, 'stopped')).not.toThrow();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    controller.abort();
    const error = thrown(() => throwIfCancelled(controller.signal, 'fit cancelled at step 7', 7));
    expect(isCancelled(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'cancelled', done: 7, message: 'fit cancelled at step 7', name: 'Cancelled' });
    expect(new Cancelled().message).toBe('cancelled');
    // An AbortSignal's own AbortError is not ours: our code throws Cancelled instead.
    expect(isCancelled(thrown(() => controller.signal.throwIfAborted()))).toBe(false);
    expect(isCancelled(new NilutError('damaged', 'cancelled'))).toBe(false);
  });
});

describe('expected()', () => {
  it("says what a parameter should be and what it was, in sharp's manner", () => {
    expect(expected('--quality', 'integer between 1 and 100', '101')).toBe('Expected integer between 1 and 100 for --quality but received "101"');
    expect(expected('level', 'integer between 2 and 16', 33)).toBe('Expected integer between 2 and 16 for level but received 33');
    expect(expected('strength', 'number between 0 and 1', Number.NaN)).toBe('Expected number between 0 and 1 for strength but received NaN');
  });
});
