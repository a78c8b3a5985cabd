import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionOf, extensionsOf } from '../../../main/common/formats/file-format.js';
import { LUT_EXTENSIONS, LUT_FORMATS } from '../../../main/common/formats/lut-formats.js';
import { IMPORTABLE_MODEL_EXTENSIONS, MODEL_EXTENSIONS } from '../../../main/common/formats/model-formats.js';
import { FORMAT_CHOICES, OUTPUT_FORMATS, PHOTO_EXTENSIONS, RAW_EXTENSIONS, UNGRADED_PHOTO_KINDS } from '../../../main/common/formats/photo-formats.js';
import { PRESET_EXTENSIONS, presetKindOfName } from '../../../main/common/formats/preset-files.js';
import { JOB_KINDS, JOB_STATES, PRESET_KINDS } from '../../../main/common/vocabulary.js';
import { OPEN_FILTERS } from '../../../main/contract/file-filters.js';
import { REPO_ROOT } from '../../support/paths.js';

const FORMATS_DIR = path.join(REPO_ROOT, 'main/common/formats');

describe('the format registries', () => {
  it("find a name's extension as Node's path.extname does, without Node", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z./]{0,12}$/), (name) => {
        expect(extensionOf(name)).toBe(path.posix.extname(name).slice(1).toLowerCase());
      }),
    );
    expect(extensionOf('C:\\Looks\\Warm.CUBE')).toBe('cube');
    expect(extensionOf('C:\\Looks.d\\README')).toBe('');
  });

  it('import nothing but each other, so a page can bundle them', () => {
    for (const file of readdirSync(FORMATS_DIR)) {
      const imports = [...readFileSync(path.join(FORMATS_DIR, file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      for (const target of imports) expect(target, `${file} imports ${target}`).toMatch(/^\.\/[a-z-]+\.js$/);
    }
  });

  it('declare each extension once per kind of file, lower-case and without its dot', () => {
    const kinds = [LUT_EXTENSIONS, MODEL_EXTENSIONS, PHOTO_EXTENSIONS, RAW_EXTENSIONS];
    for (const extensions of kinds) {
      expect(new Set(extensions).size).toBe(extensions.length);
      for (const e of extensions) expect(e).toMatch(/^[a-z0-9]+$/);
    }
    // Image LUTs share their extensions on purpose (the pixels tell a Hald from a square lookup); nothing else does.
    const byFormat = LUT_FORMATS.filter((f) => f.id !== 'square');
    expect(extensionsOf(byFormat).length).toBe(byFormat.flatMap((f) => f.extensions).length);
    const ungraded = UNGRADED_PHOTO_KINDS.flatMap((k) => k.extensions);
    expect(ungraded.filter((e) => PHOTO_EXTENSIONS.includes(e))).toEqual([]);
  });

  it('import LUTs and the models held in one file, and nothing else', () => {
    expect(PRESET_EXTENSIONS).toEqual([...LUT_EXTENSIONS, ...IMPORTABLE_MODEL_EXTENSIONS]);
    expect(IMPORTABLE_MODEL_EXTENSIONS).toEqual(['nilut', 'pt', 'pth']);
    // A .json model needs its .f32 beside it: read by path (the CLI), never imported.
    expect(MODEL_EXTENSIONS).toEqual(['nilut', 'pt', 'pth', 'json']);
    expect(presetKindOfName('Look.CUBE')).toBe('lut');
    expect(presetKindOfName('/models/styles.pth')).toBe('model');
    expect(presetKindOfName('nilutx3style.json')).toBeUndefined();
    expect(presetKindOfName('.cube')).toBeUndefined();
  });

  it('give the dialogs their filters', () => {
    expect(OPEN_FILTERS.import?.extensions).toEqual(PRESET_EXTENSIONS);
    expect(OPEN_FILTERS.photo?.extensions).toEqual(PHOTO_EXTENSIONS);
    expect(OPEN_FILTERS['grade-inputs']?.extensions).toEqual(PHOTO_EXTENSIONS);
    expect(OPEN_FILTERS['output-folder']).toBeNull();
  });

  it("offer every output format, and each photo's own, as a batch's format", () => {
    expect(FORMAT_CHOICES).toEqual(['same', 'jpeg', 'png', 'tiff', 'webp', 'avif']);
    expect(FORMAT_CHOICES.slice(1)).toEqual([...OUTPUT_FORMATS]);
  });
});

describe('the library vocabulary', () => {
  const migrations = path.join(REPO_ROOT, 'main/core/library/migrations');
  const sql = readdirSync(migrations)
    .sort()
    .map((f) => readFileSync(path.join(migrations, f), 'utf8'))
    .join('\n');
  /** The values a migration's CHECK (column IN (...)) allows, in the table's latest definition (a later migration may rebuild it). */
  const allowed = (table: string, column: string): string[] => {
    // A rebuild may create the table under another name and rename it (005's presets).
    const names = [table, ...[...sql.matchAll(new RegExp(String.raw`ALTER TABLE (\w+) RENAME TO ${table};`, 'g'))].map((m) => m[1])];
    const body = [...sql.matchAll(new RegExp(String.raw`CREATE TABLE (?:${names.join('|')}) \(([\s\S]*?)\n\);`, 'g'))].at(-1)?.[1] ?? '';
    const list = new RegExp(String.raw`CHECK \(${column} IN \(([^)]*)\)\)`).exec(body)?.[1] ?? '';
    return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  };

  it('is what the database allows', () => {
    expect(allowed('presets', 'kind')).toEqual([...PRESET_KINDS]);
    expect(allowed('jobs', 'kind')).toEqual([...JOB_KINDS]);
    expect(allowed('jobs', 'state')).toEqual([...JOB_STATES]);
  });
});
