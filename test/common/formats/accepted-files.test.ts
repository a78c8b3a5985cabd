/**
 * The registries against the code that reads the files: for every extension a list offers (the
 * dialogs, the renderer's drops and picker, the importer's folder walk, the CLI's help), a real
 * file of it is read, imported or graded, and every extension we refuse is refused. The files are
 * the fixtures, renamed or re-encoded (by sharp, or ImageMagick for HEIC) where no fixture has
 * the extension.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionOf } from '../../../main/common/formats/file-format.js';
import { LUT_EXTENSIONS, WRITABLE_LUT_FORMATS } from '../../../main/common/formats/lut-formats.js';
import { IMPORTABLE_MODEL_EXTENSIONS, MODEL_EXTENSIONS } from '../../../main/common/formats/model-formats.js';
import { PHOTO_EXTENSIONS, RAW_EXTENSIONS, UNGRADED_PHOTO_KINDS } from '../../../main/common/formats/photo-formats.js';
import { PRESET_EXTENSIONS, presetKindOfName } from '../../../main/common/formats/preset-files.js';
import { planBatch } from '../../../main/core/grading/batch-plan.js';
import { readImage } from '../../../main/core/grading/image-io.js';
import { expandImportPaths, importPaths } from '../../../main/core/library/import.js';
import { lutFormatForPath, readLutFile, writeLutFile } from '../../../main/core/lut/lut-file.js';
import { readNetworkModelFile, writeModelFile } from '../../../main/core/nilut/model-file.js';
import { OPEN_FILTERS } from '../../../main/contract/file-filters.js';
import { importsFromFolder, photoDrop } from '../../../renderer/lib/dropped-files.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';
import { scratchDir } from '../../support/peers.js';

/** One real LUT per extension (and both image layouts), under names that say which. */
async function lutFiles(dir: string): Promise<Record<string, string>> {
  const files = {
    cube: path.join(dir, 'LUT01.cube'),
    '3dl': path.join(dir, 'lustre.3dl'),
    png: path.join(dir, 'hald.png'),
    tif: path.join(dir, 'hald.tif'),
    tiff: path.join(dir, 'square.tiff'),
  };
  copyFileSync(fixture('nilut-paper/LUT01.cube'), files.cube);
  copyFileSync(fixture('luts/3dl/ocio_lustre_33x33x33.3dl'), files['3dl']);
  copyFileSync(fixture('luts/hald/rawtherapee_HorrorBlue.png'), files.png);
  await sharp(fixture('luts/hald/rawtherapee_BleachBypass1.png')).tiff({ compression: 'lzw' }).toFile(files.tif);
  await sharp(fixture('luts/png-square64/gpuimage_lookup_amatorka.png')).tiff({ compression: 'lzw' }).toFile(files.tiff);
  return files;
}

/** One real model per extension: the paper's checkpoint as .pt and .pth, its JSON + .f32, and a .nilut of it. */
async function modelFiles(dir: string): Promise<Record<string, string>> {
  const files = {
    pt: path.join(dir, 'paper.pt'),
    pth: path.join(dir, 'paper.pth'),
    json: path.join(dir, 'nilutx3style.json'),
    nilut: path.join(dir, 'paper.nilut'),
  };
  copyFileSync(fixture('nilut-paper/nilutx3style.pt'), files.pt);
  copyFileSync(fixture('nilut-paper/nilutx3style.pt'), files.pth);
  copyFileSync(fixture('nilut-paper/nilutx3style.json'), files.json);
  copyFileSync(fixture('nilut-paper/nilutx3style.f32'), path.join(dir, 'nilutx3style.f32'));
  const { weights, styleNames } = await readNetworkModelFile(files.pt);
  await writeModelFile(files.nilut, weights, {
    dtype: 'float32',
    styles: styleNames.map((name) => ({ name })),
    created: '2024-01-01T00:00:00Z',
    software: 'test',
  });
  return files;
}

