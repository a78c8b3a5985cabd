/** Writing any LUT as a Hald CLUT image, PNG or TIFF (16-bit by default, so nothing is lost to 8-bit rounding). */
import sharp from 'sharp';
import { expected } from '../errors.js';
import { LutWriteError } from './errors.js';
import type { Lut3D } from './lut.js';
import { identityLut } from './lut.js';
import { sampleLut } from './sample.js';

export interface HaldWriteOptions {
  /** Hald level 2..16 (lattice level², image level³ pixels square). */
  readonly level?: number;
  readonly bits?: 8 | 16;
  /** The image format (default PNG); a .tif/.tiff Hald is written as TIFF. */
  readonly encoding?: 'png' | 'tiff';
}

/** The smallest level whose lattice is at least as fine as the LUT's (capped at 16). */
export function defaultHaldLevel(lut: Lut3D): number {
  return Math.min(16, Math.max(2, Math.ceil(Math.sqrt(lut.size))));
}

/**
 * PNG (or TIFF) bytes of `lut` as a Hald image. A Hald covers inputs [0,1]; the LUT is sampled at the
 * Hald's own lattice (exact when the sizes match), and outputs are clamped to [0,1], which is
 * all an image can hold.
 */
export async function writeHald(lut: Lut3D, options: HaldWriteOptions = {}): Promise<Uint8Array> {
  const level = options.level ?? defaultHaldLevel(lut);
  const bits = options.bits ?? 16;
  if (!Number.isInteger(level) || level < 2 || level > 16)
    throw new LutWriteError('Hald image', expected('level', 'integer between 2 and 16', level), 'rejected');
  const size = level * level;
  const side = level ** 3;
  const grid = identityLut(size).data;
  const maxCode = bits === 16 ? 65535 : 255;
  const pixels = bits === 16 ? new Uint16Array(side * side * 3) : new Uint8Array(side * side * 3);
  const out = [0, 0, 0];
  const direct = lut.size === size && !lut.shaper && lut.domainMin.every((v) => v === 0) && lut.domainMax.every((v) => v === 1);
  for (let o = 0; o < grid.length; o += 3) {
    if (direct) {
      out[0] = lut.data[o];
      out[1] = lut.data[o + 1];
      out[2] = lut.data[o + 2];
    } else sampleLut(lut, grid.subarray(o, o + 3), out);
    for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(Math.min(1, Math.max(0, out[c])) * maxCode);
  }
  // sharp infers 16-bit raw input from a Uint16Array; a Buffer would be read as 8-bit.
  const image = sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).toColourspace(bits === 16 ? 'rgb16' : 'srgb');
  return (options.encoding === 'tiff' ? image.tiff({ compression: 'lzw', predictor: 'horizontal' }) : image.png({ compressionLevel: 9 })).toBuffer();
}
