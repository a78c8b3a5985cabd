/**
 * Grading a photo with the network itself, pixel by pixel (no lattice): the checking mode. It
 * is far slower than a baked LUT and exists to measure what baking costs.
 */
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { DEFAULT_QUALITY } from '../../common/grade-defaults.js';
import { ImageError, encodeImage, outputFormatForPath, readImage } from '../grading/image-io.js';
import type { NilutModel } from './model.js';
import { evaluateModel } from './model.js';

export async function applyModelDirect(
  model: NilutModel,
  weights: readonly number[],
  inputPath: string,
  outputPath: string,
  quality = DEFAULT_QUALITY,
): Promise<{ megapixels: number; seconds: number }> {
  const started = performance.now();
  if (path.resolve(inputPath) === path.resolve(outputPath))
    throw new ImageError(path.basename(inputPath), 'refusing to overwrite the original photo with its graded copy', 'rejected');
  const format = outputFormatForPath(outputPath);
  const image = await readImage(inputPath);
  const max = image.bits === 16 ? 65535 : 255;
  const count = image.width * image.height;
  const rgb = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = image.pixels[i * image.channels + c] / max;
  const out = await evaluateModel(model, rgb, weights);
  for (let i = 0; i < count; i++) for (let c = 0; c < 3; c++) image.pixels[i * image.channels + c] = Math.round(out[i * 3 + c] * max);
  await writeFileAtomic(outputPath, await encodeImage(image, { format, quality }));
  return { megapixels: count / 1e6, seconds: (performance.now() - started) / 1000 };
}
