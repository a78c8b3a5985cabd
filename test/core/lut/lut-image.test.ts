import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LutParseError } from '../../../main/core/lut/errors.js';
import { writeHald } from '../../../main/core/lut/hald-write.js';
import { readLutImage } from '../../../main/core/lut/lut-image.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { applyLutToPixels } from '../../../main/core/lut/apply.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fixture } from '../../support/paths.js';
import { maxAbsDiff, rawRgb8, scratchDir } from '../../support/peers.js';

const HALDS = ['Fuji_Velvia_50', 'Kodak_Portra_400_2', 'Kodak_Kodachrome_64', 'Kodak_TRI-X_400_2', 'BleachBypass1', 'HorrorBlue'];

describe('Hald CLUT images', () => {
  it.each(HALDS)('reads rawtherapee_%s.png as a 144³ lattice (level 12)', async (name) => {
    const file = await readLutFile(fixture(`luts/hald/rawtherapee_${name}.png`));
    expect(file.format).toBe('hald');
    expect(file.lut.size).toBe(144);
    expect(file.lut.data.length).toBe(144 ** 3 * 3);
  });

  it('expands the single-channel TRI-X Hald to equal R, G and B', async () => {
    const { lut } = await readLutFile(fixture('luts/hald/rawtherapee_Kodak_TRI-X_400_2.png'));
    const grey = await sharp(fixture('luts/hald/rawtherapee_Kodak_TRI-X_400_2.png')).extractChannel(0).raw().toBuffer();
    for (const i of [0, 1000, 123456, 144 ** 3 - 1]) {
      for (let c = 0; c < 3; c++) expect(lut.data[i * 3 + c]).toBeCloseTo(grey[i] / 255, 6);
    }
  });

  it('reads the level-4 identity Hald as round(k·255/15)/255, red fastest', async () => {
    const { lut } = await readLutFile(fixture('luts/hald/pillowlut_hald4_identity.png'));
    expect(lut.size).toBe(16);
    for (let b = 0; b < 16; b++)
      for (let g = 0; g < 16; g++)
        for (let r = 0; r < 16; r++) {
          const o = ((b * 16 + g) * 16 + r) * 3;
          expect([lut.data[o], lut.data[o + 1], lut.data[o + 2]]).toEqual([r, g, b].map((k) => Math.fround(Math.round((k * 255) / 15) / 255)));
        }
  });

  it('grades like ffmpeg haldclut with the Hefe Hald (within 1 code value)', async () => {
    // ffmpeg's haldclut shares lut3d's options: tetrahedral interpolation by default.
    const hald = fixture('luts/hald/pillowlut_hald6_hefe.png');
    const photo = fixture('photos/pineapple.jpeg');
    const dir = scratchDir();
    const png = path.join(dir, 'in.png');
    await sharp(photo).toColourspace('srgb').png().toFile(png);
    const out = path.join(dir, 'ffmpeg.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', png, '-i', hald, '-filter_complex', '[0][1]haldclut', '-frames:v', '1', '-pix_fmt', 'rgb24', out]);
    const { lut } = await readLutFile(hald);
    const ours = (await rawRgb8(png)).data;
    applyLutToPixels(lut, ours, 3, { interpolation: 'tetrahedral' });
    expect(maxAbsDiff(ours, (await rawRgb8(out)).data)).toBeLessThanOrEqual(1);
  });

  it('round-trips exactly at 16 bits when the lattice fits the level', async () => {
    const lut = identityLut(36);
    const data = lut.data.map((v, i) => Math.min(1, Math.max(0, v * 0.9 + 0.05 * Math.sin(i))));
    const source = { ...lut, data };
    const back = await readLutImage(await writeHald(source, { level: 6, bits: 16 }), 'round-trip.png');
    expect(back.format).toBe('hald');
    expect(maxAbsDiff(back.lut.data, data)).toBeLessThanOrEqual(0.5 / 65535 + 1e-7);
    const eight = await readLutImage(await writeHald(source, { level: 6, bits: 8 }), 'round-trip-8.png');
    expect(maxAbsDiff(eight.lut.data, data)).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
  });

  it('writes a 33³ LUT as a level-6 Hald that agrees with the LUT at the Hald lattice', async () => {
    const { lut } = await readLutFile(fixture('nilut-paper/LUT01.cube'));
    const back = await readLutImage(await writeHald(lut), 'LUT01.png');
    expect(back.lut.size).toBe(36);
    const grid = identityLut(36).data;
    const expected = new Float32Array(grid.length);
    const out = [0, 0, 0];
    for (let o = 0; o < grid.length; o += 3) {
      sampleLut(lut, grid.subarray(o, o + 3), out);
      for (let c = 0; c < 3; c++) expected[o + c] = Math.min(1, Math.max(0, out[c]));
    }
    expect(maxAbsDiff(back.lut.data, expected)).toBeLessThanOrEqual(0.5 / 65535 + 1e-6);
  });
});

describe('square lookup images (the GPUImage / OBS layout)', () => {
  it('reads the GPUImage identity as an identity within 0.5/255 of round(k·255/63)', async () => {
    const { lut, format } = await readLutFile(fixture('luts/png-square64/gpuimage_lookup_identity.png'));
    expect(format).toBe('square');
    expect(maxAbsDiff(lut.data, identityLut(64).data)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('maps tile (bx, by) pixel (x, y) to lattice entry r=x, g=y, b=by·8+bx (hand derivation from the layout)', async () => {
    const file = fixture('luts/png-square64/gpuimage_lookup_amatorka.png');
    const { lut } = await readLutFile(file);
    const pixels = await sharp(file).removeAlpha().raw().toBuffer();
    for (const [x, y, bx, by] of [
      [0, 0, 0, 0],
      [63, 63, 7, 7],
      [10, 20, 3, 5],
      [33, 1, 6, 2],
    ]) {
      const src = ((by * 64 + y) * 512 + bx * 64 + x) * 3;
      const o = (((by * 8 + bx) * 64 + y) * 64 + x) * 3;
      for (let c = 0; c < 3; c++) expect(lut.data[o + c]).toBeCloseTo(pixels[src + c] / 255, 6);
    }
  });

  it.each(['generated_black_and_white.png', 'templelut_16.png', 'generated_teal_lows_orange_highs.png', 'gpuimage_lookup_miss_etikate.png'])(
    'reads %s (grey and palette PNGs expanded)',
    async (name) => {
      const { lut, format } = await readLutFile(fixture('luts/png-square64', name));
      expect(format).toBe('square');
      expect(lut.size).toBe(64);
    },
  );
});

describe('LUT image readers under bad input', () => {
  const valid = readFileSync(fixture('luts/hald/pillowlut_hald4_identity.png'));

  it('names a non-Hald image size', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    await expect(readLutImage(png, 'wrong.png')).rejects.toThrow(/wrong\.png.*30×20/);
  });

  it('only ever throws LutParseError for random and truncated bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.integer({ min: 0, max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
          fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
            const copy = Uint8Array.from(valid);
            copy[i] = v;
            return copy;
          }),
        ),
        async (bytes) => {
          try {
            const result = await readLutImage(bytes, 'fuzz.png');
            expect(result.lut.data.length).toBe(result.lut.size ** 3 * 3);
          } catch (error) {
            expect(error).toBeInstanceOf(LutParseError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
