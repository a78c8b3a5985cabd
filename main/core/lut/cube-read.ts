/**
 * Reader for `.cube` files: the Adobe Cube LUT Specification 1.0 (TITLE, LUT_1D_SIZE or
 * LUT_3D_SIZE, DOMAIN_MIN/DOMAIN_MAX, data rows with red varying fastest) and the Resolve
 * variant, which allows a 1D shaper and a 3D table in one file (1D rows first) with
 * LUT_1D_INPUT_RANGE / LUT_3D_INPUT_RANGE giving each table's input range.
 */
import { LutParseError } from './errors.js';
import type { Lut3D, LutReadResult, LutWarning, Shaper1D, Vec3 } from './lut.js';
import { UNIT_MAX, UNIT_MIN, latticeArray } from './lut.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { isNumberToken, parseIntegerInRange, parseNumber, scanNumberRow, stripComment, tokens } from './text-lines.js';
import type { LineReader } from './text-stream.js';
import { allowedTextLutBytes, readTextLines } from './text-stream.js';

const MAX_1D_SIZE = 65536;

// Resolve writes these; they change how values are meant to be read, so they are warned about.
const VIDEO_RANGE_KEYWORDS: Record<string, string> = {
  LUT_IN_VIDEO_RANGE: 'the LUT expects video-range (16–235) input; it is applied to full-range values here',
  LUT_OUT_VIDEO_RANGE: 'the LUT produces video-range (16–235) output; it is used as full-range here',
};

interface Header {
  title?: string;
  size1d?: number;
  size3d?: number;
  domainMin?: Vec3;
  domainMax?: Vec3;
  range1d?: [number, number];
  range3d?: [number, number];
  seen: Set<string>;
  domainLine?: number;
}

class CubeReader implements LineReader<LutReadResult> {
  private readonly header: Header = { seen: new Set() };
  private readonly warnings: LutWarning[] = [];
  private data1d?: Float32Array;
  private data3d?: Float32Array;
  private rows = 0;
  private lastLine = 0;

  constructor(private readonly fileName: string) {}

  /** Rows the size lines declare (0 before any). */
  private declaredRows(): number {
    return (this.header.size1d ?? 0) + (this.header.size3d ?? 0) ** 3;
  }

  allowedBytes(): number {
    return allowedTextLutBytes(this.declaredRows());
  }

  private fail(problem: string, line?: number): never {
    throw new LutParseError(this.fileName, problem, line);
  }

  readLine(raw: string, line: number): void {
    if (this.rows > 0 && this.readRowFast(raw)) {
      this.lastLine = line;
      return;
    }
    const trimmed = raw.trim();
    if (trimmed.startsWith('TITLE')) return this.readTitle(trimmed, line);
    const content = stripComment(raw);
    if (content === '') return;
    const parts = tokens(content);
    this.lastLine = line;
    if (isNumberToken(parts[0]) || /^[+-]?(nan|inf)/i.test(parts[0])) return this.readRow(parts, line);
    if (this.rows > 0) this.fail(`keyword ${parts[0].slice(0, 40)} after the data rows began`, line);
    this.readKeyword(parts, line);
  }

