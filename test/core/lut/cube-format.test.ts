import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { writeCube } from '../../../main/core/lut/cube-write.js';
import { LutParseError } from '../../../main/core/lut/errors.js';
import { decodeLutText } from '../../../main/core/lut/text-lines.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { reference } from '../../support/paths.js';

/** Data rows of a .cube, split independently of the reader. */
function dataRows(text: string): number[][] {
  return text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => /^[-+\d.]/.test(l)).map((l) => l.split(/\s+/).map(Number));
}

function parseError(text: string, file = 'bad.cube'): LutParseError {
  try {
    parseCube(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LutParseError);
    return error as LutParseError;
  }
  throw new Error('expected a LutParseError');
}

describe('reading .cube files', () => {
  it('reads LUT01.cube (Resolve, CRLF, 33³): first and last rows as in the text', () => {
    const text = readFileSync(reference('nilut-paper/LUT01.cube'), 'utf8');
    expect(text).toContain('\r\n');
    const { lut } = parseCube(text, 'LUT01.cube');
    const rows = dataRows(text);
    expect(lut.size).toBe(33);
    expect(rows).toHaveLength(33 ** 3);
    expect(Array.from(lut.data.subarray(0, 3))).toEqual(rows[0].map(Math.fround));
    expect(Array.from(lut.data.subarray(-3))).toEqual(rows[rows.length - 1].map(Math.fround));
  });

  it('keeps red varying fastest', () => {
    const rows = [];
    for (let b = 0; b < 2; b++) for (let g = 0; g < 2; g++) for (let r = 0; r < 2; r++) rows.push(`${r} ${g * 2} ${b * 4}`);
    const { lut } = parseCube(`LUT_3D_SIZE 2\n${rows.join('\n')}\n`, 'order.cube');
    const out = [0, 0, 0];
    sampleLut(lut, [1, 0, 1], out);
    expect(out).toEqual([1, 0, 4]);
  });

  it('accepts a BOM, CRLF, blank lines, comments between keywords and at line ends, and # in a quoted title', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# header\r\nTITLE "Warm #2"\r\n\r\n# size next\r\nLUT_3D_SIZE 2 # two\r\n\r\n0 0 0\r\n1 0 0 # red\r\n0 1 0\r\n1 1 0\r\n0 0 1\r\n1 0 1\r\n0 1 1\r\n1 1 1\r\n')]);
    const { lut } = parseCube(decodeLutText(bytes, 'bom.cube'), 'bom.cube');
    expect(lut.title).toBe('Warm #2');
    expect(lut.size).toBe(2);
    expect(lut.data[3]).toBe(1);
  });

  it('reads per-channel DOMAIN_MIN/MAX (ocio_iridas_3d_domain.cube)', () => {
    const { lut } = parseCube(readFileSync(reference('luts/cube/ocio_iridas_3d_domain.cube'), 'utf8'), 'x');
    expect(lut.domainMin).toEqual([0, 1, 0]);
    expect(lut.domainMax).toEqual([2, 2, 1]);
  });

  it('reads a Resolve 1D shaper + 3D table with their input ranges (ocio_resolve_1d3d.cube)', () => {
    const text = readFileSync(reference('luts/cube/ocio_resolve_1d3d.cube'), 'utf8');
    const { lut } = parseCube(text, 'x');
    expect(lut.shaper).toMatchObject({ size: 6, domainMin: [-1, -1, -1], domainMax: [3, 3, 3] });
    expect(lut.domainMin).toEqual([0, 0, 0]);
    expect(lut.domainMax).toEqual([4, 4, 4]);
    const rows = dataRows(text);
    expect(Array.from(lut.shaper!.data.subarray(0, 3))).toEqual(rows[0].map(Math.fround));
    expect(Array.from(lut.data.subarray(0, 3))).toEqual(rows[6].map(Math.fround));
  });

  it('reads a 1D-only file as its curve followed by an exact identity (obs_original_1d32.cube)', () => {
    const text = readFileSync(reference('luts/cube/obs_original_1d32.cube'), 'utf8');
    const { lut, warnings } = parseCube(text, 'x');
    expect(lut.shaper?.size).toBe(32);
    expect(warnings.some((w) => /1D-only/.test(w.message))).toBe(true);
    const rows = dataRows(text);
    const out = [0, 0, 0];
    for (const k of [0, 7, 31]) {
      const x = k / 31;
      sampleLut(lut, [x, x, x], out);
      for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(rows[k][c], 6);
    }
  });

  it('warns about unknown keywords and video-range flags but reads the file', () => {
    const { warnings } = parseCube('LUT_3D_SIZE 2\nLUT_IN_VIDEO_RANGE\nMY_TOOL_VERSION 3\n' + '0 0 0\n'.repeat(8), 'w.cube');
    expect(warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(warnings[0].message).toMatch(/video-range/);
  });
});

