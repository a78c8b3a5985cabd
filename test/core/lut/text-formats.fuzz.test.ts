/**
 * Property-based fuzzing of the text LUT readers (.cube, .3dl): random bytes, token soup and
 * mutations of valid files. Whatever the input, a reader either returns a well-formed LUT
 * (lattice 2..256, size³·3 finite values, increasing domains) or throws a LutParseError that
 * names the file; no other error and no malformed LUT may escape.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { LutParseError } from '../../../main/core/lut/errors.js';
import type { LutReadResult, Vec3 } from '../../../main/core/lut/lut.js';
import { decodeLutText } from '../../../main/core/lut/text-lines.js';
import { parseThreeDl } from '../../../main/core/lut/threedl.js';
import { fixture } from '../../support/paths.js';

type Reader = (text: string, fileName: string) => LutReadResult;
const READERS: ReadonlyArray<readonly [string, Reader]> = [
  ['fuzz.cube', parseCube],
  ['fuzz.3dl', parseThreeDl],
];
const RUNS = 250;

function expectIncreasingDomain(min: Vec3, max: Vec3): void {
  for (let c = 0; c < 3; c++) {
    expect(Number.isFinite(min[c]) && Number.isFinite(max[c])).toBe(true);
    expect(min[c]).toBeLessThan(max[c]);
  }
}

function allFinite(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

function expectWellFormed({ lut, warnings }: LutReadResult): void {
  expect(Number.isInteger(lut.size) && lut.size >= 2 && lut.size <= 256).toBe(true);
  expect(lut.data).toBeInstanceOf(Float32Array);
  expect(lut.data.length).toBe(lut.size ** 3 * 3);
  expect(allFinite(lut.data)).toBe(true);
  expectIncreasingDomain(lut.domainMin, lut.domainMax);
  expect(Array.isArray(warnings)).toBe(true);
  if (lut.shaper) {
    expect(lut.shaper.size).toBeGreaterThanOrEqual(2);
    expect(lut.shaper.data.length).toBe(lut.shaper.size * 3);
    expect(allFinite(lut.shaper.data)).toBe(true);
    expectIncreasingDomain(lut.shaper.domainMin, lut.shaper.domainMax);
  }
}

/** The property: a well-formed LUT, or a LutParseError naming the file (and a real line). */
function expectLutOrParseError(text: string, lineCount: number, fileName: string, read: () => LutReadResult): void {
  let result: LutReadResult;
  try {
    result = read();
  } catch (error) {
    if (!(error instanceof LutParseError)) throw new Error(`escaped ${String(error)} for ${JSON.stringify(text.slice(0, 300))}`, { cause: error });
    expect(error.file).toBe(fileName);
    expect(error.problem.length).toBeGreaterThan(0);
    if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1 && error.line <= lineCount).toBe(true);
    return;
  }
  expectWellFormed(result);
}

function throughAllReaders(text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const [fileName, read] of READERS) expectLutOrParseError(text, lineCount, fileName, () => read(text, fileName));
}

function bytesThroughAllReaders(bytes: Uint8Array): void {
  for (const [fileName, read] of READERS) {
    let text = '';
    expectLutOrParseError('<bytes>', Infinity, fileName, () => {
      text = decodeLutText(bytes, fileName);
      return read(text, fileName);
    });
  }
}

const KEYWORDS = [
  'LUT_3D_SIZE',
  'LUT_1D_SIZE',
  'DOMAIN_MIN',
  'DOMAIN_MAX',
  'LUT_1D_INPUT_RANGE',
  'LUT_3D_INPUT_RANGE',
  'TITLE',
  'TITLE "a # b"',
  'LUT_IN_VIDEO_RANGE',
  'LUT_OUT_VIDEO_RANGE',
  'LUT_SOMETHING',
  '3DMESH',
  'Mesh',
  'LUT8',
  'LUT12',
  'gamma',
  'lut_3d_size',
];
// Sizes above 64 are left out of the valid range on purpose: a legal LUT_3D_SIZE 256 allocates
// 200 MB at its first row, which would make the fuzz slow without testing anything new.
const NUMBERS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '7',
  '8',
  '17',
  '0.5',
  '-0.1',
  '1.0',
  '1e-3',
  '+2',
  '.5',
  '5.',
  '4095',
  '1023',
  '65535',
  '65536',
  '-1',
  '1e39',
  '-3.5e38',
  '1e-45',
  '2.5',
];
const HOSTILE = [
  'NaN',
  'nan',
  'inf',
  '-inf',
  'Infinity',
  '-Infinity',
  '257',
  '1',
  '99999999',
  '1e9',
  '4294967297',
  '9'.repeat(40),
  '0x10',
  '1,5',
  '--1',
  '"',
  '#',
  '\u0000',
  '\uFEFF',
  'é',
];
const SEPARATORS = ['\n', '\n', '\n', '\r\n', '\r', ' ', ' ', '\t', '\n\n'];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 6, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 64 }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 5, arbitrary: fc.constantFrom(...SEPARATORS) },
);
const soup = fc.array(token, { maxLength: 120 }).map((parts) => parts.join(' '));
const soupLine = fc.array(token, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' ').replace(/[\r\n]+/g, ' '));

