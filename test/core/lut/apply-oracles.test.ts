/**
 * Our LUT application against real peers. ffmpeg's lut3d is the oracle for plain 3D .cube
 * files on 8-bit images; OpenColorIO 2.1 for shapers, input ranges, per-channel domains and
 * .3dl flavours, where ffmpeg 5.1 is known to misread files (see test/fixtures/luts/README.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyLutToPixels } from '../../../main/core/lut/apply.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fixture } from '../../support/paths.js';
import { ffmpegLut3d, maxAbsDiff, ocioBake, rawRgb8, scratchDir, writeRgbPng } from '../../support/peers.js';

const PLAIN_CUBES = [fixture('nilut-paper/LUT01.cube'), fixture('luts/cube/generated_grayscale_32.cube'), fixture('luts/cube/colour_Colour_Correct.cube')];
const PHOTOS = ['kodim04.png', 'kodim23.png', 'pineapple.jpeg', 'dog_exif_extended_xmp_icc.jpg'];

interface TestImage {
  name: string;
  png: string;
  data: Uint8Array;
}
const images: TestImage[] = [];

/** Every 8-bit level of each channel appears; colours spread over the whole cube. */
function randomColours(count: number, seed: number): Uint8Array {
  const data = new Uint8Array(count * 3);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return data;
}

beforeAll(async () => {
  const dir = scratchDir('nilut-oracle-');
  const random = randomColours(1024 * 1024, 7);
  const randomPng = path.join(dir, 'random.png');
  await writeRgbPng(randomPng, random, 1024, 1024);
  images.push({ name: 'random colours', png: randomPng, data: random });
  // A synthetic 24-megapixel frame: smooth gradients plus fine noise, like a real photo.
  const wide = new Uint8Array(6000 * 4000 * 3);
  const noise = randomColours(6000 * 4000, 11);
  for (let y = 0, o = 0; y < 4000; y++)
    for (let x = 0; x < 6000; x++, o += 3) {
      wide[o] = ((x * 255) / 5999 + (noise[o] & 7)) & 255;
      wide[o + 1] = ((y * 255) / 3999 + (noise[o + 1] & 7)) & 255;
      wide[o + 2] = (((x + y) * 255) / 9998 + (noise[o + 2] & 7)) & 255;
    }
  const widePng = path.join(dir, 'synthetic-24mp.png');
  await writeRgbPng(widePng, wide, 6000, 4000);
  images.push({ name: 'synthetic 24 MP', png: widePng, data: wide });
  for (const photo of PHOTOS) {
    // The photo's stored sRGB values as an RGB PNG, upright, so both tools see the same pixels.
    const png = path.join(dir, `${photo}.png`);
    await sharp(fixture('photos', photo)).autoOrient().toColourspace('srgb').removeAlpha().png({ compressionLevel: 1 }).toFile(png);
    images.push({ name: photo, png, data: (await rawRgb8(png)).data });
  }
}, 180_000);

describe.each(PLAIN_CUBES.map((f) => [path.basename(f), f]))('%s against ffmpeg lut3d', (_, lutFile) => {
  for (const interp of ['tetrahedral', 'trilinear'] as const) {
    it(`differs by at most 1 code value at any pixel (${interp})`, async () => {
      const { lut } = await readLutFile(lutFile);
      for (const image of images) {
        const ours = image.data.slice();
        applyLutToPixels(lut, ours, 3, { interpolation: interp });
        const theirs = await ffmpegLut3d(image.png, lutFile, interp);
        expect({ image: image.name, maxDiff: maxAbsDiff(ours, theirs) }).toEqual({ image: image.name, maxDiff: expect.any(Number) });
        expect(maxAbsDiff(ours, theirs), `${image.name}`).toBeLessThanOrEqual(1);
      }
    }, 180_000);
  }
});

