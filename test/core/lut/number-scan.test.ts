/**
 * The data-row fast paths of the text LUT readers (text-lines.ts scanNumberRow, scanIntegerRow)
 * convert numbers themselves for speed: they must give exactly what Number() gives for every
 * token the general parse accepts, and leave every other row to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumberToken, scanIntegerRow, scanNumberRow } from '../../../main/core/lut/text-lines.js';

const FLOAT32_MAX = 3.4028234663852886e38;

function written(value: number, style: number, digits: number): string {
  switch (style) {
    case 0:
      return String(value);
    case 1:
      return value.toExponential(Math.min(digits, 20));
    case 2:
      return Math.abs(value) < 1e21 ? value.toFixed(Math.min(digits, 20)) : String(value);
    default:
      return value.toPrecision(Math.max(1, Math.min(digits, 21)));
  }
}

const token = fc.oneof(
  fc
    .tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e39, max: 1e39 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 21 }))
    .map(([v, s, d]) => written(v, s, d)),
  fc.stringMatching(/^[+-]?(\d{1,25}\.?\d{0,25}|\.\d{1,25})([eE][+-]?\d{1,3})?$/),
);

describe('the data-row fast path', () => {
  it('reads every number exactly as Number() and float32 do', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 3, maxLength: 3 }), fc.constantFrom(' ', '\t', '  ', ' \t'), (tokens, gap) => {
        const target = new Float32Array(3);
        const ok = scanNumberRow(` ${tokens.join(gap)} `, 3, target, 0);
        const expected = tokens.map(Number);
        expect(ok).toBe(expected.every((v) => Math.abs(v) <= FLOAT32_MAX));
        if (ok) expect([...target]).toEqual(expected.map(Math.fround));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the general parse anything that is not three plain numbers', () => {
    const rows = [
      '1 2',
      '1 2 3 4',
      '1,2,3',
      '1 2 3 # note',
      '1 2 nan',
      '1 2 inf',
      '1 2 3e',
      '1 2 .',
      '1 2 e5',
      '1 2 0x10',
      '1 2 3x',
      '1 2 1e39',
      '1\u00a02 3',
      '',
    ];
    for (const row of rows) expect(scanNumberRow(row, 3, new Float32Array(3), 0), row).toBe(false);
  });

  it('accepts exactly the tokens NUMBER accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', 'E', '+', '-', 'x'), maxLength: 8 }), (t) => {
        if (t === '') return;
        const value = Number(t);
        const accepted = isNumberToken(t) && Math.abs(value) <= FLOAT32_MAX;
        expect(scanNumberRow(`0 0 ${t}`, 3, new Float32Array(3), 0), t).toBe(accepted);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the .3dl row fast path', () => {
  it('reads three whole numbers up to the maximum, and leaves anything else to the general parse', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat({ max: 70000 }).map(String), fc.constantFrom('+1', '-0', '1.0', '', 'x', '0007')), { minLength: 1, maxLength: 4 }),
        (tokens) => {
          const target = new Int32Array(3);
          const ok = scanIntegerRow(tokens.join(' '), 3, 65535, target, 0);
          // An empty token is only more space between the others.
          const values = tokens.filter((t) => t !== '');
          const plain = values.length === 3 && values.every((t) => /^\d+$/.test(t) && Number(t) <= 65535);
          expect(ok).toBe(plain);
          if (ok) expect([...target]).toEqual(values.map(Number));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
