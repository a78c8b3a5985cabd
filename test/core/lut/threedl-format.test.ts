import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LutParseError, LutWriteError } from '../../../main/core/lut/errors.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { parseThreeDl, writeThreeDl } from '../../../main/core/lut/threedl.js';
import { reference } from '../../support/paths.js';
import { maxAbsDiff } from '../../support/peers.js';

const read = (name: string) => readFileSync(reference('luts/3dl', name), 'utf8');

/** Integer triples of a .3dl after its header, in file order (blue fastest). */
function latticeRows(text: string): number[][] {
  return text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => /^\d+\s+\d+\s+\d+$/.test(l)).map((l) => l.split(/\s+/).map(Number));
}

describe('reading .3dl files', () => {
  it('reorders blue-fastest rows into red-fastest lattice order', () => {
    // Each row encodes its own lattice coordinates: r → 1000, g → 100, b → 10 (10-bit outputs).
    const rows = [];
    for (let r = 0; r < 2; r++) for (let g = 0; g < 2; g++) for (let b = 0; b < 2; b++) rows.push(`${r * 1000} ${g * 100} ${b * 10}`);
    const { lut } = parseThreeDl(`0 1023\n${rows.join('\n')}\n`, 'order.3dl');
    for (let b = 0; b < 2; b++) for (let g = 0; g < 2; g++) for (let r = 0; r < 2; r++) {
      const o = ((b * 2 + g) * 2 + r) * 3;
      expect([lut.data[o], lut.data[o + 1], lut.data[o + 2]].map((v) => Math.round(v * 1023))).toEqual([r * 1000, g * 100, b * 10]);
    }
  });

  it('infers 16-bit output for the Nuke-flavoured crosstalk.3dl (largest value 42060)', () => {
    const text = read('ocio_crosstalk_17.3dl');
    const { lut, warnings } = parseThreeDl(text, 'crosstalk.3dl');
    expect(lut.size).toBe(17);
    expect(warnings.some((w) => /16-bit/.test(w.message))).toBe(true);
    const rows = latticeRows(text);
    const max = Math.max(...rows.flat());
    expect(max).toBe(42060);
    let ours = 0;
    for (const v of lut.data) ours = Math.max(ours, v);
    expect(ours).toBeCloseTo(42060 / 65535, 6);
  });

  it.each([
    ['ocio_lustre_33x33x33.3dl', 33],
    ['ocio_discreet_17.3dl', 17],
  ])('reads %s at its Mesh-declared 12 bits', (name, size) => {
    const text = read(name);
    const { lut } = parseThreeDl(text, name);
    expect(lut.size).toBe(size);
    const rows = latticeRows(text).slice(-(size ** 3));
    // First file row is lattice point r=g=b=0; the last is r=g=b=size-1.
    expect(Array.from(lut.data.subarray(0, 3)).map((v) => Math.round(v * 4095))).toEqual(rows[0]);
    expect(Array.from(lut.data.subarray(-3)).map((v) => Math.round(v * 4095))).toEqual(rows[rows.length - 1]);
  });

  it('reads the Discreet black offset row 17 17 17 as lattice data, not a size line', () => {
    const { lut } = parseThreeDl(read('ocio_discreet_17.3dl'), 'discreet.3dl');
    expect(Array.from(lut.data.subarray(0, 3)).map((v) => Math.round(v * 4095))).toEqual([17, 17, 17]);
  });

  it('refuses the truncated file, counting its rows', () => {
    expect(() => parseThreeDl(read('ocio_error_truncated_file.3dl'), 'trunc.3dl')).toThrow(/trunc\.3dl:\d+: is truncated: 369 lattice rows where a 17-point lattice needs 4913/);
  });

  it.each([
    ['a keyword it does not know', '0 1023\nFOO 1 2\n', /"FOO" is not a \.3dl keyword/],
    ['a lattice row with two values', '0 1023\n0 0\n', /needs 3 values but has 2/],
    ['a shaper row that goes down', '0 1023 512\n' + '0 0 0\n'.repeat(27), /not increasing/],
    ['a value beyond its Mesh depth', '3DMESH\nMesh 1 10\n0 512 1023\n' + '0 0 2000\n'.repeat(27), /beyond the 10-bit/],
    ['an empty file', '\n\n', /no content/],
  ])('refuses %s', (_, text, problem) => {
    const error = (() => { try { parseThreeDl(text, 'bad.3dl'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(LutParseError);
    expect((error as Error).message).toMatch(problem);
  });
});

describe('writing .3dl files', () => {
  it('round-trips within half a 12-bit step, with a 3DMESH header for 2^m+1 sizes', () => {
    const lut = identityLut(17);
    const warm = { ...lut, data: lut.data.map((v, i) => Math.min(1, v * (i % 3 === 0 ? 1.05 : 0.95))) };
    const text = writeThreeDl(warm);
    expect(text).toMatch(/^3DMESH$/m);
    expect(text).toMatch(/^Mesh 4 12$/m);
    const back = parseThreeDl(text, 'back.3dl').lut;
    expect(maxAbsDiff(back.data, warm.data)).toBeLessThanOrEqual(0.5 / 4095 + 1e-7);
  });

  it('writes other sizes in the Nuke flavour and 16-bit on request', () => {
    const text = writeThreeDl(identityLut(6), { outputBits: 16 });
    expect(text).not.toMatch(/3DMESH/);
    const back = parseThreeDl(text, 'six.3dl').lut;
    expect(maxAbsDiff(back.data, identityLut(6).data)).toBeLessThanOrEqual(0.5 / 65535 + 1e-7);
  });

  it('refuses a LUT whose input domain is not [0,1]', () => {
    expect(() => writeThreeDl({ ...identityLut(3), domainMax: [2, 2, 2] })).toThrow(LutWriteError);
  });
});
