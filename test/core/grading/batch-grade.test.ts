import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryPathFor } from '../../../main/core/atomic-write.js';
import { applyLutToImageFile } from '../../../main/core/grading/apply-image.js';
import { gradeBatch } from '../../../main/core/grading/batch-grade.js';
import { planBatch } from '../../../main/core/grading/batch-plan.js';
import { readImage } from '../../../main/core/grading/image-io.js';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { ffmpegLut3d, rawRgb8, scratchDir } from '../../support/peers.js';
import { fixture } from '../../support/paths.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
let lut: Lut3D;
let shoot: string;

/** A shoot folder: real photos of every kind we must handle, plus files we must refuse. */
async function buildShoot(): Promise<string> {
  const dir = scratchDir('nilut-shoot-');
  for (const name of [
    'dog_exif_extended_xmp_icc.jpg',
    'paris_exif_xmp_icc_gainmap_bigendian.jpg',
    'weld_16bit.png',
    'kodim23.png',
    'pil_sample_cmyk.jpg',
    'libvips_sample_adobergb.jpg',
  ]) {
    copyFileSync(fixture('photos', name), path.join(dir, name));
  }
  const kodim = fixture('photos/kodim04.png');
  await sharp(kodim).greyscale().jpeg({ quality: 90 }).toFile(path.join(dir, 'grey.jpg'));
  await sharp(kodim).ensureAlpha(0.5).png().toFile(path.join(dir, 'alpha.png'));
  writeFileSync(path.join(dir, 'empty.jpg'), Buffer.alloc(0));
  writeFileSync(path.join(dir, 'corrupt.jpg'), readFileSync(fixture('photos/pineapple.jpeg')).subarray(0, 4000));
  writeFileSync(path.join(dir, 'notes.txt'), 'shot list\n');
  writeFileSync(path.join(dir, 'IMG_0042.CR2'), Buffer.from('II*\0'));
  return dir;
}

