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

function rows(data: Float32Array, format: (v: number) => string, out: string[]): void {
  for (let o = 0; o < data.length; o += 3) out.push(`${format(data[o])} ${format(data[o + 1])} ${format(data[o + 2])}`);
}

export function writeCube(lut: Lut3D, options: CubeWriteOptions = {}): string {
  // Resolve's input-range keywords hold one range for all channels; a shaper with per-channel
  // ranges cannot be written that way, so it is folded into the lattice instead.
  const shaperFits = lut.shaper && isUniform(lut.shaper.domainMin) && isUniform(lut.shaper.domainMax) && isUniform(lut.domainMin) && isUniform(lut.domainMax);
  const source = lut.shaper && !shaperFits ? resampleLut(lut, lut.size) : lut;
  const format = options.decimals === undefined ? float32Text : (v: number) => v.toFixed(options.decimals);
  const out: string[] = ['# Written by NILUT Studio'];
  const title = options.title ?? source.title;
  if (title) out.push(`TITLE "${title.replace(/"/g, "'")}"`);
  if (source.shaper) {
    const s = source.shaper;
    out.push(`LUT_1D_SIZE ${s.size}`, `LUT_1D_INPUT_RANGE ${format(s.domainMin[0])} ${format(s.domainMax[0])}`);
    out.push(`LUT_3D_SIZE ${source.size}`, `LUT_3D_INPUT_RANGE ${format(source.domainMin[0])} ${format(source.domainMax[0])}`, '');
    rows(s.data, format, out);
    out.push('');
  } else {
    out.push(`LUT_3D_SIZE ${source.size}`);
    if (!isUnitDomain(source.domainMin, source.domainMax)) {
      out.push(`DOMAIN_MIN ${source.domainMin.map(format).join(' ')}`, `DOMAIN_MAX ${source.domainMax.map(format).join(' ')}`);
    }
    out.push('');
  }
  rows(source.data, format, out);
  return `${out.join('\n')}\n`;
}
