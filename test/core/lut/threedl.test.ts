/**
 * .3dl reading and writing on the four OpenColorIO test files described in
 * test/fixtures/luts/README.md and on hand-written text. In a .3dl the first numeric row
 * is the input shaper, then N³ integer rows with BLUE varying fastest (the opposite of .cube);
 * outputs are 10-, 12- or 16-bit codes, declared by `Mesh m bits` or inferred from the data.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LutParseError, LutWriteError } from '../../../main/core/lut/errors.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { parseThreeDl, writeThreeDl } from '../../../main/core/lut/threedl.js';
import { fixture } from '../../support/paths.js';

const readFixture = (name: string): string => readFileSync(fixture('luts/3dl', name), 'utf8');

/** Numeric rows of a .3dl, split here without the reader's code. */
function numericRows(text: string): number[][] {
  return text
    .split(/\r\n|\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => /^\d+(\s+\d+)*$/.test(line)) // digits only: "3DMESH" is not a row
    .map((line) => line.split(/\s+/).map(Number));
}

/** Our red-fastest entry for lattice point (r, g, b). */
function at(lut: Lut3D, r: number, g: number, b: number): number[] {
  const o = ((b * lut.size + g) * lut.size + r) * 3;
  return Array.from(lut.data.subarray(o, o + 3));
}

function expectCodes(actual: number[], codes: number[], maxCode: number): void {
  codes.forEach((code, c) => expect(actual[c]).toBeCloseTo(code / maxCode, 7));
}

function parseFailure(text: string, file: string): LutParseError {
  try {
    parseThreeDl(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LutParseError);
    return error as LutParseError;
  }
  throw new Error('expected a LutParseError, but the text was accepted');
}

describe('reading the fixture .3dl files', () => {
  it('reads the Nuke-flavour crosstalk.3dl as 16-bit: its largest value 42060 becomes 42060/65535', () => {
    const text = readFixture('ocio_crosstalk_17.3dl');
    expect(text).not.toMatch(/Mesh/);
    const rows = numericRows(text);
    const lattice = rows.slice(1);
    expect(rows[0]).toHaveLength(17);
    expect(lattice).toHaveLength(17 ** 3);
    expect(Math.max(...lattice.flat())).toBe(42060);
    const { lut, warnings } = parseThreeDl(text, 'crosstalk.3dl');
    expect(lut.size).toBe(17);
    expect(warnings.some((w) => /16-bit/.test(w.message))).toBe(true);
    // File row i is (r, g, b) with b fastest: i = (r·17 + g)·17 + b.
    expectCodes(at(lut, 0, 0, 1), lattice[1], 65535);
    expectCodes(at(lut, 1, 0, 0), lattice[17 * 17], 65535);
    expectCodes(at(lut, 16, 16, 16), lattice[lattice.length - 1], 65535);
    expect(lattice[lattice.length - 1][2]).toBe(42060);
    // The input row 0 4096 … 65535 is an even ramp over the whole 16-bit range.
    expect(lut.shaper).toBeUndefined();
    expect(lut.domainMax).toEqual([1, 1, 1]);
  });

  it('reads the Discreet 17³ file at its Mesh-declared 12 bits; its first row 17 17 17 is data, not a size', () => {
    const text = readFixture('ocio_discreet_17.3dl');
    expect(text).toMatch(/^Mesh 4 12$/m);
    const rows = numericRows(text);
    expect(rows[0]).toEqual(Array.from({ length: 17 }, (_, k) => Math.min(1023, k * 64)));
    const lattice = rows.slice(1);
    expect(lattice[0]).toEqual([17, 17, 17]);
    const { lut } = parseThreeDl(text, 'discreet.3dl');
    expect(lut.size).toBe(17);
    expectCodes(at(lut, 0, 0, 0), [17, 17, 17], 4095);
    expectCodes(at(lut, 0, 0, 1), lattice[1], 4095);
    expectCodes(at(lut, 0, 1, 0), lattice[17], 4095);
    expectCodes(at(lut, 16, 16, 16), lattice[lattice.length - 1], 4095);
    expect(lut.domainMin).toEqual([0, 0, 0]);
    expect(lut.domainMax).toEqual([1, 1, 1]);
  });

  it('reads the Lustre file without an input row as Mesh 5 → 2⁵+1 = 33 points, 12-bit', () => {
    const text = readFixture('ocio_lustre_33x33x33.3dl');
    const rows = numericRows(text);
    expect(rows).toHaveLength(33 ** 3);
    expect(rows.every((row) => row.length === 3)).toBe(true);
    const { lut, warnings } = parseThreeDl(text, 'lustre.3dl');
    expect(lut.size).toBe(33);
    expectCodes(at(lut, 0, 0, 0), rows[0], 4095);
    expectCodes(at(lut, 0, 0, 1), rows[1], 4095);
    expectCodes(at(lut, 1, 0, 0), rows[33 * 33], 4095);
    expectCodes(at(lut, 32, 32, 32), rows[rows.length - 1], 4095);
    // The LUT8 / gamma trailer describes display, not the mapping: warned about, not applied.
    expect(warnings.some((w) => /gamma/.test(w.message))).toBe(true);
  });

  it('refuses the truncated file, naming its 369 rows against the 4913 a 17³ lattice needs', () => {
    const text = readFixture('ocio_error_truncated_file.3dl');
    const lines = text.split(/\r?\n/);
    const lastFilled = lines.map((l) => l.trim() !== '').lastIndexOf(true) + 1;
    expect(numericRows(text).length - 1).toBe(369);
    const error = parseFailure(text, 'truncated.3dl');
    expect(error.file).toBe('truncated.3dl');
    expect(error.line).toBe(lastFilled);
    expect(error.problem).toMatch(/truncated: 369 lattice rows .* needs 4913/);
  });
});

