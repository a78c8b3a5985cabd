/**
 * Aligned image pairs as colour pairs: an identity image (or a "before" photo) and the same
 * image after a look. Pixel i of one is the input for pixel i of the other. Values are read as
 * stored (no ICC conversion: both images share the encoding the look was applied in).
 */
import path from 'node:path';
import sharp from 'sharp';
import { LutParseError } from './errors.js';
import { BUDGETS, READ_LIMITS } from '../read-limits.js';
import type { FileErrorOf } from '../regular-file.js';
import { readRegularFile } from '../regular-file.js';

export interface ColourPairs {
  /** count × 3 sRGB-encoded values in [0,1]. */
  readonly inputs: Float32Array;
  /** count × 3 values: the inputs after the look. */
  readonly targets: Float32Array;
  readonly count: number;
}

interface Decoded {
  readonly rgb: Float32Array;
  readonly width: number;
  readonly height: number;
}

const pairFileError: FileErrorOf = (file, problem, reason) => new LutParseError(file, problem, undefined, reason);

async function decodeAsStored(file: string): Promise<Decoded> {
  const name = path.basename(file);
  const bytes = await readRegularFile(file, BUDGETS.photo, pairFileError);
  const limits = { limitInputPixels: READ_LIMITS.photoPixels };
  try {
    const meta = await sharp(bytes, limits).metadata();
    const sixteen = meta.depth === 'ushort';
    const { data, info } = await sharp(bytes, { ...limits, failOn: 'error' })
      .autoOrient()
      .keepIccProfile()
      .toColourspace(sixteen ? 'rgb16' : 'srgb')
      .removeAlpha()
      .raw(sixteen ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
    const count = info.width * info.height * 3;
    const rgb = new Float32Array(count);
    if (sixteen) for (let i = 0; i < count; i++) rgb[i] = data.readUInt16LE(i * 2) / 65535;
    else for (let i = 0; i < count; i++) rgb[i] = data[i] / 255;
    return { rgb, width: info.width, height: info.height };
  } catch (error) {
    throw new LutParseError(name, `is not a readable image (${((error as Error).message ?? String(error)).split('\n')[0]})`);
  }
}

/** A deterministic pseudo-random generator (mulberry32) so subsampling is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PairOptions {
  /** Keep at most this many pairs, drawn uniformly without replacement. */
  readonly maxPairs?: number;
  readonly seed?: number;
}

export async function readImagePair(identityPath: string, gradedPath: string, options: PairOptions = {}): Promise<ColourPairs> {
  const [before, after] = await Promise.all([decodeAsStored(identityPath), decodeAsStored(gradedPath)]);
  if (before.width !== after.width || before.height !== after.height) {
    throw new LutParseError(
      path.basename(gradedPath),
      `is ${after.width}×${after.height} but ${path.basename(identityPath)} is ${before.width}×${before.height}: an image pair must be aligned pixel for pixel`,
    );
  }
  const total = before.width * before.height;
  const keep = Math.min(total, options.maxPairs ?? total);
  if (keep === total) return { inputs: before.rgb, targets: after.rgb, count: total };
  // Partial Fisher–Yates: the first `keep` slots of a shuffled index list.
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  const random = seededRandom(options.seed ?? 1);
  const inputs = new Float32Array(keep * 3);
  const targets = new Float32Array(keep * 3);
  for (let i = 0; i < keep; i++) {
    const j = i + Math.floor(random() * (total - i));
    const pick = order[j];
    order[j] = order[i];
    order[i] = pick;
    inputs.set(before.rgb.subarray(pick * 3, pick * 3 + 3), i * 3);
    targets.set(after.rgb.subarray(pick * 3, pick * 3 + 3), i * 3);
  }
  return { inputs, targets, count: keep };
}