describe('files ffmpeg misreads, against OpenColorIO 2.1', () => {
  // OCIO 2.1 evaluates these files with tetrahedral interpolation by default: measured here, the
  // .3dl files differ from our trilinear by up to 0.07 between lattice points and match our
  // tetrahedral to float precision.
  it.each([
    ['luts/cube/ocio_iridas_3d_domain.cube'],
    ['luts/cube/ocio_resolve_1d3d.cube'],
    ['luts/3dl/ocio_crosstalk_17.3dl'],
    ['luts/3dl/ocio_lustre_33x33x33.3dl'],
    ['luts/3dl/ocio_discreet_17.3dl'],
  ])('%s matches OCIO on a 33³ grid over [0,1]', async (file) => {
    const { lut } = await readLutFile(fixture(file));
    const baked = ocioBake(fixture(file), 33);
    const grid = identityLut(33).data;
    const ours = new Float32Array(grid.length);
    const out = [0, 0, 0];
    for (let o = 0; o < grid.length; o += 3) {
      sampleLut(lut, grid.subarray(o, o + 3), out, 'tetrahedral');
      ours.set(out, o);
    }
    expect(maxAbsDiff(ours, baked.data)).toBeLessThan(2e-4);
  });
});

describe('files neither peer reads right, against the specification', () => {
  it('colour_LogC_Video_shaper.cube: shaper entries and lattice corners map to their stored values', async () => {
    // ffmpeg 5.1 ignores LUT_1D_SIZE and reads the 16 shaper rows as lattice rows (white → 255,255,155);
    // OCIO 2.1 refuses TITLE in a Resolve shaper file. Derive the expected values from the file itself.
    const file = fixture('luts/cube/colour_LogC_Video_shaper.cube');
    const { lut } = await readLutFile(file);
    const rows = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => /^[-\d.]/.test(l.trim()))
      .map((l) => l.trim().split(/\s+/).map(Number));
    expect(lut.shaper?.size).toBe(16);
    const shaperRows = rows.slice(0, 16);
    const latticeRows = rows.slice(16);
    expect(latticeRows).toHaveLength(64);
    // Input x = k/15 hits shaper entry k exactly; its output then indexes the 4³ lattice.
    const out = [0, 0, 0];
    for (const k of [0, 15]) {
      const x = k / 15;
      sampleLut(lut, [x, x, x], out);
      const s = shaperRows[k];
      const expected = [0, 0, 0];
      sampleLut({ ...lut, shaper: undefined }, s, expected);
      for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(expected[c], 6);
    }
    // White through a shaper whose last entry is 1 lands on the last lattice row.
    sampleLut(lut, [1, 1, 1], out);
    if (shaperRows[15].every((v) => v === 1)) for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(latticeRows[63][c], 6);
  });

  it('colour_Three_Dimensional_Table_With_Shaper.cube: inputs at the input-range ends hit the table ends', async () => {
    // Both ffmpeg 5.1 and OCIO 2.1 refuse this file (comment lines between header keywords).
    const file = fixture('luts/cube/colour_Three_Dimensional_Table_With_Shaper.cube');
    const { lut } = await readLutFile(file);
    expect(lut.shaper).toMatchObject({ size: 10, domainMin: [-0.1, -0.1, -0.1], domainMax: [3, 3, 3] });
    const out = [0, 0, 0];
    const shaperLow = Array.from(lut.shaper!.data.subarray(0, 3));
    const expected = [0, 0, 0];
    sampleLut({ ...lut, shaper: undefined }, shaperLow, expected);
    sampleLut(lut, [-0.1, -0.1, -0.1], out);
    for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(expected[c], 6);
  });

  it('colour_eotf_sRGB_3D.cube: its lattice holds the sRGB EOTF over inputs -1..3 (ffmpeg and OCIO refuse the file)', async () => {
    // Both refuse LUT_1D_INPUT_RANGE on a file without a 1D table; colour-science, which wrote it,
    // means the table's input range. The expected values come from IEC 61966-2-1's EOTF itself,
    // whose linear segment colour-science applies to every input below 0.04045, negatives too.
    const { lut, warnings } = await readLutFile(fixture('luts/cube/colour_eotf_sRGB_3D.cube'));
    expect(warnings.some((w) => w.message.includes('LUT_1D_INPUT_RANGE'))).toBe(true);
    expect(lut.domainMin).toEqual([-1, -1, -1]);
    expect(lut.domainMax).toEqual([3, 3, 3]);
    const eotf = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const out = [0, 0, 0];
    const n = lut.size;
    for (let k = 0; k < n; k++) {
      const x = -1 + (4 * k) / (n - 1);
      sampleLut(lut, [x, x, x], out);
      for (let c = 0; c < 3; c++) expect(Math.abs(out[c] - eotf(x))).toBeLessThan(1e-5 * Math.max(1, Math.abs(eotf(x))));
    }
  });
});
