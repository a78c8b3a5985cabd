import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/core/library/blob-store.js';
import { PreviewPhoto } from '../../../main/core/preview/preview-photo.js';
import { fixture } from '../../support/paths.js';

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'nilut-preview-'));

/** The RGB of pixel (x, y) of an RGBA buffer. */
function rgbAt(image: { width: number; pixels: Uint8Array }, x: number, y: number): number[] {
  const o = (y * image.width + x) * 4;
  return [image.pixels[o], image.pixels[o + 1], image.pixels[o + 2]];
}

describe('the preview photo', () => {
  it('honours EXIF orientation 6: a stored left-red/right-blue frame shows red on top, upright size', async () => {
    const stored = Buffer.alloc(40 * 20 * 3);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) stored.set(x < 20 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
    const jpeg = await sharp(stored, { raw: { width: 40, height: 20, channels: 3 } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const file = path.join(scratch(), 'rotated.jpg');
    writeFileSync(file, jpeg);
    const photo = await PreviewPhoto.open(file);
    expect(photo.info).toMatchObject({ name: 'rotated.jpg', width: 20, height: 40, hash: sha256Hex(jpeg) });
    const image = await photo.pixelsAt(100);
    expect([image.width, image.height]).toEqual([20, 40]);
    const [r1, , b1] = rgbAt(image, 10, 5);
    const [r2, , b2] = rgbAt(image, 10, 34);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
  });

  it('downscales to the longest edge asked for, never upscales, and keeps each size', async () => {
    const photo = await PreviewPhoto.open(fixture('photos/kodim23.png'));
    expect(photo.info).toMatchObject({ width: 768, height: 512 });
    const small = await photo.pixelsAt(300);
    expect([small.width, small.height]).toEqual([300, 200]);
    expect(small.pixels.length).toBe(300 * 200 * 4);
    const big = await photo.pixelsAt(4096);
    expect([big.width, big.height]).toEqual([768, 512]);
    expect(await photo.pixelsAt(300)).toBe(small);
  });

  it('converts a 16-bit PNG and a grey PNG to 8-bit RGBA', async () => {
    for (const name of ['weld_16bit.png', 'kodim03_grayscale_gamma1.6.png']) {
      const image = await (await PreviewPhoto.open(fixture('photos', name))).pixelsAt(64);
      expect(image.pixels).toBeInstanceOf(Uint8Array);
      expect(image.pixels.length).toBe(image.width * image.height * 4);
    }
  });

  it('refuses a truncated JPEG with an error naming the file', async () => {
    const file = path.join(scratch(), 'broken.jpg');
    writeFileSync(file, readFileSync(fixture('photos/pineapple.jpeg')).subarray(0, 4000));
    await expect(PreviewPhoto.open(file)).rejects.toThrow(/^broken\.jpg: cannot be decoded/);
  });

  it('refuses bytes that are not an image, and an empty or missing file, naming them', async () => {
    await expect(PreviewPhoto.fromBytes('notes.jpg', new TextEncoder().encode('not a photo at all'))).rejects.toThrow(
      'notes.jpg: is not an image format this program can read',
    );
    await expect(PreviewPhoto.fromBytes('empty.png', new Uint8Array(0))).rejects.toThrow('empty.png: is empty (0 bytes)');
    await expect(PreviewPhoto.open(path.join(scratch(), 'gone.jpg'))).rejects.toThrow('gone.jpg: cannot be read (ENOENT)');
  });
});
