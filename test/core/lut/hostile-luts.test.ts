/**
 * LUT files built to cost more than they hold (issue 19, class 4): a text LUT's memory and time
 * follow the lattice it declares, not its length, and a LUT image is refused by its header's
 * dimensions before its pixels are decoded. Each is refused with the file's name and the problem,
 * in well under a second. Reading in chunks gives exactly what reading the whole text gives.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { LutParseError } from '../../../main/core/lut/errors.js';
import { parseLutBytes, readLutFile } from '../../../main/core/lut/lut-file.js';
import { chunksOf, readTextLut } from '../../../main/core/lut/text-stream.js';
import { cubeLineReader } from '../../../main/core/lut/cube-read.js';
import { parseThreeDl, threeDlLineReader } from '../../../main/core/lut/threedl.js';
import type { FailureReason } from '../../../main/core/errors.js';
import { BUDGETS, READ_LIMITS } from '../../../main/core/read-limits.js';
import { regularFileChunks } from '../../../main/core/regular-file.js';
import { fixture } from '../../support/paths.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-hostile-lut-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(DIR, name);
  writeFileSync(file, bytes);
  return file;
}

async function refusal(read: Promise<unknown>): Promise<LutParseError> {
  const started = performance.now();
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(2000);
  expect(error).toBeInstanceOf(LutParseError);
  return error as LutParseError;
}

/** A PNG of one grey channel whose header says width × height, with pixel data for a few rows only. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(16 * (width + 1), 128));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

describe('a text LUT costs what its lattice costs, whatever its length', () => {
  // The file had 120 M newlines; 30 M show the same (the refusal comes after about a megabyte).
  const newlines = Buffer.concat([Buffer.from('LUT_3D_SIZE 2\n'), Buffer.alloc(30_000_000, 0x0a)]);

  it('refuses LUT_3D_SIZE 2 followed by 30 M blank lines, from a file and from bytes in memory', async () => {
    const file = write('newlines.cube', newlines);
    for (const read of [() => readLutFile(file), () => parseLutBytes(newlines, 'newlines.cube')]) {
      const error = await refusal(read());
      expect(error.message).toMatch(/^newlines\.cube: holds more than 1\.0 MiB, more than the data rows its size declares and a header take/);
    }
  });

  it('refuses a .3dl whose shaper row is followed by megabytes of comments', async () => {
    const bytes = Buffer.concat([Buffer.from('0 1023\n'), Buffer.from('# padding\n'.repeat(300_000))]);
    const error = await refusal(readLutFile(write('comments.3dl', bytes)));
    expect(error.message).toMatch(/^comments\.3dl: holds more than 1\.0 MiB/);
  });

  it('refuses a line longer than the line budget, naming the line, without a newline in sight', async () => {
    const bytes = Buffer.concat([Buffer.from('TITLE "long"\nLUT_3D_SIZE 2\n'), Buffer.alloc(READ_LIMITS.textLutLineChars * 4, 0x31)]);
    const error = await refusal(readLutFile(write('one-line.cube', bytes)));
    expect(error.message).toBe(`one-line.cube:3: has a line longer than ${READ_LIMITS.textLutLineChars} characters`);
  });

  it('reads a header of comments within the budget (a genuine file is never near it)', async () => {
    const rows = ['0 0 0', '1 0 0', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1'];
    const text = `${'# a long comment about this look\n'.repeat(20_000)}LUT_3D_SIZE 2\n${rows.join('\n')}\n`;
    expect((await readLutFile(write('commented.cube', text))).lut.size).toBe(2);
  });
});

describe('a LUT image is refused by its header before its pixels are decoded', () => {
  it('refuses a small grey PNG that declares 16383×16383, at once', async () => {
    const png = pngDeclaring(16383, 16383);
    expect(png.length).toBeLessThan(1_000_000);
    const error = await refusal(readLutFile(write('huge.png', png)));
    expect(error.message).toMatch(/^huge\.png: is 16383×16383: a Hald CLUT is level³ × level³ pixels/);
  });

  it('refuses a PNG whose header declares more pixels than libvips may decode', async () => {
    const error = await refusal(parseLutBytes(pngDeclaring(100_000, 100_000), 'vast.png'));
    expect(error.message).toMatch(/^vast\.png: /);
  });
});

describe('reading in chunks gives what reading the whole text gives', () => {
  const texts: [string, string][] = [
    ['colour_Three_Dimensional_Table_With_Shaper.cube', readFileSync(fixture('luts', 'cube', 'colour_Three_Dimensional_Table_With_Shaper.cube'), 'utf8')],
    ['ocio_resolve_1d3d.cube', readFileSync(fixture('luts', 'cube', 'ocio_resolve_1d3d.cube'), 'utf8')],
    ['ocio_crosstalk_17.3dl', readFileSync(fixture('luts', '3dl', 'ocio_crosstalk_17.3dl'), 'utf8')],
  ];

  it('at any chunk size and with LF, CRLF or CR line ends, split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 5000 }),
        async (which, end, chunk) => {
          const [name, text] = texts[which];
          const variant = `\ufeff${text.replace(/\r?\n/g, end)}`;
          const whole = name.endsWith('.cube') ? parseCube(variant.slice(1), name) : parseThreeDl(variant.slice(1), name);
          const reader = name.endsWith('.cube') ? cubeLineReader(name) : threeDlLineReader(name);
          const chunked = await readTextLut(chunksOf(Buffer.from(variant, 'utf8'), chunk), name, reader);
          expect(chunked).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('from a file in chunks as small as a few bytes (each chunk is reused for the next)', async () => {
    for (const [name, text] of texts) {
      const file = write(name, text);
      const whole = name.endsWith('.cube') ? parseCube(text, name) : parseThreeDl(text, name);
      for (const chunk of [3, 17, 4096]) {
        const reader = name.endsWith('.cube') ? cubeLineReader(name) : threeDlLineReader(name);
        const errorOf = (f: string, problem: string, reason: FailureReason) => new LutParseError(f, problem, undefined, reason);
        expect(await readTextLut(regularFileChunks(file, BUDGETS.textLut, errorOf, chunk), name, reader)).toEqual(whole);
      }
    }
  });

  it('names the same line in an error as the whole-text parse does', async () => {
    const text = 'LUT_3D_SIZE 2\r\n0 0 0\r\n1 0 0\r\n0 1 0\r\n1 x 0\r\n';
    const whole = (() => {
      try {
        parseCube(text, 'bad.cube');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(whole).toMatch(/^bad\.cube:5: /);
    for (const chunk of [1, 2, 3, 7, 1000]) {
      await expect(readTextLut(chunksOf(Buffer.from(text), chunk), 'bad.cube', cubeLineReader('bad.cube'))).rejects.toThrow(whole);
    }
  });
});