  private readTitle(content: string, line: number): void {
    if (this.rows > 0) this.fail('TITLE after the data rows began', line);
    this.once('TITLE', line);
    const quoted = /^TITLE\s+"([^"]*)"/.exec(content);
    this.header.title = quoted ? quoted[1] : stripComment(content.slice(5)).replace(/^"|"$/g, '');
  }

  private once(keyword: string, line: number): void {
    if (this.header.seen.has(keyword)) this.fail(`${keyword} appears twice`, line);
    this.header.seen.add(keyword);
  }

  private readKeyword(parts: string[], line: number): void {
    const [keyword, ...args] = parts;
    const h = this.header;
    switch (keyword) {
      case 'LUT_3D_SIZE':
        this.once(keyword, line);
        this.arity(keyword, args, 1, line);
        h.size3d = parseIntegerInRange(args[0], MIN_LATTICE_SIZE, MAX_LATTICE_SIZE, 'LUT_3D_SIZE', this.fileName, line);
        return;
      case 'LUT_1D_SIZE':
        this.once(keyword, line);
        this.arity(keyword, args, 1, line);
        h.size1d = parseIntegerInRange(args[0], 2, MAX_1D_SIZE, 'LUT_1D_SIZE', this.fileName, line);
        return;
      case 'DOMAIN_MIN':
      case 'DOMAIN_MAX': {
        this.once(keyword, line);
        this.arity(keyword, args, 3, line);
        const v = args.map((t) => parseNumber(t, this.fileName, line)) as unknown as Vec3;
        if (keyword === 'DOMAIN_MIN') h.domainMin = v;
        else h.domainMax = v;
        h.domainLine = line;
        return;
      }
      case 'LUT_1D_INPUT_RANGE':
      case 'LUT_3D_INPUT_RANGE': {
        this.once(keyword, line);
        this.arity(keyword, args, 2, line);
        const range: [number, number] = [parseNumber(args[0], this.fileName, line), parseNumber(args[1], this.fileName, line)];
        if (range[0] >= range[1]) this.fail(`${keyword} minimum ${range[0]} is not below its maximum ${range[1]}`, line);
        if (keyword === 'LUT_1D_INPUT_RANGE') h.range1d = range;
        else h.range3d = range;
        return;
      }
      default:
        if (!/^[A-Z][A-Z0-9_]*$/.test(keyword)) this.fail(`"${keyword.slice(0, 40)}" is neither a keyword nor a number`, line);
        this.warnings.push({ line, message: VIDEO_RANGE_KEYWORDS[keyword] ?? `unknown keyword ${keyword} ignored` });
    }
  }

  private arity(keyword: string, args: string[], count: number, line: number): void {
    if (args.length !== count) this.fail(`${keyword} needs ${count} value${count > 1 ? 's' : ''} but has ${args.length}`, line);
  }

  /** A plain row after the first, written straight into its table; false leaves the line to the general parse. */
  private readRowFast(raw: string): boolean {
    const n1 = this.header.size1d ?? 0;
    if (this.rows >= this.declaredRows()) return false;
    const target = this.rows < n1 ? this.data1d! : this.data3d!;
    if (!scanNumberRow(raw, 3, target, (this.rows < n1 ? this.rows : this.rows - n1) * 3)) return false;
    this.rows++;
    return true;
  }

  private readRow(parts: string[], line: number): void {
    if (this.rows === 0) this.allocate(line);
    if (parts.length !== 3) this.fail(`a data row needs 3 values but has ${parts.length}`, line);
    const n1 = this.header.size1d ?? 0;
    const expected = n1 + (this.header.size3d ?? 0) ** 3;
    if (this.rows >= expected) this.fail(`more data rows than the ${expected} the size lines declare`, line);
    const target = this.rows < n1 ? this.data1d! : this.data3d!;
    const offset = (this.rows < n1 ? this.rows : this.rows - n1) * 3;
    for (let c = 0; c < 3; c++) target[offset + c] = parseNumber(parts[c], this.fileName, line);
    this.rows++;
  }

  private allocate(line: number): void {
    const { size1d, size3d } = this.header;
    if (size1d === undefined && size3d === undefined) this.fail('data rows before any LUT_3D_SIZE or LUT_1D_SIZE line', line);
    if (size1d !== undefined) this.data1d = new Float32Array(size1d * 3);
    if (size3d !== undefined) this.data3d = latticeArray(size3d ** 3 * 3);
  }

  finish(): LutReadResult {
    const h = this.header;
    if (h.size1d === undefined && h.size3d === undefined) {
      this.fail(this.lastLine === 0 ? 'has no content (no LUT_3D_SIZE line and no data)' : 'has no LUT_3D_SIZE or LUT_1D_SIZE line');
    }
    const expected = (h.size1d ?? 0) + (h.size3d ?? 0) ** 3;
    if (this.rows !== expected) {
      this.fail(`is truncated: ${this.rows} data rows where the size lines declare ${expected}`, this.lastLine || undefined);
    }
    const domainMin = h.domainMin ?? UNIT_MIN;
    const domainMax = h.domainMax ?? UNIT_MAX;
    for (let c = 0; c < 3; c++) {
      if (!(domainMin[c] < domainMax[c])) {
        this.fail(`DOMAIN_MIN ${domainMin[c]} is not below DOMAIN_MAX ${domainMax[c]} on channel ${'RGB'[c]}`, h.domainLine);
      }
    }
    if ((h.domainMin || h.domainMax) && h.range3d) this.fail('has both DOMAIN_MIN/DOMAIN_MAX and LUT_3D_INPUT_RANGE; they contradict', h.domainLine);
    if (h.range1d && h.size1d === undefined) {
      // colour-science writes LUT_1D_INPUT_RANGE on 3D-only files meaning the table's input
      // range (its eotf_sRGB_3D.cube holds sRGB EOTF values for inputs -1..3), so take it as such.
      if (h.range3d || h.domainMin || h.domainMax) this.warnings.push({ message: 'LUT_1D_INPUT_RANGE ignored: the file has no 1D table' });
      else {
        h.range3d = h.range1d;
        this.warnings.push({ message: 'LUT_1D_INPUT_RANGE on a file without a 1D table: taken as the 3D input range' });
      }
    }
    return { lut: this.build(domainMin, domainMax), warnings: this.warnings };
  }

  private build(domainMin: Vec3, domainMax: Vec3): Lut3D {
    const h = this.header;
    const title = h.title;
    const shaper: Shaper1D | undefined =
      h.size1d === undefined
        ? undefined
        : {
            size: h.size1d,
            data: this.data1d!,
            // A shaper-first file: DOMAIN_* (Adobe) or LUT_1D_INPUT_RANGE (Resolve) is the input range.
            domainMin: h.range1d ? [h.range1d[0], h.range1d[0], h.range1d[0]] : domainMin,
            domainMax: h.range1d ? [h.range1d[1], h.range1d[1], h.range1d[1]] : domainMax,
          };
    if (h.size3d === undefined) {
      this.warnings.push({ message: '1D-only LUT: stored as its 1D curve followed by an identity 3D lattice' });
      return { title, ...identityOverRange(shaper!.data), shaper };
    }
    const range = h.range3d;
    const lattice = { size: h.size3d, data: this.data3d! };
    if (shaper) {
      return {
        title,
        ...lattice,
        shaper,
        domainMin: range ? [range[0], range[0], range[0]] : UNIT_MIN,
        domainMax: range ? [range[1], range[1], range[1]] : UNIT_MAX,
      };
    }
    if (range) return { title, ...lattice, domainMin: [range[0], range[0], range[0]], domainMax: [range[1], range[1], range[1]] };
    return { title, ...lattice, domainMin, domainMax };
  }
}

