/**
 * Originals survive links (issue 19, class 6): every `nilut` command that writes is pointed, through
 * a real symbolic or hard link, at its own input, with --overwrite where it takes one. Each refuses
 * before writing, names the output and the input it leads to, exits non-zero (2 where the request
 * is wrong as a whole, as for an --out spelled the same as the input; 1 for a batch's per-photo
 * refusals), and the originals' bytes are unchanged. Also: convert, like apply, keeps an existing
 * output unless told --overwrite; and a temporary file a killed apply left is swept by the next.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryPathFor } from '../../main/core/atomic-write.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';
import { scratchDir } from '../support/peers.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
let photoBytes: Buffer;

beforeAll(async () => {
  photoBytes = await sharp(fixture('photos/kodim23.png')).resize(96).jpeg().toBuffer();
});

/** g/photos/{a,b}.jpg and g/alias → g/photos, as the tester built it. */
function shoot(): { photos: string; alias: string; originals: () => Record<string, Buffer> } {
  const dir = scratchDir('nilut-links-');
  const photos = path.join(dir, 'photos');
  mkdirSync(photos);
  for (const name of ['a.jpg', 'b.jpg']) writeFileSync(path.join(photos, name), photoBytes);
  const alias = path.join(dir, 'alias');
  symlinkSync(photos, alias);
  const originals = () => Object.fromEntries(readdirSync(photos).map((name) => [name, readFileSync(path.join(photos, name))]));
  return { photos, alias, originals };
}

function expectUntouched(originals: Record<string, Buffer>): void {
  expect(Object.keys(originals).sort()).toEqual(['a.jpg', 'b.jpg']);
  for (const bytes of Object.values(originals)) expect(bytes.equals(photoBytes)).toBe(true);
}

