/**
 * Hostile files through the built `nilut` (issue 19, classes 4 and 5 and the weaker points of
 * the readers): each ends the command with exit 1 and a sentence naming the file and the
 * problem, quickly (the run is killed after 30 s), and with peak memory far below what the
 * issue measured (4–10 GB): a FIFO or a symlink to /dev/zero named as a photo or a LUT, a
 * .cube of LUT_3D_SIZE 2 and 120 M newlines, a PNG declaring 16383×16383, a .pt whose entries
 * declare 1 GiB, a .nilut declaring 10⁸ layers. A LUT's TITLE cannot drive the terminal.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NILUT_MAGIC } from '../../main/core/nilut/nilut-file.js';
import { runNilut } from '../support/cli.js';
import { runNilutMeasured } from '../support/peak-rss.js';
import { fixture } from '../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-hostile-cli-'));
const LIB = path.join(DIR, 'library');
const LUT01 = fixture('nilut-paper/LUT01.cube');
const posix = process.platform !== 'win32';
/** Far below the figures (4.8 GB, 5.3 GB, 10.5 GB) and above what a small command needs (about 150 MB). */
const MEMORY_MB = 400;
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const at = (name: string) => path.join(DIR, name);

function png16383(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(16383, 0);
  header.writeUInt32BE(16383, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(16 * 16384, 128));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

function nilutWith(header: string): Buffer {
  const json = Buffer.from(header.padEnd(Math.ceil(header.length / 4) * 4, ' '), 'utf8');
  const prefix = Buffer.alloc(6);
  prefix.writeUInt16LE(1, 0);
  prefix.writeUInt32LE(json.length, 2);
  const content = Buffer.concat([NILUT_MAGIC, prefix, json]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(content) >>> 0, 0);
  return Buffer.concat([content, checksum]);
}

function ptDeclaring1GiB(): Buffer {
  const zip = Buffer.from(readFileSync(fixture('nilut-paper/nilutx3style.pt')));
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let i = 0, o = zip.readUInt32LE(end + 16); i < zip.readUInt16LE(end + 10); i++) {
    zip.writeUInt32LE(1024 ** 3, o + 24);
    o += 46 + zip.readUInt16LE(o + 28) + zip.readUInt16LE(o + 30) + zip.readUInt16LE(o + 32);
  }
  return zip;
}

