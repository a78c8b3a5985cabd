/**
 * The looks of a library to match with: every preset but the target itself, each loaded when
 * the match reaches it (a LUT preset parses its stored file, a model or blend is baked once by
 * TensorFlow.js, loaded only then: preset-looks.ts). Saved mixes of presets are left out: a
 * mix is already a blend of the library's looks, which the search finds, and a blend of mixes
 * would name its looks twice over.
 */
import type { Preset } from '../library/catalogue.js';
import { listPresets } from '../library/catalogue.js';
import type { Library } from '../library/library.js';
import type { LookToMatch } from './match-look.js';

export function libraryLooks(library: Library, options: { exclude?: number } = {}): LookToMatch[] {
  const lookOf = (preset: Preset): LookToMatch => ({
    presetId: preset.id,
    name: preset.name,
    load: async () => (await import('../library/preset-looks.js')).latticeOfPreset(library, preset),
  });
  return listPresets(library)
    .filter((preset) => preset.id !== options.exclude && preset.kind !== 'mix')
    .map(lookOf);
}
