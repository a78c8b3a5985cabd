import { describe, expect, it } from 'vitest';
import { LUT_EXTENSIONS, WRITABLE_LUT_FORMATS } from '../../main/common/formats/lut-formats.js';
import { MODEL_EXTENSIONS } from '../../main/common/formats/model-formats.js';
import { FORMAT_CHOICES, PHOTO_FORMATS } from '../../main/common/formats/photo-formats.js';
import { EXPORT_FORMATS, PRESET_EXTENSIONS } from '../../main/common/formats/preset-files.js';
import { PRESET_KINDS, SORT_KEYS } from '../../main/common/vocabulary.js';
import { MAX_BAKE_SIZE } from '../../main/common/lattice-sizes.js';
import { runNilut } from '../support/cli.js';

/** A command's help as one line (commander wraps long descriptions). */
function help(...command: string[]): string {
  const run = runNilut([...command, '--help']);
  expect(run.code).toBe(0);
  return run.stdout.replace(/\s+/g, ' ');
}

const dotted = (extensions: readonly string[]) => extensions.map((e) => `.${e}`);

describe('the help names the registered formats', () => {
  it('library import: every extension the importer takes', () => {
    const text = help('library', 'import');
    for (const extension of dotted(PRESET_EXTENSIONS)) expect(text).toContain(extension);
    expect(text).not.toContain('.json');
  });

  it('library export and list: the formats written, the kinds and sort keys', () => {
    const text = help('library', 'export');
    for (const extension of dotted(EXPORT_FORMATS.flatMap((f) => f.extensions))) expect(text).toContain(extension);
    const list = help('library', 'list');
    for (const word of [...PRESET_KINDS, ...SORT_KEYS]) expect(list).toContain(word);
  });

  it('apply, info, convert and bake: what the readers read and the writers write', () => {
    for (const command of ['apply', 'info']) {
      const text = help(command);
      for (const extension of dotted([...LUT_EXTENSIONS, ...MODEL_EXTENSIONS])) expect(text, command).toContain(extension);
    }
    expect(help('apply')).toContain(
      PHOTO_FORMATS.map((f) => f.name)
        .slice(-2)
        .join(' or '),
    );
    for (const command of ['convert', 'bake', 'pair']) {
      const text = help(command);
      for (const extension of dotted(WRITABLE_LUT_FORMATS.flatMap((f) => f.extensions))) expect(text, command).toContain(extension);
    }
  });

  it('grade: every output format choice, and the largest bake', () => {
    const text = help('grade');
    expect(text).toContain(`${FORMAT_CHOICES.slice(0, -1).join(', ')} or ${FORMAT_CHOICES.at(-1)}`);
    expect(text).toContain(`..${MAX_BAKE_SIZE})`);
    const run = runNilut(['grade', 'x', '--out', 'y', '--lut', 'z.cube', '--size', String(MAX_BAKE_SIZE + 1)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`between 2 and ${MAX_BAKE_SIZE} for --size`);
  });
});
