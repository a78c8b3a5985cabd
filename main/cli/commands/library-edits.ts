/** `nilut library tag|fav|rate|rename|notes|collect|blend|rm`. */
import type { Command } from 'commander';
import { getPreset } from '../../core/library/catalogue.js';
import { LibraryError } from '../../core/library/errors.js';
import {
  addTags,
  addToCollection,
  createBlend,
  createMix,
  removeFromCollection,
  removePreset,
  removeTags,
  renamePreset,
  setFavourite,
  setNotes,
  setRating,
} from '../../core/library/preset-edits.js';
import { findPreset } from '../../core/library/find-preset.js';
import type { PresetWeight } from '../blend-option.js';
import { parseBlend, parseBlendPresets } from '../blend-option.js';
import { UsageError } from '../errors.js';
import { integerInRange } from '../option-parsers.js';
import { presetLine } from '../presets-text.js';
import { withLibrary } from './with-library.js';

const presetId = integerInRange('preset id', 1, Number.MAX_SAFE_INTEGER);
const printPreset = (out: { result(v: unknown, h: string): void }, preset: ReturnType<typeof getPreset>) => out.result(preset, presetLine(preset));

export function registerLibraryEdits(library: Command): void {
  library
    .command('tag')
    .description('add tags to a preset (or remove them with --remove)')
    .argument('<id>', 'preset id', presetId)
    .argument('<tags...>', 'tags')
    .option('--remove', 'remove these tags instead')
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out, id: number, tags: string[], options: { remove?: boolean }) =>
        printPreset(out, options.remove ? removeTags(lib, id, tags) : addTags(lib, id, tags)),
      ),
    );

  library
    .command('fav')
    .description('mark a preset as a favourite (or not, with --off)')
    .argument('<id>', 'preset id', presetId)
    .option('--off', 'no longer a favourite')
    .option('--json', 'print JSON')
    .action(withLibrary((lib, out, id: number, options: { off?: boolean }) => printPreset(out, setFavourite(lib, id, !options.off))));

  library
    .command('rate')
    .description('rate a preset from 0 to 5')
    .argument('<id>', 'preset id', presetId)
    .argument('<rating>', '0..5', integerInRange('rating', 0, 5))
    .option('--json', 'print JSON')
    .action(withLibrary((lib, out, id: number, rating: number) => printPreset(out, setRating(lib, id, rating))));

  library
    .command('rename')
    .description('rename a preset')
    .argument('<id>', 'preset id', presetId)
    .argument('<name>', 'new name')
    .option('--json', 'print JSON')
    .action(withLibrary((lib, out, id: number, name: string) => printPreset(out, renamePreset(lib, id, name))));

  library
    .command('notes')
    .description("set a preset's notes (searchable)")
    .argument('<id>', 'preset id', presetId)
    .argument('<text>', 'the notes')
    .option('--json', 'print JSON')
    .action(withLibrary((lib, out, id: number, text: string) => printPreset(out, setNotes(lib, id, text))));

  library
    .command('collect')
    .description('add a preset to a collection (created if new), or remove it with --remove')
    .argument('<id>', 'preset id', presetId)
    .argument('<collection>', 'collection name')
    .option('--remove', 'take it out of the collection')
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out, id: number, name: string, options: { remove?: boolean }) =>
        printPreset(out, options.remove ? removeFromCollection(lib, id, name) : addToCollection(lib, id, name)),
      ),
    );

  library
    .command('blend')
    .description("save a named blend: of a multi-style model preset's styles (<id> --weights), or of any presets (--presets)")
    .argument('[id]', 'model preset id (with --weights)', presetId)
    .option('--weights <w1,w2,...>', 'style weights of the model (normalised to sum to 1)', parseBlend)
    .option('--presets <looks>', 'presets of any kind by name or id with weights: "Velvia 50:0.6,Portra 400:0.4" (normalised)', parseBlendPresets)
    .requiredOption('--name <name>', 'the blend preset name')
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out, id: number | undefined, options: { weights?: number[]; presets?: PresetWeight[]; name: string }) => {
        if (options.presets) {
          if (id !== undefined || options.weights) throw new UsageError("give either <id> --weights (a model's styles) or --presets (any presets), not both");
          const sources = options.presets.map((p) => ({ presetId: findPreset(lib, p.idOrName).id, weight: p.weight }));
          printPreset(out, createMix(lib, options.name, sources));
          return;
        }
        if (id === undefined || !options.weights)
          throw new UsageError('give <id> --weights w1,w2,... (a model\'s styles) or --presets "A:0.6,B:0.4" (any presets)');
        const preset = getPreset(lib, id);
        if (preset.modelId === null)
          throw new LibraryError(
            lib.file,
            `preset ${id} (${preset.name}) is a ${preset.kind}, not a model: blend its styles from a model, or blend presets with --presets`,
            'rejected',
          );
        printPreset(out, createBlend(lib, preset.modelId, options.name, options.weights));
      }),
    );

  library
    .command('rm')
    .description('remove presets (a model takes its blends with it, any preset the blends of presets using it); stored files nothing else uses are deleted')
    .argument('<ids...>', 'preset ids', (raw: string, previous: number[] = []) => [...previous, presetId(raw)])
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out, ids: number[]) => {
        const reports = ids.map((id) => ({ id, name: getPreset(lib, id).name, ...removePreset(lib, id) }));
        out.result(
          reports,
          reports
            .map(
              (r) =>
                `removed ${r.id} ${r.name}${r.blendsRemoved.length ? ` and its blends ${r.blendsRemoved.join(', ')}` : ''} (${r.blobsCollected} stored files deleted)`,
            )
            .join('\n'),
        );
      }),
    );
}