/** A 2³ .3dl whose codes encode their own coordinates, written in file (blue-fastest) order. */
function codesOf(r: number, g: number, b: number): number[] {
  return [500 * r + 100 * g + 10 * b + 1, 500 * g + 100 * b + 10 * r + 2, 500 * b + 100 * r + 10 * g + 3];
}

describe('reading hand-written .3dl text', () => {
  it('reorders blue-fastest rows into our red-fastest lattice', () => {
    const rows = ['0 1023'];
    for (let r = 0; r < 2; r++) for (let g = 0; g < 2; g++) for (let b = 0; b < 2; b++) rows.push(codesOf(r, g, b).join(' '));
    const { lut } = parseThreeDl(rows.join('\n'), 'order.3dl');
    expect(lut.size).toBe(2);
    // Largest code 613 fits 10 bits, so codes are read against 1023.
    for (let b = 0; b < 2; b++)
      for (let g = 0; g < 2; g++)
        for (let r = 0; r < 2; r++) {
          expect(at(lut, r, g, b).map((v) => Math.round(v * 1023))).toEqual(codesOf(r, g, b));
        }
  });

  it('infers 12 bits when the largest code needs more than 10 and at most 12', () => {
    const rows = ['0 1023', ...Array.from({ length: 7 }, () => '0 0 0'), '4000 2000 1024'];
    const { lut } = parseThreeDl(rows.join('\n'), 'twelve.3dl');
    expectCodes(at(lut, 1, 1, 1), [4000, 2000, 1024], 4095);
  });

  it.each([
    [
      'a code beyond the Mesh-declared depth',
      ['3DMESH', 'Mesh 1 10', '0 512 1023', ...Array.from({ length: 27 }, () => '0 0 2000')],
      undefined,
      /2000, beyond the 10-bit/,
    ],
    ['a lattice row with two values', ['0 1023', '0 0 0', '0 0'], 3, /3 values but has 2/],
    ['a negative code', ['0 1023', '0 -1 0'], 2, /-1 is outside 0\.\.65535/],
    ['a fractional code', ['0 1023', '0 0.5 0'], 2, /whole number/],
    ['a word in the data', ['0 1023', '0 0 0', 'zero 0 0'], 3, /"zero" is not a \.3dl keyword/],
    ['too many rows', ['0 1023', ...Array.from({ length: 9 }, () => '1 1 1')], 10, /more lattice rows than the 8/],
    ['an input row of one entry', ['1023', '0 0 0'], 1, /1 entries; a lattice needs 2\.\.256/],
    ['an input row that does not rise', ['0 600 500', ...Array.from({ length: 27 }, () => '1 1 1')], 1, /not increasing at entry 3/],
    ['an input row that disagrees with Mesh', ['Mesh 4 12', '0 256 512 768 1023', '0 0 0'], 2, /5 entries but the Mesh line declares 17/],
    ['Mesh 8 (257 points, beyond the 256 limit) before allocating it', ['Mesh 8 12', '0 0 0'], 1, /Mesh size exponent 8 is outside 1\.\.7/],
    ['only comments', ['# nothing here', ''], undefined, /has no content/],
  ])('refuses %s with the file, line and problem', (_what, lines, line, problem) => {
    const error = parseFailure(lines.join('\n'), 'grades/bad.3dl');
    expect(error.file).toBe('grades/bad.3dl');
    expect(error.line).toBe(line);
    expect(error.problem).toMatch(problem);
  });
});