/** One real photo per extension we grade. */
async function photoFiles(dir: string): Promise<Record<string, string>> {
  const source = fixture('photos/kodim23.png');
  const files: Record<string, string> = {};
  for (const extension of PHOTO_EXTENSIONS) files[extension] = path.join(dir, `kodim23-${extension}.${extension}`);
  for (const extension of ['jpg', 'jpeg', 'jpe']) await sharp(source).jpeg().toFile(files[extension]);
  copyFileSync(source, files.png);
  await sharp(source).tiff().toFile(files.tif);
  await sharp(source).tiff().toFile(files.tiff);
  await sharp(source).webp().toFile(files.webp);
  await sharp(source).avif().toFile(files.avif);
  return files;
}

/** ImageMagick writes HEIC with HEVC, as cameras and phones do, where it has the encoder. */
function heicEncoder(): boolean {
  try {
    return /^\s*HEIC\*?\s+HEIC\s+rw/m.test(execFileSync('convert', ['-list', 'format'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

describe('every LUT extension', () => {
  let luts: Record<string, string>;
  beforeAll(async () => {
    luts = await lutFiles(scratchDir('nilut-luts-'));
  });

  it('has a real file the reader reads, and the importer takes', async () => {
    expect(Object.keys(luts).sort()).toEqual([...LUT_EXTENSIONS].sort());
    const formats = await Promise.all(LUT_EXTENSIONS.map(async (e) => (await readLutFile(luts[e])).format));
    expect(formats).toEqual(['cube', '3dl', 'hald', 'hald', 'square']);
    for (const file of Object.values(luts)) expect(presetKindOfName(file)).toBe('lut');
  });

  it('that we write is written in the format it names (a .tif Hald is a TIFF) and read back', async () => {
    const dir = scratchDir('nilut-written-');
    const { lut } = await readLutFile(luts.cube);
    const written = WRITABLE_LUT_FORMATS.flatMap((f) => f.extensions.map((e) => ({ format: f.id, file: path.join(dir, `out.${e}`) })));
    for (const { format, file } of written) {
      expect(lutFormatForPath(file)).toBe(format);
      expect(await writeLutFile(file, lut, format === 'hald' ? { size: 16 } : {})).toBe(format);
      expect((await readLutFile(file)).format).toBe(format);
    }
    const images = written.filter((w) => w.format === 'hald');
    expect(await Promise.all(images.map(async (w) => (await sharp(w.file).metadata()).format))).toEqual(
      images.map((w) => (extensionOf(w.file) === 'png' ? 'png' : 'tiff')),
    );
  });
});

describe('every model extension', () => {
  let models: Record<string, string>;
  beforeAll(async () => {
    models = await modelFiles(scratchDir('nilut-models-'));
  });

  it('has a real file the model reader reads', async () => {
    expect(Object.keys(models).sort()).toEqual([...MODEL_EXTENSIONS].sort());
    for (const extension of MODEL_EXTENSIONS) expect((await readNetworkModelFile(models[extension])).weights.architecture.styles, extension).toBe(3);
  });
});

describe('the library import', () => {
  const libraries = useTemporaryLibraries();
  let dir: string;
  let files: Record<string, string>;
  beforeAll(async () => {
    dir = scratchDir('nilut-import-');
    files = { ...(await lutFiles(dir)), ...(await modelFiles(dir)) };
    writeFileSync(path.join(dir, 'README.md'), 'a LUT pack\n');
    copyFileSync(fixture('photos/pineapple.jpeg'), path.join(dir, 'preview.jpg'));
    writeFileSync(path.join(dir, '.hidden.cube'), 'not walked');
  });

  it('takes from a folder exactly the extensions the dialog offers, and each imports', async () => {
    const walked = expandImportPaths([dir]);
    expect(new Set(walked.files.map(extensionOf))).toEqual(new Set(PRESET_EXTENSIONS));
    expect(walked.skipped.map((f) => path.basename(f)).sort()).toEqual(['README.md', 'nilutx3style.f32', 'nilutx3style.json', 'preview.jpg']);
    expect(OPEN_FILTERS.import?.extensions).toEqual(PRESET_EXTENSIONS);
    // The browser's drop walks a dropped folder with the same test.
    for (const file of [...walked.files, ...walked.skipped]) expect(importsFromFolder(path.basename(file)), file).toBe(walked.files.includes(file));
    expect(importsFromFolder('.hidden.cube')).toBe(false);

    // One library per file: the .pt and .pth are the same bytes, a duplicate in one library.
    for (const extension of PRESET_EXTENSIONS) {
      const report = await importPaths(libraries.open(), [files[extension]], { queueFits: false });
      expect(report.failed, extension).toEqual([]);
      expect(
        report.imported.map((i) => i.kind),
        extension,
      ).toEqual([IMPORTABLE_MODEL_EXTENSIONS.includes(extension) ? 'model' : 'lut']);
    }
  });
});

describe('grading', () => {
  let dir: string;
  let photos: Record<string, string>;
  beforeAll(async () => {
    dir = scratchDir('nilut-photos-');
    photos = await photoFiles(dir);
  });

  it('grades a real photo of every extension the dialogs and the renderer take for a photo', async () => {
    expect(OPEN_FILTERS.photo?.extensions).toEqual(PHOTO_EXTENSIONS);
    expect(OPEN_FILTERS['grade-inputs']?.extensions).toEqual(PHOTO_EXTENSIONS);
    const plan = planBatch([dir], { out: path.join(dir, 'out') });
    expect(plan.skipped).toEqual([]);
    expect(plan.tasks.map((t) => t.input).sort()).toEqual(Object.values(photos).sort());
    for (const file of Object.values(photos)) {
      expect((await readImage(file)).width, file).toBe(768);
      expect(photoDrop(file), file).toEqual({ open: true });
    }
  });

  it('skips every raw, Photoshop and HEIC extension with its reason, and the renderer refuses them with the same one', () => {
    const refused = scratchDir('nilut-refused-');
    const kinds = UNGRADED_PHOTO_KINDS.flatMap((k) => k.extensions.map((e) => ({ file: path.join(refused, `IMG_1.${e.toUpperCase()}`), reason: k.reason })));
    // Even bytes sharp would decode: the extension decides, as it does for a camera's raw (often TIFF-like).
    for (const { file } of kinds) copyFileSync(fixture('photos/pineapple.jpeg'), file);
    const plan = planBatch([refused], { out: path.join(refused, 'out') });
    expect(plan.tasks).toEqual([]);
    expect(plan.skipped.map((s) => s.reason).sort()).toEqual(kinds.map((k) => `${path.basename(k.file)}: ${k.reason}`).sort());
    for (const { file, reason } of kinds) expect(photoDrop(file)).toEqual({ open: false, reason });
    expect(RAW_EXTENSIONS).toEqual(expect.arrayContaining(['dng', 'cr2', 'nef', 'arw']));
    for (const file of ['notes.txt', 'look.cube']) expect(photoDrop(file)).toBeNull();
  });

  it.skipIf(!heicEncoder())("refuses HEIC because the bundled decoder cannot read a real one (ImageMagick's HEVC)", async () => {
    const heic = path.join(scratchDir('nilut-heic-'), 'phone.heic');
    execFileSync('convert', [fixture('photos/kodim23.png'), '-resize', '64x64', heic]);
    expect(readFileSync(heic).subarray(4, 12).toString('latin1')).toBe('ftypheic');
    // Should sharp ever decode HEVC, move heic/heif from UNGRADED_PHOTO_KINDS to PHOTO_FORMATS.
    await expect(readImage(heic)).rejects.toThrow(/phone\.heic/);
    expect(planBatch([heic], { out: path.join(path.dirname(heic), 'out') }).skipped).toHaveLength(1);
  });
});
