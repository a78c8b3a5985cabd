import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyLutToImageFile } from '../../../main/core/grading/apply-image.js';
import { ImageError, readImage } from '../../../main/core/grading/image-io.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { fixture } from '../../support/paths.js';
import { scratchDir } from '../../support/peers.js';

const IDENTITY = identityLut(17);

function exiftool(file: string, ...tags: string[]): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-n', ...tags.map((t) => `-${t}`), file], { encoding: 'utf8' });
  return (JSON.parse(out) as Array<Record<string, unknown>>)[0];
}

describe('reading photos', () => {
  it('turns an EXIF orientation-6 camera JPEG upright (3024×4032)', async () => {
    const image = await readImage(fixture('photos/dog_exif_extended_xmp_icc.jpg'));
    expect([image.width, image.height]).toEqual([3024, 4032]);
  });

  it('keeps a 16-bit PNG at 16 bits', async () => {
    const image = await readImage(fixture('photos/weld_16bit.png'));
    expect(image.bits).toBe(16);
    expect(image.pixels).toBeInstanceOf(Uint16Array);
    // Real 16-bit data uses values that are not multiples of 257 (an 8-bit source scaled up would).
    expect(Array.from(image.pixels.subarray(0, 3000)).some((v) => v % 257 !== 0)).toBe(true);
  });

  it('expands grey and converts CMYK to three channels', async () => {
    expect((await readImage(fixture('photos/kodim03_grayscale_gamma1.6.png'))).channels).toBe(3);
    expect((await readImage(fixture('photos/pil_sample_cmyk.jpg'))).channels).toBe(3);
  });

  it('names a corrupt, an empty and a non-image file', async () => {
    const dir = scratchDir();
    const corrupt = path.join(dir, 'corrupt.jpg');
    writeFileSync(corrupt, readFileSync(fixture('photos/pineapple.jpeg')).subarray(0, 2000));
    const empty = path.join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    const text = path.join(dir, 'notes.png');
    writeFileSync(text, 'not an image at all');
    for (const [file, words] of [
      [corrupt, /corrupt\.jpg: cannot be decoded/],
      [empty, /empty\.jpg: is empty/],
      [text, /notes\.png/],
    ] as const) {
      const error = await readImage(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageError);
      expect((error as Error).message).toMatch(words);
    }
  });
});

describe('writing graded photos', () => {
  it('an identity LUT returns the exact 16-bit values of a 16-bit PNG', async () => {
    const out = path.join(scratchDir(), 'weld.png');
    await applyLutToImageFile(IDENTITY, fixture('photos/weld_16bit.png'), out);
    const original = await sharp(fixture('photos/weld_16bit.png')).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer();
    const graded = await sharp(out).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer();
    expect((await sharp(out).metadata()).depth).toBe('ushort');
    expect(graded.equals(original)).toBe(true);
  });

  it('keeps EXIF, XMP (and Extended XMP) and resets the orientation of a camera JPEG', async () => {
    const input = fixture('photos/dog_exif_extended_xmp_icc.jpg');
    const out = path.join(scratchDir(), 'dog.jpg');
    await applyLutToImageFile(IDENTITY, input, out);
    const before = exiftool(input, 'Software', 'XMPToolkit', 'HasExtendedXMP', 'DateTimeOriginal');
    const after = exiftool(
      out,
      'Software',
      'XMPToolkit',
      'HasExtendedXMP',
      'DateTimeOriginal',
      'Orientation',
      'ImageWidth',
      'ImageHeight',
      'ProfileDescription',
    );
    for (const key of ['Software', 'XMPToolkit', 'HasExtendedXMP', 'DateTimeOriginal']) expect(after[key]).toEqual(before[key]);
    expect(after.Orientation).toBe(1);
    expect([after.ImageWidth, after.ImageHeight]).toEqual([3024, 4032]);
    expect(after.ProfileDescription).toMatch(/sRGB/);
  });

  it('converts a Display P3 photo to sRGB and tags it sRGB', async () => {
    const input = fixture('photos/paris_exif_xmp_icc_gainmap_bigendian.jpg');
    const out = path.join(scratchDir(), 'paris.jpg');
    await applyLutToImageFile(IDENTITY, input, out, { quality: 100 });
    expect(exiftool(out, 'ProfileDescription').ProfileDescription).toMatch(/sRGB/);
    // Same pixels as sharp's own P3 → sRGB conversion, within JPEG re-encoding noise.
    const expected = await sharp(input).toColourspace('srgb').raw().toBuffer();
    const actual = await sharp(out).raw().toBuffer();
    let sum = 0;
    for (let i = 0; i < expected.length; i++) sum += Math.abs(expected[i] - actual[i]);
    expect(sum / expected.length).toBeLessThan(1.5);
  });

  it('leaves alpha untouched', async () => {
    const dir = scratchDir();
    const input = path.join(dir, 'alpha.png');
    const raw = Buffer.alloc(64 * 64 * 4);
    for (let i = 0; i < raw.length; i += 4) {
      raw[i] = i & 255;
      raw[i + 1] = 128;
      raw[i + 2] = 30;
      raw[i + 3] = (i >> 4) & 255;
    }
    await sharp(raw, { raw: { width: 64, height: 64, channels: 4 } })
      .png()
      .toFile(input);
    const out = path.join(dir, 'out.png');
    const invert = { ...IDENTITY, data: IDENTITY.data.map((v) => 1 - v) };
    await applyLutToImageFile(invert, input, out);
    const result = await sharp(out).raw().toBuffer();
    for (let i = 0; i < raw.length; i += 4) {
      expect(result[i + 3]).toBe(raw[i + 3]);
      expect(result[i]).toBe(255 - raw[i]);
    }
  });

  it('refuses to write over the original and leaves no partial file when decoding fails', async () => {
    const dir = scratchDir();
    const photo = path.join(dir, 'photo.jpg');
    writeFileSync(photo, readFileSync(fixture('photos/pineapple.jpeg')));
    await expect(applyLutToImageFile(IDENTITY, photo, photo)).rejects.toThrow(/original/);
    const broken = path.join(dir, 'broken.jpg');
    writeFileSync(broken, Buffer.from('broken'));
    await expect(applyLutToImageFile(IDENTITY, broken, path.join(dir, 'out.jpg'))).rejects.toBeInstanceOf(ImageError);
    expect(readdirSync(dir).sort()).toEqual(['broken.jpg', 'photo.jpg']);
    expect(existsSync(path.join(dir, 'out.jpg'))).toBe(false);
  });

  it.each(['png', 'tiff', 'webp', 'avif'])('writes %s output that decodes at the input size', async (format) => {
    const out = path.join(scratchDir(), `pineapple.${format}`);
    await applyLutToImageFile(IDENTITY, fixture('photos/pineapple.jpeg'), out);
    const meta = await sharp(out).metadata();
    expect([meta.format === 'heif' ? 'avif' : meta.format, meta.width, meta.height]).toEqual([format, 512, 320]);
  });
});