/**
 * A 2³ lattice that passes through every value a 1D curve can produce: its domain spans the
 * curve's output range and its corners hold that range, so interpolation reproduces the input
 * exactly (both interpolations are exact for affine maps) and nothing is clipped.
 */
function identityOverRange(curve: Float32Array): Pick<Lut3D, 'size' | 'data' | 'domainMin' | 'domainMax'> {
  const lo = [Infinity, Infinity, Infinity],
    hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < curve.length; i++) {
    const c = i % 3;
    lo[c] = Math.min(lo[c], curve[i]);
    hi[c] = Math.max(hi[c], curve[i]);
  }
  for (let c = 0; c < 3; c++) {
    if (hi[c] > lo[c]) continue;
    // A constant channel still needs a non-empty domain. Beyond 2^53, lo + 1 rounds back to lo
    // (and lo + |lo| may leave float32), so a huge constant is widened towards zero instead.
    if (lo[c] + 1 > lo[c]) hi[c] = lo[c] + 1;
    else if (lo[c] > 0) lo[c] = 0;
    else hi[c] = 0;
  }
  const data = new Float32Array(24);
  for (let b = 0; b < 2; b++)
    for (let g = 0; g < 2; g++)
      for (let r = 0; r < 2; r++) {
        const o = ((b * 2 + g) * 2 + r) * 3;
        data[o] = r ? hi[0] : lo[0];
        data[o + 1] = g ? hi[1] : lo[1];
        data[o + 2] = b ? hi[2] : lo[2];
      }
  return { size: 2, data, domainMin: lo as unknown as Vec3, domainMax: hi as unknown as Vec3 };
}

/** A reader of a .cube's lines (text-stream.ts feeds it); `fileName` labels every error and warning. */
export function cubeLineReader(fileName: string): LineReader<LutReadResult> {
  return new CubeReader(fileName);
}

/** Parses the text of a .cube file; `fileName` labels every error and warning. */
export function parseCube(text: string, fileName: string): LutReadResult {
  return readTextLines(text, new CubeReader(fileName));
}
