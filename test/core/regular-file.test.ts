/**
 * The opener every reader goes through (main/core/regular-file.ts): only regular files are
 * read, what a name points at is asked of the open handle, a file over its budget is refused
 * before a byte is read, and a FIFO neither blocks the open nor the process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FailureReason } from '../../main/core/errors.js';
import { ImageError } from '../../main/core/grading/image-io.js';
import { checkRegularFile, readRegularFile, regularFileChunks } from '../../main/core/regular-file.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-open-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const posix = process.platform !== 'win32';
const budget = { what: 'a test file', maxBytes: 1000 };
const errorOf = (file: string, problem: string, reason: FailureReason) => new ImageError(file, problem, reason);

function place(name: string, make: (file: string) => void): string {
  const file = path.join(DIR, name);
  make(file);
  return file;
}

async function refusal(read: Promise<unknown>): Promise<ImageError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageError);
  return error as ImageError;
}

describe('the opener reads regular files only, within their budget', () => {
  it('reads a regular file whole, and in chunks that join to the same bytes', async () => {
    const file = place('plain.bin', (f) => writeFileSync(f, Buffer.from(Array.from({ length: 999 }, (_, i) => i % 251))));
    const whole = await readRegularFile(file, budget, errorOf);
    expect(whole.length).toBe(999);
    const chunks: Buffer[] = [];
    for await (const chunk of regularFileChunks(file, budget, errorOf, 100)) chunks.push(Buffer.from(chunk));
    expect(chunks.length).toBe(10);
    expect(Buffer.concat(chunks).equals(whole)).toBe(true);
    expect(await checkRegularFile(file, budget, errorOf)).toBe(999);
  });

  it.runIf(posix)('refuses a FIFO at once, with no writer (the open does not block)', async () => {
    const fifo = place('photo.jpg', (f) => execFileSync('mkfifo', [f]));
    const started = performance.now();
    for (const read of [() => readRegularFile(fifo, budget, errorOf), () => checkRegularFile(fifo, budget, errorOf)]) {
      const error = await refusal(read());
      expect(error.message).toBe('photo.jpg: is not a regular file (a FIFO)');
      expect(error.reason).toBe('inaccessible');
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.runIf(posix)('refuses a symlink to /dev/zero by what it points at, not by its name', async () => {
    const link = place('look.cube', (f) => symlinkSync('/dev/zero', f));
    expect((await refusal(readRegularFile(link, budget, errorOf))).message).toBe('look.cube: is not a regular file (a character device)');
    const chunks = async () => {
      for await (const chunk of regularFileChunks(link, budget, errorOf)) expect(chunk).toBeUndefined();
    };
    expect((await refusal(chunks())).message).toContain('a character device');
  });

  it('refuses a folder', async () => {
    const folder = place('folder.png', (f) => mkdirSync(f));
    expect((await refusal(readRegularFile(folder, budget, errorOf))).message).toBe('folder.png: is not a regular file (a folder)');
  });

  it.runIf(posix)('refuses a socket', async () => {
    const socket = path.join(DIR, 'sock.cube');
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect((await refusal(readRegularFile(socket, budget, errorOf))).message).toMatch(/^sock\.cube: is not a regular file/);
    } finally {
      server.close();
    }
  });

  it('refuses a file over its budget before reading it, naming the size and the budget', async () => {
    const big = place('big.bin', (f) => writeFileSync(f, Buffer.alloc(1001)));
    const error = await refusal(readRegularFile(big, budget, errorOf));
    expect(error.message).toBe('big.bin: is 1001 bytes, more than the 1000 bytes a test file may be');
    expect(error.reason).toBe('unsupported');
  });

  it('names the file and the system code when it cannot be opened', async () => {
    const error = await refusal(readRegularFile(path.join(DIR, 'missing.jpg'), budget, errorOf));
    expect([error.message, error.reason]).toEqual(['missing.jpg: cannot be read (ENOENT)', 'inaccessible']);
  });
});