describe('nilut grade through a link', () => {
  it('refuses an --out that is a symlink to the photos folder, even with --overwrite', () => {
    const { photos, alias, originals } = shoot();
    const run = runNilut(['grade', photos, '--out', alias, '--overwrite', '--lut', LUT01]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the output folder ${alias} leads to ${photos} through a link or another spelling`);
    expect(run.stderr).toContain('holds the photos being graded');
    expectUntouched(originals());
  });

  it('refuses each photo whose output would replace its original, allowed into the input folder or through a hard link (exit 1)', () => {
    const { photos, alias, originals } = shoot();
    const beside = runNilut(['grade', photos, '--out', alias, '--into-input-folder', '--overwrite', '--lut', LUT01, '--json']);
    expect(beside.code).toBe(1);
    const done = jsonLines(beside.stdout).at(-1) as { graded: number; failed: { error: string }[] };
    expect(done.graded).toBe(0);
    expect(done.failed.map((f) => f.error)).toEqual([
      `a.jpg: its output ${path.join(alias, 'a.jpg')} would replace an original photo, ${path.join(photos, 'a.jpg')}, through a link or another spelling`,
      `b.jpg: its output ${path.join(alias, 'b.jpg')} would replace an original photo, ${path.join(photos, 'b.jpg')}, through a link or another spelling`,
    ]);
    expectUntouched(originals());

    const out = path.join(path.dirname(photos), 'graded');
    mkdirSync(out);
    linkSync(path.join(photos, 'a.jpg'), path.join(out, 'a.jpg'));
    const hard = runNilut(['grade', photos, '--out', out, '--overwrite', '--lut', LUT01, '--json']);
    expect(hard.code).toBe(1);
    const hardDone = jsonLines(hard.stdout).at(-1) as { graded: number; failed: { error: string }[] };
    expect(hardDone.graded).toBe(1);
    expect(hardDone.failed.map((f) => f.error)).toEqual([expect.stringContaining(`would replace an original photo, ${path.join(photos, 'a.jpg')},`)]);
    expectUntouched(originals());
  });
});

describe('nilut apply through a link', () => {
  it('refuses an output file or folder that leads to an original, even with --overwrite', () => {
    const { photos, alias, originals } = shoot();
    const photo = path.join(photos, 'a.jpg');
    const file = runNilut(['apply', LUT01, photo, '--out', path.join(alias, 'a.jpg'), '--overwrite']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(
      `refusing to overwrite the original photo ${photo}: the output ${path.join(alias, 'a.jpg')} leads to it through a link or another spelling`,
    );
    const folder = runNilut(['apply', LUT01, photo, path.join(photos, 'b.jpg'), '--out', alias, '--overwrite']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`refusing to overwrite the original photo ${photo}`);
    expectUntouched(originals());
  });
});

describe('nilut apply after a killed run', () => {
  it('removes the temporary file a SIGKILLed apply left beside the output it writes again', () => {
    const { photos } = shoot();
    const out = path.join(path.dirname(photos), 'graded.jpg');
    // What a SIGKILL between the temporary file's creation and its rename leaves: a writer that has ended.
    const leftover = temporaryPathFor(out, spawnSync(process.execPath, ['-e', '']).pid!);
    writeFileSync(leftover, 'half a photo');
    const run = runNilut(['apply', LUT01, path.join(photos, 'a.jpg'), '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(out)).toBe(true);
  });
});

describe('nilut convert', () => {
  /** cv/LUT01.cube and cvlink → cv. */
  function lutFolder(): { cube: string; link: string; original: Buffer } {
    const dir = scratchDir('nilut-links-');
    mkdirSync(path.join(dir, 'cv'));
    const cube = path.join(dir, 'cv', 'LUT01.cube');
    copyFileSync(LUT01, cube);
    symlinkSync(path.join(dir, 'cv'), path.join(dir, 'cvlink'));
    return { cube, link: path.join(dir, 'cvlink', 'LUT01.cube'), original: readFileSync(LUT01) };
  }

  it('refuses an output that leads to its input through a folder symlink, with or without --overwrite', () => {
    const { cube, link, original } = lutFolder();
    for (const extra of [[], ['--overwrite']]) {
      const run = runNilut(['convert', cube, link, '--size', '2', ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`refusing to overwrite the input ${cube}: the output ${link} leads to it through a link or another spelling`);
    }
    expect(readFileSync(cube).equals(original)).toBe(true);
  });

  it('keeps an existing output unless told --overwrite, as apply does', () => {
    const { cube } = lutFolder();
    const out = path.join(path.dirname(cube), 'small.cube');
    writeFileSync(out, 'keep me');
    const kept = runNilut(['convert', cube, out, '--size', '2']);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain(`${out} already exists: pass --overwrite to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const replaced = runNilut(['convert', cube, out, '--size', '2', '--overwrite']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('LUT_3D_SIZE 2');
  });
});

describe('nilut library export through a link', () => {
  it("refuses a destination that leads into the library's blob store or onto its database", () => {
    const dir = scratchDir('nilut-links-');
    const library = path.join(dir, 'library');
    expect(runNilut(['library', 'init', '--library', library]).code).toBe(0);
    const list = runNilut(['library', 'list', '--kind', 'lut', '--library', library, '--json']);
    const id = String((jsonLines(list.stdout).at(-1) as unknown as { id: number }[])[0].id);
    const blobsBefore = readdirSync(path.join(library, 'blobs'), { recursive: true }).length;
    symlinkSync(path.join(library, 'blobs'), path.join(dir, 'store'));
    const intoStore = runNilut(['library', 'export', id, path.join(dir, 'store', 'look.cube'), '--overwrite', '--library', library]);
    expect(intoStore.code).toBe(2);
    expect(intoStore.stderr).toContain(`refusing to write ${path.join(dir, 'store', 'look.cube')}: it leads into the library's blob store`);
    expect(readdirSync(path.join(library, 'blobs'), { recursive: true }).length).toBe(blobsBefore);

    symlinkSync(library, path.join(dir, 'lib-alias'));
    const database = path.join(dir, 'lib-alias', 'library.db');
    const onto = runNilut(['library', 'export', id, database, '--overwrite', '--library', library]);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain(`refusing to overwrite the library's own file ${path.join(library, 'library.db')}: the output ${database} leads to it`);
    // The looks file export goes through the same check (before it asks whether there are looks).
    const looks = runNilut(['library', 'export-looks', '--out', database, '--overwrite', '--library', library]);
    expect(looks.code).toBe(2);
    expect(looks.stderr).toContain(`refusing to overwrite the library's own file ${path.join(library, 'library.db')}`);
    expect(runNilut(['library', 'list', '--library', library]).code).toBe(0);
    expect(existsSync(path.join(dir, 'store', 'look.cube'))).toBe(false);
  });
});

describe('nilut fit, bake and pair', () => {
  /** lk/LUT01.cube, lk/look.nilut (LUT01 learned), and lklink → lk. */
  function looksFolder(): { dir: string; cube: string; model: string; link: string } {
    const dir = scratchDir('nilut-links-');
    mkdirSync(path.join(dir, 'lk'));
    const cube = path.join(dir, 'lk', 'LUT01.cube');
    copyFileSync(LUT01, cube);
    const model = path.join(dir, 'lk', 'look.nilut');
    expect(runNilut(['fit', cube, '--out', model]).code).toBe(0);
    symlinkSync(path.join(dir, 'lk'), path.join(dir, 'lklink'));
    return { dir, cube, model, link: path.join(dir, 'lklink') };
  }

  it('refuse to write their output onto one of their inputs through a link, and leave it as it was', () => {
    const { cube, model, link } = looksFolder();
    const before = { cube: readFileSync(cube), model: readFileSync(model) };
    const runs = [
      { args: ['fit', cube, '--out', path.join(link, 'LUT01.cube')], input: cube, what: 'source' },
      { args: ['bake', model, '--out', path.join(link, 'look.nilut'), '--size', '9'], input: model, what: 'model' },
      { args: ['pair', cube, model, '--out', path.join(link, 'LUT01.cube')], input: cube, what: 'image' },
    ];
    for (const { args, input, what } of runs) {
      const run = runNilut(args);
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`refusing to overwrite the ${what} ${input}: the output ${args[args.indexOf('--out') + 1]} leads to it through a link`);
    }
    expect(readFileSync(cube).equals(before.cube)).toBe(true);
    expect(readFileSync(model).equals(before.model)).toBe(true);
  });
});
