/**
 * `.3dl` files (Autodesk Lustre/Discreet with `3DMESH` / `Mesh <m> <bits>` lines, and the Nuke
 * flavour without them). Layout: the first numeric row is the input shaper (the input code
 * value of each lattice position, e.g. `0 64 … 1023`), then N³ rows of integer r g b with BLUE
 * varying fastest, the opposite of .cube. Outputs are integers of 10, 12 or 16 bits.
 */
import { LutParseError, LutWriteError } from './errors.js';
import type { Lut3D, LutReadResult, LutWarning, Shaper1D } from './lut.js';
import { UNIT_MAX, UNIT_MIN, identityLut, isPlainUnitLut, latticeArray } from './lut.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { resampleLut } from './sample.js';
import { parseIntegerInRange, scanIntegerRow, stripComment, tokens } from './text-lines.js';
import type { LineReader } from './text-stream.js';
import { allowedTextLutBytes, readTextLines } from './text-stream.js';

/** The largest value a .3dl holds: a 16-bit code. */
const MAX_CODE = 65535;

/** Smallest common bit depth (10, 12, 16) whose range holds `max`. */
function depthHolding(max: number): 10 | 12 | 16 {
  return max <= 1023 ? 10 : max <= 4095 ? 12 : 16;
}

interface Parsed {
  shaperRow: number[];
  shaperLine: number;
  meshBits?: number;
  values: Int32Array;
  rows: number;
  warnings: LutWarning[];
}

/** The rows of a .3dl, line by line (text-stream.ts feeds it): the shaper row, then the lattice. */
class ThreeDlRows implements LineReader<Parsed> {
  private readonly warnings: LutWarning[] = [];
  private shaperRow?: number[];
  private shaperLine = 0;
  private meshBits?: number;
  private meshSize?: number;
  private values?: Int32Array;
  private rows = 0;
  private expected = 0;
  private lastLine = 0;

  constructor(private readonly fileName: string) {}

  allowedBytes(): number {
    return allowedTextLutBytes(this.expected);
  }

  readLine(raw: string, line: number): void {
    if (this.shaperRow && this.rows < this.expected && scanIntegerRow(raw, 3, MAX_CODE, this.values!, this.rows * 3)) {
      this.rows++;
      this.lastLine = line;
      return;
    }
    const fileName = this.fileName;
    const content = stripComment(raw);
    if (content === '') return;
    const parts = tokens(content);
    const head = parts[0];
    this.lastLine = line;
    if (head === '3DMESH') return;
    if (head === 'Mesh') {
      // 2^7+1 = 129 is the largest 2^m+1 within the 256-point lattice limit (2^8+1 = 257 is not).
      this.meshSize = 2 ** parseIntegerInRange(parts[1], 1, 7, 'Mesh size exponent', fileName, line) + 1;
      this.meshBits = parseIntegerInRange(parts[2], 8, 16, 'Mesh output bit depth', fileName, line);
      return;
    }
    if (/^LUT(8|10|12|16)$/.test(head) || head === 'gamma') {
      this.warnings.push({ line, message: `"${content.slice(0, 40)}" ignored: it describes how Lustre displays the LUT, not the mapping` });
      return;
    }
    if (!/^[+-]?\d/.test(head)) throw new LutParseError(fileName, `"${head.slice(0, 40)}" is not a .3dl keyword or a number`, line);
    const ints = parts.map((t) => parseIntegerInRange(t, 0, MAX_CODE, 'a .3dl value', fileName, line));
    const meshSize = this.meshSize;
    if (!this.shaperRow && meshSize !== undefined && ints.length === 3 && meshSize !== 3) {
      // Lustre files may omit the input row: `Mesh m` alone fixes an even lattice of 2^m+1.
      this.startLattice(
        Array.from({ length: meshSize }, (_, k) => Math.round((k * 1023) / (meshSize - 1))),
        line,
      );
    }
    if (!this.shaperRow) {
      if (meshSize !== undefined && ints.length !== meshSize) {
        throw new LutParseError(fileName, `the input shaper row has ${ints.length} entries but the Mesh line declares ${meshSize}`, line);
      }
      if (ints.length < MIN_LATTICE_SIZE || ints.length > MAX_LATTICE_SIZE) {
        throw new LutParseError(fileName, `the input shaper row has ${ints.length} entries; a lattice needs ${MIN_LATTICE_SIZE}..${MAX_LATTICE_SIZE}`, line);
      }
      this.startLattice(ints, line);
      return;
    }
    if (ints.length !== 3) throw new LutParseError(fileName, `a lattice row needs 3 values but has ${ints.length}`, line);
    if (this.rows >= this.expected) {
      throw new LutParseError(fileName, `more lattice rows than the ${this.expected} its ${this.shaperRow.length}-entry shaper row implies`, line);
    }
    this.values!.set(ints, this.rows * 3);
    this.rows++;
  }

  private startLattice(shaperRow: number[], line: number): void {
    this.shaperRow = shaperRow;
    this.shaperLine = line;
    this.expected = shaperRow.length ** 3;
    this.values = new Int32Array(this.expected * 3);
  }

  finish(): Parsed {
    const { shaperRow, fileName } = this;
    if (!shaperRow) throw new LutParseError(fileName, this.lastLine === 0 ? 'has no content' : 'has no input shaper row and no lattice');
    if (this.rows !== this.expected) {
      throw new LutParseError(
        fileName,
        `is truncated: ${this.rows} lattice rows where a ${shaperRow.length}-point lattice needs ${this.expected}`,
        this.lastLine,
      );
    }
    return { shaperRow, shaperLine: this.shaperLine, meshBits: this.meshBits, values: this.values!, rows: this.rows, warnings: this.warnings };
  }
}

