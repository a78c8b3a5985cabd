/** Random and mutated files thrown at the text readers: only LutParseError may escape. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { LutParseError } from '../../../main/core/lut/errors.js';
import type { LutReadResult } from '../../../main/core/lut/lut.js';
import { decodeLutText } from '../../../main/core/lut/text-lines.js';
import { parseThreeDl } from '../../../main/core/lut/threedl.js';
import { reference } from '../../support/paths.js';

type Reader = (text: string, file: string) => LutReadResult;
const READERS: Array<[string, Reader]> = [['parseCube', parseCube], ['parseThreeDl', parseThreeDl]];

function wellFormedOrTypedError(run: () => LutReadResult): void {
  let result: LutReadResult;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(LutParseError);
    return;
  }
  const { lut } = result;
  expect(lut.size).toBeGreaterThanOrEqual(2);
  expect(lut.size).toBeLessThanOrEqual(256);
  expect(lut.data.length).toBe(lut.size ** 3 * 3);
  expect(lut.data.every(Number.isFinite)).toBe(true);
}

const token = fc.oneof(
  fc.constantFrom('LUT_3D_SIZE', 'LUT_1D_SIZE', 'DOMAIN_MIN', 'DOMAIN_MAX', 'TITLE', 'LUT_1D_INPUT_RANGE', 'LUT_3D_INPUT_RANGE', '3DMESH', 'Mesh', 'LUT8', 'gamma', '#', '"', 'NaN', 'inf', '-inf', '1e999', '99999999', '2', '3', '17', '257'),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -5, max: 70000 }).map(String),
  fc.string({ maxLength: 6 }),
);
const tokenSoup = fc.array(fc.array(token, { maxLength: 5 }).map((t) => t.join(' ')), { maxLength: 40 }).map((lines) => lines.join('\n'));

const SMALL_CUBE = readFileSync(reference('luts/cube/ocio_resolve_1d3d.cube'), 'utf8');
const SMALL_3DL = `0 512 1023\n${Array.from({ length: 27 }, (_, i) => `${i * 37} ${i * 11} ${1000 - i * 30}`).join('\n')}\n`;

function mutations(source: string) {
  const lines = source.split('\n');
  return fc.oneof(
    fc.integer({ min: 0, max: source.length }).map((n) => source.slice(0, n)),
    fc.integer({ min: 0, max: lines.length - 1 }).map((i) => lines.filter((_, j) => j !== i).join('\n')),
    fc.integer({ min: 0, max: lines.length - 1 }).map((i) => [...lines.slice(0, i), lines[i], ...lines.slice(i)].join('\n')),
    fc.tuple(fc.integer({ min: 0, max: lines.length - 1 }), fc.array(token, { maxLength: 4 })).map(([i, t]) => [...lines.slice(0, i), t.join(' '), ...lines.slice(i + 1)].join('\n')),
    fc.integer({ min: 0, max: lines.length }).map((i) => [...lines.slice(0, i), 'LUT_3D_SIZE 99999999', ...lines.slice(i)].join('\n')),
  );
}

describe.each(READERS)('%s under hostile input', (_, read) => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => wellFormedOrTypedError(() => read(decodeLutText(bytes, 'fuzz'), 'fuzz'))), { numRuns: 300 });
  });

  it('token soup', () => {
    fc.assert(fc.property(tokenSoup, (text) => wellFormedOrTypedError(() => read(text, 'fuzz'))), { numRuns: 300 });
  });

  it('mutations of a valid file', () => {
    fc.assert(fc.property(fc.oneof(mutations(SMALL_CUBE), mutations(SMALL_3DL)), (text) => wellFormedOrTypedError(() => read(text, 'fuzz'))), { numRuns: 300 });
  });
});
