import { describe, expect, it } from 'vitest';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { applyThroughPalette, buildPalette } from '../../../main/core/preview/colour-palette.js';
import { PreviewPhoto } from '../../../main/core/preview/preview-photo.js';
import { fixture } from '../../support/paths.js';

/** A rough, deterministic LUT: every lattice value moved by up to ±0.2. */
function roughLut() {
  const lut = identityLut(17);
  for (let i = 0; i < lut.data.length; i++) lut.data[i] = Math.min(1, Math.max(0, lut.data[i] + 0.2 * Math.sin(i * 12.9898)));
  return lut;
}

describe('grading through a colour palette', () => {
  it('gives exactly the pixels a direct apply gives, alpha included, on a real photo', async () => {
    const source = await (await PreviewPhoto.open(fixture('photos/dog_exif_extended_xmp_icc.jpg'))).pixelsAt(600);
    const pixels = source.pixels.slice();
    for (let p = 3; p < pixels.length; p += 400) pixels[p] = p % 256;
    const palette = buildPalette(pixels)!;
    expect(palette.colours.length / 3).toBeLessThan(source.width * source.height * 0.6);
    const prepared = prepareLut(roughLut(), { strength: 0.7 });
    const direct = pixels.slice();
    prepared.applyTo(direct, 4);
    const out = new Uint8Array(pixels.length);
    applyThroughPalette(prepared, palette, pixels, out, new Uint8Array(palette.colours.length));
    expect(Buffer.from(out).equals(Buffer.from(direct))).toBe(true);
  });

  it('declines a picture whose colours are nearly all distinct', () => {
    const pixels = new Uint8Array(4096 * 4);
    for (let i = 0; i < 4096; i++) pixels.set([i & 255, i >> 8, (i * 7) & 255, 255], i * 4);
    expect(buildPalette(pixels)).toBeUndefined();
  });
});
