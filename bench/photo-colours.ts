/**
 * The photographs' colours the fidelity benchmarks measure on: about 50,000 pixels from each of
 * five real fixture photos (portrait, parrots, food, an Adobe RGB and a Display P3 camera file;
 * origins in test/fixtures/photos/README.md), sRGB-encoded as the images decode (ICC-converted
 * by image-io). None of them is used for learning.
 */
import path from 'node:path';
import { readImage } from '../main/core/grading/image-io.js';
import { FIXTURES } from './paths.js';

export const BENCH_PHOTOS = ['kodim04.png', 'kodim23.png', 'pineapple.jpeg', 'libvips_sample_adobergb.jpg', 'paris_exif_xmp_icc_gainmap_bigendian.jpg'];

export async function photoColours(perPhoto = 50_000): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (const name of BENCH_PHOTOS) {
    const image = await readImage(path.join(FIXTURES, 'photos', name));
    const count = image.width * image.height;
    const max = image.bits === 16 ? 65535 : 255;
    const stride = Math.max(1, Math.floor(count / perPhoto));
    const colours = new Float32Array(Math.ceil(count / stride) * 3);
    for (let i = 0, o = 0; i < count; i += stride, o += 3) for (let c = 0; c < 3; c++) colours[o + c] = image.pixels[i * image.channels + c] / max;
    parts.push(colours);
  }
  const all = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}