describe('batch grading a shoot', () => {
  let out: string;
  let summary: Awaited<ReturnType<typeof gradeBatch>>;
  const events: string[] = [];

  beforeAll(async () => {
    lut = (await readLutFile(LUT01)).lut;
    shoot = await buildShoot();
    out = path.join(scratchDir('nilut-graded-'), 'graded');
    const plan = planBatch([shoot], { out });
    summary = await gradeBatch(plan, lut, { onEvent: (e) => events.push(e.type) });
  });

  it('grades every photo, skips raw and non-images with a reason, and lists the files that failed', () => {
    expect(summary.graded).toBe(8);
    expect(summary.failed.map((f) => path.basename(f.input)).sort()).toEqual(['corrupt.jpg', 'empty.jpg']);
    expect(summary.failed.find((f) => f.input.endsWith('empty.jpg'))!.error).toBe('empty.jpg: is empty (0 bytes)');
    expect(summary.failed.find((f) => f.input.endsWith('corrupt.jpg'))!.error).toMatch(/^corrupt\.jpg: cannot be decoded/);
    expect(summary.skipped.map((s) => s.reason).sort()).toEqual([
      'IMG_0042.CR2: is a camera raw file: develop it to TIFF or JPEG first (raw files are not graded)',
      'notes.txt: is not a photo format this program grades (.txt)',
    ]);
    expect(events[0]).toBe('start');
    expect(events.filter((e) => e === 'file-done').length).toBe(8);
    expect(readdirSync(out).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(readdirSync(shoot).length).toBe(12);
  });

  it('gives each output the upright pixel size of its input', async () => {
    for (const name of readdirSync(out)) {
      const original = await sharp(path.join(shoot, name)).metadata();
      const upright =
        (original.orientation ?? 1) >= 5 ? { width: original.height, height: original.width } : { width: original.width, height: original.height };
      const graded = await sharp(path.join(out, name)).metadata();
      expect({ width: graded.width, height: graded.height }, name).toEqual(upright);
    }
  });

  it('grades each photo exactly as `nilut apply` does', async () => {
    const single = scratchDir('nilut-single-');
    for (const name of ['dog_exif_extended_xmp_icc.jpg', 'weld_16bit.png', 'alpha.png', 'grey.jpg', 'pil_sample_cmyk.jpg']) {
      await applyLutToImageFile(prepareLut(lut), path.join(shoot, name), path.join(single, name));
      const a = await readImage(path.join(out, name));
      const b = await readImage(path.join(single, name));
      expect(a.bits).toBe(b.bits);
      expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(b.pixels.buffer)), name).toBe(true);
    }
  });

  it('matches ffmpeg lut3d within one code value on a plain sRGB 8-bit photo', async () => {
    const ours = await rawRgb8(path.join(out, 'kodim23.png'));
    const theirs = await ffmpegLut3d(path.join(shoot, 'kodim23.png'), LUT01, 'tetrahedral');
    let worst = 0;
    for (let i = 0; i < ours.data.length; i++) worst = Math.max(worst, Math.abs(ours.data[i] - theirs[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('keeps EXIF (orientation reset), XMP and 16 bits; converts P3, Adobe RGB and CMYK to tagged sRGB; keeps alpha', async () => {
    const exif = JSON.parse(
      execFileSync('exiftool', ['-json', '-Make', '-Model', '-Orientation#', path.join(out, 'dog_exif_extended_xmp_icc.jpg')], { encoding: 'utf8' }),
    )[0] as Record<string, unknown>;
    const originalExif = JSON.parse(
      execFileSync('exiftool', ['-json', '-Make', '-Model', path.join(shoot, 'dog_exif_extended_xmp_icc.jpg')], { encoding: 'utf8' }),
    )[0] as Record<string, unknown>;
    expect(exif.Make).toBe(originalExif.Make);
    expect(exif.Model).toBe(originalExif.Model);
    expect(exif.Orientation).toBe(1);
    const xmpIn = (await sharp(path.join(shoot, 'dog_exif_extended_xmp_icc.jpg')).metadata()).xmp;
    const xmpOut = (await sharp(path.join(out, 'dog_exif_extended_xmp_icc.jpg')).metadata()).xmp;
    expect(xmpIn).toBeDefined();
    expect(xmpOut?.equals(xmpIn!)).toBe(true);
    expect((await sharp(path.join(out, 'weld_16bit.png')).metadata()).depth).toBe('ushort');
    for (const name of ['paris_exif_xmp_icc_gainmap_bigendian.jpg', 'libvips_sample_adobergb.jpg']) {
      const description = execFileSync('exiftool', ['-s3', '-ProfileDescription', path.join(out, name)], { encoding: 'utf8' }).trim();
      expect(description, name).toMatch(/sRGB/);
    }
    const cmyk = await sharp(path.join(out, 'pil_sample_cmyk.jpg')).metadata();
    expect(cmyk.space).toBe('srgb');
    const alphaIn = await sharp(path.join(shoot, 'alpha.png')).extractChannel(3).raw().toBuffer();
    const alphaOut = await sharp(path.join(out, 'alpha.png')).extractChannel(3).raw().toBuffer();
    expect(alphaOut.equals(alphaIn)).toBe(true);
  });

  it('with keepProfile grades the P3 values as they are and carries the P3 profile over', async () => {
    const keep = path.join(scratchDir('nilut-keep-'), 'out');
    const name = 'paris_exif_xmp_icc_gainmap_bigendian.jpg';
    const result = await gradeBatch(planBatch([path.join(shoot, name)], { out: keep }), lut, { keepProfile: true });
    expect(result.graded).toBe(1);
    const profile = (file: string) => execFileSync('exiftool', ['-s3', '-ProfileDescription', file], { encoding: 'utf8' }).trim();
    expect(profile(path.join(keep, name))).toBe(profile(path.join(shoot, name)));
    expect(profile(path.join(keep, name))).toMatch(/P3/);
    const converted = await readImage(path.join(out, name));
    const kept = await readImage(path.join(keep, name));
    let differ = 0;
    for (let i = 0; i < kept.pixels.length; i++) if (Math.abs(kept.pixels[i] - converted.pixels[i]) > 3) differ++;
    expect(differ).toBeGreaterThan(kept.pixels.length / 20);
  });
});

describe('planning a batch', () => {
  it('never writes into an input folder unless asked, and never replaces an original', () => {
    const dir = scratchDir('nilut-plan-');
    writeFileSync(path.join(dir, 'a.jpg'), '');
    expect(() => planBatch([dir], { out: dir })).toThrow(/holds the photos being graded/);
    const beside = planBatch([dir], { out: dir, intoInputFolder: true });
    expect(beside.tasks).toEqual([]);
    expect(beside.refused[0].reason).toMatch(/would replace an original photo/);
    const named = planBatch([dir], { out: dir, intoInputFolder: true, nameTemplate: '{name}_{preset}', presetName: 'Warm: v2' });
    expect(named.tasks.map((t) => path.basename(t.output))).toEqual(['a_Warm_ v2.jpg']);
  });

  it('mirrors the folder tree with recursive, refuses two inputs with one output, and maps formats', () => {
    const dir = scratchDir('nilut-plan-');
    writeFileSync(path.join(dir, 'a.jpg'), '');
    writeFileSync(path.join(dir, 'a.png'), '');
    execFileSync('mkdir', ['-p', path.join(dir, 'day2/raw')]);
    writeFileSync(path.join(dir, 'day2/b.tif'), '');
    const out = path.join(dir, 'out');
    const flat = planBatch([dir], { out, format: 'jpeg' });
    expect(flat.tasks.map((t) => path.relative(out, t.output))).toEqual(['a.jpg']);
    expect(flat.refused[0].reason).toMatch(/a\.png: its output a\.jpg is already the output of a\.jpg/);
    const tree = planBatch([dir], { out, recursive: true, format: 'same' });
    expect(tree.tasks.map((t) => [path.relative(out, t.output), t.format])).toEqual([
      ['a.jpg', 'jpeg'],
      ['a.png', 'png'],
      ['day2/b.tif', 'tiff'],
    ]);
  });
});

describe('an interrupted run', () => {
  it("leaves no partial files, and resuming with skip finishes the rest (and sweeps a crashed run's leftovers)", async () => {
    const dir = scratchDir('nilut-resume-');
    const photos = path.join(dir, 'in');
    execFileSync('mkdir', ['-p', photos]);
    for (let i = 0; i < 8; i++)
      await sharp(fixture('photos/kodim23.png'))
        .resize(1536 + i * 16)
        .jpeg()
        .toFile(path.join(photos, `p${i}.jpg`));
    const out = path.join(dir, 'out');
    const controller = new AbortController();
    const first = await gradeBatch(planBatch([photos], { out }), lut, {
      jobs: 1,
      signal: controller.signal,
      onEvent: (e) => e.type === 'file-done' && e.progress.done === 3 && controller.abort(),
    });
    expect(first).toMatchObject({ cancelled: true, graded: 3, notStarted: 5 });
    expect(readdirSync(out).sort()).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg']);
    // What a SIGKILL mid-write leaves behind: a temporary file whose writer has ended.
    writeFileSync(temporaryPathFor(path.join(out, 'p5.jpg'), spawnSync(process.execPath, ['-e', '']).pid), 'half a photo');
    const second = await gradeBatch(planBatch([photos], { out }), lut, { existing: 'skip' });
    expect(second.graded).toBe(5);
    expect(second.skipped.length).toBe(3);
    expect(readdirSync(out).sort()).toEqual(['p0.jpg', 'p1.jpg', 'p2.jpg', 'p3.jpg', 'p4.jpg', 'p5.jpg', 'p6.jpg', 'p7.jpg']);
    const third = await gradeBatch(planBatch([photos], { out }), lut, {});
    expect(third.failed.length).toBe(8);
    expect(third.failed[0].error).toMatch(/exists already; use --skip-existing to resume or --overwrite/);
    expect(existsSync(path.join(photos, 'p0.jpg'))).toBe(true);
  });
  it('measures the ETA on graded photos only: none while only skips have ended, then from the photos graded', async () => {
    const dir = scratchDir('nilut-eta-');
    const photos = path.join(dir, 'in');
    const out = path.join(dir, 'out');
    execFileSync('mkdir', ['-p', photos, out]);
    for (let i = 0; i < 6; i++)
      await sharp(fixture('photos/kodim23.png'))
        .jpeg()
        .toFile(path.join(photos, `p${i}.jpg`));
    for (let i = 0; i < 3; i++) writeFileSync(path.join(out, `p${i}.jpg`), 'graded before');
    const events: { type: string; eta: number; rate: number }[] = [];
    await gradeBatch(planBatch([photos], { out }), lut, {
      jobs: 1,
      existing: 'skip',
      onEvent: (e) => e.type !== 'start' && events.push({ type: e.type, eta: e.progress.etaSeconds, rate: e.progress.megapixelsPerSecond }),
    });
    const skips = events.filter((e) => e.type === 'file-skipped');
    expect(skips.length).toBe(3);
    expect(skips.every((e) => Number.isNaN(e.eta) && e.rate === 0)).toBe(true);
    const graded = events.filter((e) => e.type === 'file-done');
    expect(graded.length).toBe(3);
    // Two photos left after the first graded: about two photos' time, not a skip's.
    expect(graded[0].eta).toBeGreaterThan(0);
    expect(graded[0].rate).toBeGreaterThan(0);
    expect(graded.at(-1)!.eta).toBe(0);
  });
});