/**
 * Random [0,1] LUTs. A size that is not 2^m+1 gets no Mesh line, so the reader infers the output
 * depth from the largest code (as OCIO does); a LUT whose codes all stay below 1024 would read as
 * 10-bit. White mapping above a quarter (true of real looks) keeps the 12-bit reading unambiguous.
 */
const unitLattice = fc.integer({ min: 2, max: 9 }).chain((size) =>
  fc.float32Array({ minLength: size ** 3 * 3, maxLength: size ** 3 * 3, min: 0, max: 1, noNaN: true }).map((data): Lut3D => {
    data[data.length - 1] = Math.max(data[data.length - 1], 0.5);
    return { size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1] };
  }),
);

describe('writing .3dl', () => {
  it('round-trips a [0,1] LUT within half a 12-bit step', () => {
    fc.assert(
      fc.property(unitLattice, (lut) => {
        const back = parseThreeDl(writeThreeDl(lut), 'rt.3dl').lut;
        expect(back.size).toBe(lut.size);
        expect(back.shaper).toBeUndefined();
        let worst = 0;
        for (let i = 0; i < lut.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i] - lut.data[i]));
        expect(worst).toBeLessThanOrEqual(0.5 / 4095 + 1e-7);
      }),
      { numRuns: 120 },
    );
  });

  it('round-trips even a dark LUT within half a 12-bit step when its size carries a Mesh line', () => {
    const size = 5; // 2^2+1
    const data = new Float32Array(size ** 3 * 3).map((_, i) => (i % 7) / 4095);
    const back = parseThreeDl(writeThreeDl({ size, data, domainMin: [0, 0, 0], domainMax: [1, 1, 1] }), 'dark.3dl').lut;
    data.forEach((v, i) => expect(Math.abs(back.data[i] - v)).toBeLessThanOrEqual(0.5 / 4095 + 1e-7));
  });

  it('writes a 3DMESH / Mesh header exactly when the size is 2^m+1, and a 0..1023 input row', () => {
    for (const size of [2, 3, 4, 5, 6, 9, 10, 17, 33]) {
      const lut: Lut3D = { size, data: new Float32Array(size ** 3 * 3), domainMin: [0, 0, 0], domainMax: [1, 1, 1] };
      const text = writeThreeDl(lut);
      const m = [1, 2, 3, 4, 5].find((e) => 2 ** e + 1 === size);
      if (m === undefined) expect(text).not.toMatch(/3DMESH|Mesh/);
      else expect(text).toMatch(new RegExp(`^3DMESH\\nMesh ${m} 12$`, 'm'));
      const rows = numericRows(text);
      expect(rows[0]).toEqual(Array.from({ length: size }, (_, k) => Math.round((k * 1023) / (size - 1))));
      expect(rows).toHaveLength(1 + size ** 3);
    }
  });

  it('refuses a LUT whose input domain is not 0..1', () => {
    const data = new Float32Array(8 * 3);
    const wide: Lut3D = { size: 2, data, domainMin: [0, 0, 0], domainMax: [2, 1, 1] };
    expect(() => writeThreeDl(wide)).toThrow(LutWriteError);
    const shaped: Lut3D = { ...wide, domainMax: [1, 1, 1], shaper: { size: 2, data: new Float32Array(6), domainMin: [-1, -1, -1], domainMax: [1, 1, 1] } };
    expect(() => writeThreeDl(shaped)).toThrow(/input domain/);
  });
});
