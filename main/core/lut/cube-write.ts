/**
 * Writer for `.cube` files. Plain LUTs are written as Adobe Cube LUT 1.0 (DOMAIN_MIN/MAX when
 * the domain is not [0,1]); LUTs with a shaper as the Resolve 1D+3D variant, whose input
 * ranges are one pair for all channels.
 */
import type { Lut3D, Vec3 } from './lut.js';
import { resampleLut } from './sample.js';

export interface CubeWriteOptions {
  readonly title?: string;
  /** Fixed decimals per value; by default the shortest text that reads back as the same float32. */
  readonly decimals?: number;
}

/** Shortest decimal text of a float32 value that parses back to the identical float32. */
export function float32Text(v: number): string {
  if (Object.is(v, -0)) return '0';
  const fixed = v.toFixed(6);
  if (Math.fround(Number(fixed)) === v) return fixed;
  for (let precision = 7; precision < 10; precision++) {
    const text = v.toPrecision(precision);
    if (Math.fround(Number(text)) === v) return text;
  }
  return v.toPrecision(9);
}

function isUniform(v: Vec3): boolean {
  return v[0] === v[1] && v[1] === v[2];
}

function isUnitDomain(min: Vec3, max: Vec3): boolean {
  return min.every((x) => x === 0) && max.every((x) => x === 1);
}

/** Lattice rows per chunk of text: big enough to be quick, small enough that a 256³ LUT is never one string. */
const ROWS_PER_CHUNK = 1 << 14;

function* rows(data: Float32Array, format: (v: number) => string): Generator<string> {
  for (let start = 0; start < data.length; start += ROWS_PER_CHUNK * 3) {
    const lines: string[] = [];
    const end = Math.min(data.length, start + ROWS_PER_CHUNK * 3);
    for (let o = start; o < end; o += 3) lines.push(`${format(data[o])} ${format(data[o + 1])} ${format(data[o + 2])}\n`);
    yield lines.join('');
  }
}

/**
 * The .cube text in chunks, for writing as it is made: a 256³ LUT is 16.7 M rows, about half a
 * gigabyte of text, which as one array of row strings took 4.8 GB.
 */
export function* cubeChunks(lut: Lut3D, options: CubeWriteOptions = {}): Generator<string> {
  // Resolve's input-range keywords hold one range for all channels; a shaper with per-channel
  // ranges cannot be written that way, so it is folded into the lattice instead.
  const shaperFits = lut.shaper && isUniform(lut.shaper.domainMin) && isUniform(lut.shaper.domainMax) && isUniform(lut.domainMin) && isUniform(lut.domainMax);
  const source = lut.shaper && !shaperFits ? resampleLut(lut, lut.size) : lut;
  const format = options.decimals === undefined ? float32Text : (v: number) => v.toFixed(options.decimals);
  const head: string[] = ['# Written by NILUT Studio'];
  const title = options.title ?? source.title;
  if (title) head.push(`TITLE "${title.replace(/"/g, "'")}"`);
  if (source.shaper) {
    const s = source.shaper;
    head.push(`LUT_1D_SIZE ${s.size}`, `LUT_1D_INPUT_RANGE ${format(s.domainMin[0])} ${format(s.domainMax[0])}`);
    head.push(`LUT_3D_SIZE ${source.size}`, `LUT_3D_INPUT_RANGE ${format(source.domainMin[0])} ${format(source.domainMax[0])}`, '');
    yield `${head.join('\n')}\n`;
    yield* rows(s.data, format);
    yield '\n';
  } else {
    head.push(`LUT_3D_SIZE ${source.size}`);
    if (!isUnitDomain(source.domainMin, source.domainMax)) {
      head.push(`DOMAIN_MIN ${source.domainMin.map(format).join(' ')}`, `DOMAIN_MAX ${source.domainMax.map(format).join(' ')}`);
    }
    head.push('');
    yield `${head.join('\n')}\n`;
  }
  yield* rows(source.data, format);
}

export function writeCube(lut: Lut3D, options: CubeWriteOptions = {}): string {
  return [...cubeChunks(lut, options)].join('');
}