/** Small valid files of both formats, and the real small fixture files. */
function seedFiles(): string[] {
  const cube8 = Array.from({ length: 8 }, (_, i) => `${i & 1} ${(i >> 1) & 1} ${i >> 2}`);
  const threeDl27 = Array.from({ length: 27 }, (_, i) => `${(i % 3) * 2000} ${i * 40} ${4095 - i}`);
  return [
    ['TITLE "seed"', 'LUT_3D_SIZE 2', 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 2 1', '', ...cube8].join('\n'),
    ['LUT_1D_SIZE 3', 'LUT_1D_INPUT_RANGE 0 2', 'LUT_3D_SIZE 2', '0 0 0', '0.5 0.5 0.5', '1 1 1', ...cube8].join('\r\n'),
    ['LUT_1D_SIZE 4', '0 0 0', '0.2 0.3 0.4', '0.6 0.6 0.6', '1 1 1'].join('\n'),
    ['# Nuke flavour', '0 1023', ...Array.from({ length: 8 }, (_, i) => `${i * 100} ${i * 90} ${i * 3000}`)].join('\n'),
    ['3DMESH', 'Mesh 1 12', '0 512 1023', ...threeDl27, 'LUT8', 'gamma 1.0'].join('\n'),
    readFileSync(fixture('luts/cube/ocio_resolve_1d3d.cube'), 'utf8'),
    readFileSync(fixture('luts/cube/ocio_iridas_3d_domain.cube'), 'utf8'),
    readFileSync(fixture('luts/cube/colour_Three_Dimensional_Table_With_Shaper.cube'), 'utf8'),
    readFileSync(fixture('luts/3dl/ocio_error_truncated_file.3dl'), 'utf8'),
  ];
}
const SEEDS = seedFiles();

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'alter' | 'insert'; at: number; line: string }
  | { kind: 'truncate'; at: number };

const position = fc.nat({ max: 10_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: position }),
  fc.record({ kind: fc.constant('swap' as const), at: position, other: position }),
  fc.record({ kind: fc.constantFrom('alter' as const, 'insert' as const), at: position, line: soupLine }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    line: fc.constantFrom('LUT_3D_SIZE 99999999', 'LUT_3D_SIZE 257', 'LUT_1D_SIZE 1', 'Mesh 8 12', 'Mesh 99 16', 'DOMAIN_MIN 2 2 2'),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: 100_000 }) }),
  // Harmless edits too, so that a share of the mutated files stays valid and reaches the success path.
  fc.record({ kind: fc.constant('insert' as const), at: position, line: fc.constantFrom('', '   ', '# note', '\t# 1 2 3') }),
  fc.record({ kind: fc.constant('alter' as const), at: position, line: fc.tuple(fc.nat(4095), fc.nat(4095), fc.nat(4095)).map((v) => v.join(' ')) }),
);

function mutate(text: string, steps: Mutation[]): string {
  let lines = text.split('\n');
  for (const step of steps) {
    const i = step.at % Math.max(1, lines.length);
    if (step.kind === 'delete') lines.splice(i, 1);
    else if (step.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (step.kind === 'swap') {
      const j = step.other % Math.max(1, lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else if (step.kind === 'alter') lines[i] = step.line;
    else if (step.kind === 'insert') lines.splice(i, 0, step.line);
    else
      lines = lines
        .join('\n')
        .slice(0, step.at % (lines.join('\n').length + 1))
        .split('\n');
  }
  return lines.join('\n');
}

describe('fuzzing the text LUT readers: a well-formed LUT or a LutParseError, nothing else', () => {
  it('the mutation seeds are valid files (so mutating them starts from accepted input)', () => {
    const readers = [parseCube, parseCube, parseCube, parseThreeDl, parseThreeDl, parseCube, parseCube, parseCube];
    readers.forEach((read, i) => expectWellFormed(read(SEEDS[i], `seed${i}`)));
  });

  it('survives random bytes through decodeLutText', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), bytesThroughAllReaders), { numRuns: RUNS });
  });

  it('survives random text made of digits, signs, letters and line breaks', () => {
    const chars = fc.constantFrom(...'0123456789 .-+eE#\n\n\n\r\tLUT_3DSIZEMeshNa"'.split(''));
    const text = fc.array(chars, { maxLength: 400 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => bytesThroughAllReaders(new TextEncoder().encode(t))),
      { numRuns: RUNS },
    );
  });

  it('survives token soup of keywords, numbers, NaN, huge sizes, garbage and newlines', () => {
    fc.assert(fc.property(soup, throughAllReaders), { numRuns: RUNS });
  });

  it('survives deleted, duplicated, swapped, altered and inserted lines and truncation of valid files', () => {
    const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, steps]) => mutate(seed, steps));
    let accepted = 0;
    const countAccepted = (text: string) => {
      for (const [fileName, read] of READERS) {
        try {
          read(text, fileName);
          accepted++;
        } catch {
          // refusals are checked by throughAllReaders
        }
      }
    };
    fc.assert(
      fc.property(mutated, (text) => (throughAllReaders(text), countAccepted(text))),
      { numRuns: RUNS },
    );
    // Not vacuous: some mutated files must still be read as LUTs (30 to 40 of the 500 reads, measured).
    expect(accepted).toBeGreaterThan(5);
  });

  it('survives 1D-only and shaper .cube files with arbitrary float32 values', () => {
    const value = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? '0' : String(v)));
    const row = fc.tuple(value, value, value).map((r) => r.join(' '));
    const file = fc.tuple(fc.integer({ min: 2, max: 6 }), fc.boolean(), fc.array(row, { minLength: 14, maxLength: 14 })).map(([n1, with3d, rows]) => {
      const header = with3d ? [`LUT_1D_SIZE ${n1}`, 'LUT_3D_SIZE 2'] : [`LUT_1D_SIZE ${n1}`];
      return [...header, ...rows.slice(0, n1 + (with3d ? 8 : 0))].join('\n');
    });
    fc.assert(fc.property(file, throughAllReaders), { numRuns: RUNS });
  });
});