beforeAll(() => {
  if (posix) {
    execFileSync('mkfifo', [at('fifo.jpg')]);
    execFileSync('mkfifo', [at('fifo.cube')]);
    symlinkSync('/dev/zero', at('zero.jpg'));
    symlinkSync('/dev/zero', at('zero.cube'));
  }
  writeFileSync(at('newlines.cube'), Buffer.concat([Buffer.from('LUT_3D_SIZE 2\n'), Buffer.alloc(120_000_000, 0x0a)]));
  writeFileSync(at('grey.png'), png16383());
  writeFileSync(at('bomb.pt'), ptDeclaring1GiB());
  writeFileSync(at('layers.nilut'), nilutWith('{"architecture":{"styles":0,"units":1,"layers":100000000},"dtype":"float32","styles":[{"name":"a"}]}'));
  writeFileSync(at('nostyles.nilut'), nilutWith('{"architecture":{"styles":0,"units":1,"layers":0},"dtype":"float32"}'));
  const deep = `{"architecture":{"styles":0,"units":1,"layers":0},"dtype":"float32","styles":[{"name":"a"}],"metrics":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
  writeFileSync(at('deep.nilut'), nilutWith(deep));
  const rows = ['0 0 0', '1 0 0', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1'];
  writeFileSync(at('title.cube'), `TITLE "\x1b[2J\x1b]0;owned\x07\u009b31mlook\u202e"\nLUT_3D_SIZE 2\n${rows.join('\n')}\n`);
  mkdirSync(at('out'));
});

function expectRefused(run: ReturnType<typeof runNilutMeasured>, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.peakMb).toBeDefined();
  expect(run.peakMb!).toBeLessThan(MEMORY_MB);
}

describe.runIf(posix)('files that are not regular files are refused, not read', () => {
  it('a FIFO named as a photo: apply and grade exit 1 at once instead of hanging', () => {
    const apply = runNilutMeasured(['apply', LUT01, at('fifo.jpg'), '--out', at('out/a.jpg')]);
    expectRefused(apply, 'fifo.jpg: is not a regular file (a FIFO)');
    expect(apply.seconds).toBeLessThan(15);
    const grade = runNilutMeasured(['grade', at('fifo.jpg'), '--lut', LUT01, '--out', at('out')]);
    expect(grade.code, grade.stderr).toBe(1);
    expect(`${grade.stdout}${grade.stderr}`).toContain('fifo.jpg: is not a regular file (a FIFO)');
  });

  it('a FIFO named as a LUT: info exits 1 at once', () => {
    expectRefused(runNilutMeasured(['info', at('fifo.cube')]), 'fifo.cube: is not a regular file (a FIFO)');
  });

  it('a symlink to /dev/zero as a photo (10.5 GB before) and as a .cube in library import (5.3 GB before)', () => {
    expectRefused(runNilutMeasured(['apply', LUT01, at('zero.jpg'), '--out', at('out/z.jpg')]), 'zero.jpg: is not a regular file (a character device)');
    expect(runNilut(['library', 'init', '--library', LIB]).code).toBe(0);
    const imported = runNilutMeasured(['library', 'import', at('zero.cube'), '--library', LIB]);
    expect(`${imported.stdout}${imported.stderr}`).toContain('zero.cube: is not a regular file (a character device)');
    expect(imported.peakMb!).toBeLessThan(MEMORY_MB);
  });
});

describe('readers bound their work before doing it', () => {
  it('a .cube of LUT_3D_SIZE 2 and 120 M newlines (V8 out of memory before): info and library import', () => {
    const info = runNilutMeasured(['info', at('newlines.cube')]);
    expectRefused(info, /newlines\.cube: holds more than 1\.0 MiB, more than the data rows its size declares/);
    expect(info.seconds).toBeLessThan(15);
    runNilut(['library', 'init', '--library', LIB]);
    const imported = runNilutMeasured(['library', 'import', at('newlines.cube'), '--library', LIB]);
    expect(`${imported.stdout}${imported.stderr}`).toContain('newlines.cube: holds more than 1.0 MiB');
    // The import holds the file's 120 MB to hash and store it, and nothing in proportion to its lines.
    expect(imported.peakMb!).toBeLessThan(MEMORY_MB);
  });

  it('a 16383×16383 grey PNG named as a Hald image (16.8 s and 4 GB before)', () => {
    const run = runNilutMeasured(['info', at('grey.png')]);
    expectRefused(run, 'grey.png: is 16383×16383: a Hald CLUT is level³ × level³ pixels');
    expect(run.seconds).toBeLessThan(15);
  });

  it('a .pt whose entries declare 1 GiB each (3.3 GB before)', () => {
    expectRefused(runNilutMeasured(['info', at('bomb.pt')]), /bomb\.pt: declares entries that inflate to more than 256 MiB/);
  });

  it('a .nilut header declaring 10⁸ layers (minutes at 4.8 GB before)', () => {
    const run = runNilutMeasured(['info', at('layers.nilut')]);
    expectRefused(run, 'layers.nilut: declares 100000000 layers, where a network has a whole number from 0 to 64');
    expect(run.seconds).toBeLessThan(15);
  });
});

describe('model-file errors name the file', () => {
  it('a header without styles (a TypeError about map before) and metrics nested 50,000 deep (a stack overflow before)', () => {
    const noStyles = runNilut(['info', at('nostyles.nilut')]);
    expect([noStyles.code, noStyles.stderr]).toEqual([1, 'nilut: nostyles.nilut: lists no styles where its network has 1\n']);
    const deep = runNilut(['info', at('deep.nilut')]);
    expect([deep.code, deep.stderr]).toEqual([1, 'nilut: deep.nilut: has metrics nested deeper than 16 levels\n']);
  });
});

describe('a LUT cannot drive the terminal', () => {
  it('info shows control characters of a TITLE as escapes, and JSON keeps the title as it is', () => {
    const run = runNilut(['info', at('title.cube')]);
    expect(run.code, run.stderr).toBe(0);
    const title = run.stdout.split('\n').find((line) => line.startsWith('title:'));
    expect(title).toBe('title:    \\x1b[2J\\x1b]0;owned\\x07\\x9b31mlook\\u202e');
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const json = JSON.parse(runNilut(['info', at('title.cube'), '--json']).stdout) as { title: string };
    expect(json.title).toBe('\x1b[2J\x1b]0;owned\x07\u009b31mlook\u202e');
  });
});
