/** A LUT over one photo file, end to end: decode, grade on every core, encode, write atomically. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { PreparedLut } from '../lut/apply.js';
import { prepareLut } from '../lut/apply.js';
import type { Lut3D } from '../lut/lut.js';
import { DEFAULT_QUALITY } from '../../common/grade-defaults.js';
import { defaultLutWorkerPool, toSharedPixels } from '../lut/parallel-apply.js';
import type { LutWorkerPool } from '../lut/parallel-apply.js';
import type { Interpolation } from '../lut/sample.js';
import { ImageError, encodeImage, outputFormatForPath, readImage } from './image-io.js';

export interface ApplyImageOptions {
  readonly interpolation?: Interpolation;
  readonly strength?: number;
  readonly quality?: number;
  readonly bits?: 8 | 16;
  readonly pool?: LutWorkerPool;
}

export interface ApplyImageStats {
  readonly width: number;
  readonly height: number;
  readonly megapixels: number;
  /** Seconds spent in the LUT stage alone. */
  readonly lutSeconds: number;
  readonly totalSeconds: number;
}

async function samePath(a: string, b: string): Promise<boolean> {
  const resolve = async (p: string) => realpath(p).catch(() => path.resolve(p));
  return (await resolve(a)) === (await resolve(b));
}

export async function applyLutToImageFile(
  lut: Lut3D | PreparedLut,
  inputPath: string,
  outputPath: string,
  options: ApplyImageOptions = {},
): Promise<ApplyImageStats> {
  const started = performance.now();
  if (await samePath(inputPath, outputPath)) {
    throw new ImageError(path.basename(inputPath), 'refusing to overwrite the original photo with its graded copy', 'rejected');
  }
  const format = outputFormatForPath(outputPath);
  const prepared = 'applyTo' in lut ? lut : prepareLut(lut, { interpolation: options.interpolation, strength: options.strength });
  const image = await readImage(inputPath);
  const lutStarted = performance.now();
  const pixels = toSharedPixels(image.pixels);
  await (options.pool ?? defaultLutWorkerPool()).apply(prepared, pixels, image.channels);
  const lutSeconds = (performance.now() - lutStarted) / 1000;
  const bytes = await encodeImage({ ...image, pixels }, { format, quality: options.quality ?? DEFAULT_QUALITY, bits: options.bits });
  await writeFileAtomic(outputPath, bytes);
  return {
    width: image.width,
    height: image.height,
    megapixels: (image.width * image.height) / 1e6,
    lutSeconds,
    totalSeconds: (performance.now() - started) / 1000,
  };
}