/**
 * The shaper row maps lattice index k to an input code. A row that is an even ramp (within one
 * code value, so both `0 64 … 960 1023` and rounded ramps count) is a plain lattice over the
 * input range; any other row becomes a 1D shaper that moves inputs to their lattice position.
 */
function inputStage(row: number[], fileName: string, line: number): { shaper?: Shaper1D; domainMax: number } {
  const last = row.length - 1;
  const maxCode = 2 ** depthHolding(row[last]) - 1;
  for (let k = 1; k <= last; k++) {
    if (row[k] <= row[k - 1]) throw new LutParseError(fileName, `the input shaper row is not increasing at entry ${k + 1}`, line);
  }
  const even = row.every((v, k) => Math.abs(v - row[0] - (k * (row[last] - row[0])) / last) <= 1);
  if (even && row[0] === 0) return { domainMax: row[last] / maxCode };
  // Resample "input → lattice position" on a uniform grid of input codes (piecewise linear).
  const size = Math.min(maxCode + 1, 4096);
  const data = new Float32Array(size * 3);
  let k = 0;
  for (let i = 0; i < size; i++) {
    const code = (i * maxCode) / (size - 1);
    while (k < last - 1 && code > row[k + 1]) k++;
    const t = Math.min(1, Math.max(0, (code - row[k]) / (row[k + 1] - row[k])));
    const position = (k + t) / last;
    data[i * 3] = data[i * 3 + 1] = data[i * 3 + 2] = position;
  }
  return { shaper: { size, data, domainMin: UNIT_MIN, domainMax: UNIT_MAX }, domainMax: 1 };
}

/** A reader of a .3dl's lines (text-stream.ts feeds it); `fileName` labels every error and warning. */
export function threeDlLineReader(fileName: string): LineReader<LutReadResult> {
  const rows = new ThreeDlRows(fileName);
  return { readLine: (raw, line) => rows.readLine(raw, line), allowedBytes: () => rows.allowedBytes(), finish: () => threeDlLut(rows.finish(), fileName) };
}

export function parseThreeDl(text: string, fileName: string): LutReadResult {
  return readTextLines(text, threeDlLineReader(fileName));
}

function threeDlLut(parsed: Parsed, fileName: string): LutReadResult {
  const n = parsed.shaperRow.length;
  let maxValue = 0;
  for (const v of parsed.values) if (v > maxValue) maxValue = v;
  // Output depth: declared by `Mesh m bits`, else inferred as the smallest of 10/12/16 bits that
  // holds the largest value. Inference is ambiguous for a dark LUT (a 12-bit file whose values
  // all stay below 1024 reads as 10-bit), which is why the warning says what was assumed.
  const bits = parsed.meshBits ?? depthHolding(maxValue);
  if (maxValue > 2 ** bits - 1) {
    throw new LutParseError(fileName, `holds the value ${maxValue}, beyond the ${bits}-bit output range its Mesh line declares`);
  }
  if (parsed.meshBits === undefined) parsed.warnings.push({ message: `no Mesh line: output depth inferred as ${bits}-bit from the largest value ${maxValue}` });
  const scale = 1 / (2 ** bits - 1);
  const data = latticeArray(n * n * n * 3);
  // File order: index i = (r·n + g)·n + b (blue fastest); ours is red fastest.
  let i = 0;
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++)
      for (let b = 0; b < n; b++, i++) {
        const o = ((b * n + g) * n + r) * 3;
        data[o] = parsed.values[i * 3] * scale;
        data[o + 1] = parsed.values[i * 3 + 1] * scale;
        data[o + 2] = parsed.values[i * 3 + 2] * scale;
      }
  const stage = inputStage(parsed.shaperRow, fileName, parsed.shaperLine);
  const lut: Lut3D = { size: n, data, domainMin: UNIT_MIN, domainMax: [stage.domainMax, stage.domainMax, stage.domainMax], shaper: stage.shaper };
  return { lut, warnings: parsed.warnings };
}

export interface ThreeDlWriteOptions {
  readonly outputBits?: 10 | 12 | 16;
}

/** Writes Lustre-style .3dl (3DMESH header when the size is 2^m+1, else the Nuke flavour). */
export function writeThreeDl(lut: Lut3D, options: ThreeDlWriteOptions = {}): string {
  const bits = options.outputBits ?? 12;
  const domainMin = lut.shaper?.domainMin ?? lut.domainMin;
  const domainMax = lut.shaper?.domainMax ?? lut.domainMax;
  if (!domainMin.every((v) => v === 0) || !domainMax.every((v) => v === 1)) {
    throw new LutWriteError(
      '.3dl',
      `a .3dl covers inputs 0..1 only, but this LUT's input domain is [${domainMin.join(', ')}]..[${domainMax.join(', ')}]`,
      'unsupported',
    );
  }
  const source = isPlainUnitLut(lut) ? lut : resampleLut(lut, lut.size);
  const n = source.size;
  const maxOut = 2 ** bits - 1;
  const m = Math.log2(n - 1);
  const out: string[] = ['# Written by NILUT Studio'];
  if (Number.isInteger(m) && m >= 1) out.push('3DMESH', `Mesh ${m} ${bits}`);
  const ramp = identityLut(n).data;
  out.push(Array.from({ length: n }, (_, k) => Math.round(ramp[k * 3] * 1023)).join(' '));
  const q = (v: number) => Math.min(maxOut, Math.max(0, Math.round(v * maxOut)));
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++)
      for (let b = 0; b < n; b++) {
        const o = ((b * n + g) * n + r) * 3;
        out.push(`${q(source.data[o])} ${q(source.data[o + 1])} ${q(source.data[o + 2])}`);
      }
  return `${out.join('\n')}\n`;
}