describe('malformed .cube files', () => {
  const rows = (n: number) => '0.1 0.2 0.3\n'.repeat(n);
  it.each([
    ['a row with two values', `LUT_3D_SIZE 2\n${rows(3)}0.1 0.2\n${rows(4)}`, 5, /needs 3 values but has 2/],
    ['a non-numeric token', `LUT_3D_SIZE 2\n${rows(1)}0.1 abc 0.3\n${rows(6)}`, 3, /"abc" is not a number/],
    ['NaN', `LUT_3D_SIZE 2\n${rows(1)}0.1 NaN 0.3\n${rows(6)}`, 3, /"NaN" is not a finite number/],
    ['infinity', `LUT_3D_SIZE 2\n${rows(1)}inf 0 0\n${rows(6)}`, 3, /"inf" is not a finite number/],
    ['LUT_3D_SIZE 257', 'LUT_3D_SIZE 257\n', 1, /outside 2\.\.256/],
    ['LUT_3D_SIZE 1', 'LUT_3D_SIZE 1\n0 0 0\n', 1, /outside 2\.\.256/],
    ['LUT_3D_SIZE 99999999', 'LUT_3D_SIZE 99999999\n', 1, /outside 2\.\.256/],
    ['LUT_1D_SIZE 1', 'LUT_1D_SIZE 1\n', 1, /outside 2\.\.65536/],
    ['DOMAIN_MIN ≥ DOMAIN_MAX', `LUT_3D_SIZE 2\nDOMAIN_MIN 0 0 1\nDOMAIN_MAX 1 1 1\n${rows(8)}`, 3, /DOMAIN_MIN 1 is not below DOMAIN_MAX 1 on channel B/],
    ['too few rows', `LUT_3D_SIZE 2\n${rows(7)}`, 8, /truncated: 7 data rows where the size lines declare 8/],
    ['too many rows', `LUT_3D_SIZE 2\n${rows(9)}`, 10, /more data rows than the 8/],
    ['data before a size line', `${rows(8)}`, 1, /before any LUT_3D_SIZE/],
    ['a keyword after the data', `LUT_3D_SIZE 2\n${rows(2)}DOMAIN_MIN 0 0 0\n${rows(6)}`, 4, /after the data rows began/],
    ['a duplicated size line', `LUT_3D_SIZE 2\nLUT_3D_SIZE 2\n${rows(8)}`, 2, /appears twice/],
  ])('refuses %s, naming the file and line', (_, text, line, problem) => {
    const error = parseError(text);
    expect(error.file).toBe('bad.cube');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(problem);
    expect(error.message.startsWith(`bad.cube:${line}: `)).toBe(true);
  });

  it('refuses an empty file, a comment-only file and binary data', () => {
    expect(() => decodeLutText(new Uint8Array(0), 'empty.cube')).toThrow(/empty\.cube: is empty/);
    expect(parseError('# nothing here\n\n').message).toMatch(/no content|no LUT_3D_SIZE/);
    expect(() => decodeLutText(Uint8Array.from([0x4c, 0x00, 0x55]), 'bin.cube')).toThrow(/NUL bytes/);
    expect(() => decodeLutText(Uint8Array.from([0x4c, 0xff, 0xfe, 0x55]), 'latin.cube')).toThrow(/not UTF-8/);
  });
});

describe('writing .cube files', () => {
  it('round-trips LUT01 bit-exactly', () => {
    const { lut } = parseCube(readFileSync(reference('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube');
    const back = parseCube(writeCube(lut), 'back.cube').lut;
    expect(back.size).toBe(lut.size);
    expect(Buffer.from(back.data.buffer).equals(Buffer.from(lut.data.buffer))).toBe(true);
  });

  it('round-trips values outside [0,1], per-channel domains and a shaper', () => {
    const shaped = parseCube(readFileSync(reference('luts/cube/ocio_resolve_1d3d.cube'), 'utf8'), 'x').lut;
    const back = parseCube(writeCube(shaped), 'y').lut;
    expect(back.shaper?.data).toEqual(shaped.shaper?.data);
    expect(back.data).toEqual(shaped.data);
    expect([back.domainMin, back.domainMax, back.shaper?.domainMin, back.shaper?.domainMax]).toEqual([shaped.domainMin, shaped.domainMax, shaped.shaper?.domainMin, shaped.shaper?.domainMax]);
    const domain = parseCube(readFileSync(reference('luts/cube/ocio_iridas_3d_domain.cube'), 'utf8'), 'x').lut;
    const wild = { ...domain, data: domain.data.map((_, i) => Math.fround(Math.sin(i) * 3.7 - 0.4)) };
    const wildBack = parseCube(writeCube(wild), 'z').lut;
    expect(wildBack.data).toEqual(wild.data);
    expect([wildBack.domainMin, wildBack.domainMax]).toEqual([[0, 1, 0], [2, 2, 1]]);
  });

  it('honours a fixed number of decimals', () => {
    const { lut } = parseCube('LUT_3D_SIZE 2\n' + '0.123456789 0.5 1\n'.repeat(8), 'x');
    expect(writeCube(lut, { decimals: 3 })).toContain('\n0.123 0.500 1.000\n');
  });
});
