/** A LUT over one photo file, end to end: decode, grade on every core, encode, write atomically. */
import { writeFileAtomic } from '../atomic-write.js';
import { InputLocations, refuseOutputOntoInput } from '../output-safety.js';
import type { PreparedLut } from '../lut/apply.js';
import { prepareLut } from '../lut/apply.js';
import type { Lut3D } from '../lut/lut.js';
import { DEFAULT_QUALITY } from '../../common/grade-defaults.js';
import { defaultLutWorkerPool, toSharedPixels } from '../lut/parallel-apply.js';
import type { LutWorkerPool } from '../lut/parallel-apply.js';
import type { Interpolation } from '../lut/sample.js';
import { encodeImage, outputFormatForPath, readImage } from './image-io.js';

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

export async function applyLutToImageFile(
  lut: Lut3D | PreparedLut,
  inputPath: string,
  outputPath: string,
  options: ApplyImageOptions = {},
): Promise<ApplyImageStats> {
  const started = performance.now();
  refuseOutputOntoInput(outputPath, new InputLocations([inputPath]), 'original photo');
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
