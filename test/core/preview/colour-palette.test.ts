import { describe, expect, it } from 'vitest';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { applyThroughPalette, buildPalette, gradedColours, mixThroughPalette, paletteScratch } from '../../../main/core/preview/colour-palette.js';
import { mixLuts } from '../../../main/core/lut/mix.js';
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
    applyThroughPalette(prepared, palette, pixels, out, paletteScratch(palette));
    expect(Buffer.from(out).equals(Buffer.from(direct))).toBe(true);
  });

  it('mixes looks through their graded colours as the mixed lattice grades, word-aligned or not', async () => {
    const source = await (await PreviewPhoto.open(fixture('photos/kodim23.png'))).pixelsAt(500);
    const palette = buildPalette(source.pixels)!;
    const looks = [roughLut(), identityLut(17)];
    looks[1].data.forEach((v, i) => (looks[1].data[i] = v * v));
    const weights = [0.65, 0.35];
    const expected = source.pixels.slice();
    prepareLut(mixLuts(looks.map((lut, i) => ({ lut, weight: weights[i] }))).lut, { strength: 0.8 }).applyTo(expected, 4);
    const terms = looks.map((lut, i) => ({ colours: gradedColours(prepareLut(lut), palette), weight: weights[i] }));
    const aligned = new Uint8Array(source.pixels.length);
    mixThroughPalette(terms, 0.8, palette, source.pixels, aligned, paletteScratch(palette));
    let worst = 0;
    for (let i = 0; i < aligned.length; i++) worst = Math.max(worst, Math.abs(aligned[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1);
    // A buffer one byte off a word boundary takes the byte-wide gather, to the same pixels.
    const shifted = new Uint8Array(new ArrayBuffer(source.pixels.length + 1), 1, source.pixels.length);
    shifted.set(source.pixels);
    const out = new Uint8Array(new ArrayBuffer(source.pixels.length + 1), 1, source.pixels.length);
    mixThroughPalette(terms, 0.8, palette, shifted, out, paletteScratch(palette));
    expect(Buffer.from(out).equals(Buffer.from(aligned))).toBe(true);
  });

  it('declines a picture whose colours are nearly all distinct', () => {
    const pixels = new Uint8Array(4096 * 4);
    for (let i = 0; i < 4096; i++) pixels.set([i & 255, i >> 8, (i * 7) & 255, 255], i * 4);
    expect(buildPalette(pixels)).toBeUndefined();
  });
});
