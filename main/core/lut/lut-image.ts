/**
 * LUTs stored as images: Hald CLUTs (level³ × level³ pixels holding a level² lattice, red
 * fastest in raster order) and the 512×512 "square" lookup images of GPUImage and OBS (8×8
 * tiles of 64×64: red = x mod 64, green = y mod 64, blue = tile index, row-major).
 *
 * Pixels are read as stored: no colour management (a profile on a LUT image describes the
 * file, not the mapping), grey expanded to RGB, palettes expanded, alpha dropped.
 */
import type { Metadata } from 'sharp';
import sharp from 'sharp';
import { LutParseError } from './errors.js';
import type { LutReadResult } from './lut.js';
import { UNIT_MAX, UNIT_MIN, latticeArray } from './lut.js';
import { MAX_HALD_LEVEL, READ_LIMITS } from '../read-limits.js';

export interface DecodedLutImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 3 values in [0,1]. */
  readonly rgb: Float32Array;
  readonly bits: 8 | 16;
}

/** The problem with a LUT image whose dimensions are neither layout, from its header alone. */
function layoutProblem(width: number, height: number): string | undefined {
  if (haldLevel(width, height) !== null || (width === SQUARE_SIDE && height === SQUARE_SIDE)) return undefined;
  return `is ${width}×${height}: a Hald CLUT is level³ × level³ pixels for a level of 2..${MAX_HALD_LEVEL} (8×8, 27×27, 64×64, ...) and a square lookup image 512×512`;
}

/**
 * Decodes a LUT image after its header says it is one: the dimensions are read first (a few
 * bytes of the file) and an image of neither layout is refused before its pixels are decoded,
 * so a small file declaring 16383×16383 costs nothing. limitInputPixels holds libvips to the
 * largest Hald should a header lie.
 */
export async function decodeLutImage(bytes: Uint8Array, fileName: string): Promise<DecodedLutImage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw unreadable(fileName, error);
  }
  const problem = layoutProblem(meta.width ?? 0, meta.height ?? 0);
  if (problem) throw new LutParseError(fileName, problem);
  try {
    const sixteen = meta.depth === 'ushort';
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: READ_LIMITS.lutImagePixels })
      .keepIccProfile()
      .toColourspace(sixteen ? 'rgb16' : 'srgb')
      .removeAlpha()
      .raw(sixteen ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels after expansion to RGB`);
    const count = info.width * info.height * 3;
    // A Hald image's pixels are its lattice as they stand: shared when large, like every lattice.
    const rgb = latticeArray(count);
    if (sixteen) {
      for (let i = 0; i < count; i++) rgb[i] = data.readUInt16LE(i * 2) / 65535;
    } else {
      for (let i = 0; i < count; i++) rgb[i] = data[i] / 255;
    }
    return { width: info.width, height: info.height, rgb, bits: sixteen ? 16 : 8 };
  } catch (error) {
    throw unreadable(fileName, error);
  }
}

function unreadable(fileName: string, error: unknown): LutParseError {
  return new LutParseError(fileName, `is not a readable image (${((error as Error).message ?? String(error)).split('\n')[0]})`);
}

/** The Hald level of a width × height image, or null when it is not a Hald CLUT. */
export function haldLevel(width: number, height: number): number | null {
  if (width !== height) return null;
  const level = Math.round(Math.cbrt(width));
  return level ** 3 === width && level >= 2 && level <= MAX_HALD_LEVEL ? level : null;
}

export const SQUARE_SIDE = 512;
const SQUARE_LEVELS = 64;
const SQUARE_TILES = 8;

/**
 * 512×512 is both a square lookup image and a Hald of level 8, so the first pixel row decides:
 * across its eight 64-pixel blocks a Hald steps green (g = block), a square image steps blue
 * (b = tile). Whichever channel climbs more across the blocks names the layout.
 */
function looksLikeSquare(image: DecodedLutImage): boolean {
  // Ties (a grey look climbs equally in both) go to the square layout, the common 512×512 use.
  let greenRise = 0,
    blueRise = 0;
  for (let block = 1; block < SQUARE_TILES; block++) {
    const a = (block - 1) * SQUARE_LEVELS * 3,
      b = block * SQUARE_LEVELS * 3;
    greenRise += image.rgb[b + 1] - image.rgb[a + 1];
    blueRise += image.rgb[b + 2] - image.rgb[a + 2];
  }
  return !(greenRise > blueRise + 1e-3);
}

export function readHaldImage(image: DecodedLutImage, fileName: string): LutReadResult {
  const level = haldLevel(image.width, image.height);
  if (level === null) {
    throw new LutParseError(
      fileName,
      `is ${image.width}×${image.height}: a Hald CLUT is level³ × level³ pixels for a level of 2..${MAX_HALD_LEVEL} (8×8, 27×27, 64×64, ...)`,
    );
  }
  const size = level * level;
  // Raster order with red fastest is exactly our lattice order.
  return { lut: { size, data: image.rgb, domainMin: UNIT_MIN, domainMax: UNIT_MAX }, warnings: [] };
}

export function readSquareImage(image: DecodedLutImage, fileName: string): LutReadResult {
  if (image.width !== SQUARE_SIDE || image.height !== SQUARE_SIDE) {
    throw new LutParseError(fileName, `is ${image.width}×${image.height}: a square lookup image is 512×512`);
  }
  const n = SQUARE_LEVELS;
  const data = latticeArray(n * n * n * 3);
  for (let b = 0; b < n; b++) {
    const tileX = (b % SQUARE_TILES) * n,
      tileY = Math.floor(b / SQUARE_TILES) * n;
    for (let g = 0; g < n; g++) {
      for (let r = 0; r < n; r++) {
        const src = ((tileY + g) * SQUARE_SIDE + tileX + r) * 3;
        const dst = ((b * n + g) * n + r) * 3;
        data[dst] = image.rgb[src];
        data[dst + 1] = image.rgb[src + 1];
        data[dst + 2] = image.rgb[src + 2];
      }
    }
  }
  return { lut: { size: n, data, domainMin: UNIT_MIN, domainMax: UNIT_MAX }, warnings: [] };
}

/** Reads a LUT image of either layout; `format` says which it was. */
export async function readLutImage(bytes: Uint8Array, fileName: string): Promise<LutReadResult & { format: 'hald' | 'square' }> {
  const image = await decodeLutImage(bytes, fileName);
  const isHald = haldLevel(image.width, image.height) !== null;
  const isSquare = image.width === SQUARE_SIDE && image.height === SQUARE_SIDE;
  if (isSquare && (!isHald || looksLikeSquare(image))) return { ...readSquareImage(image, fileName), format: 'square' };
  return { ...readHaldImage(image, fileName), format: 'hald' };
}
