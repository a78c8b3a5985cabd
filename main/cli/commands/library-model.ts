/**
 * `nilut library stats|export-looks`: the library model (every current learned look as one
 * compact looks file) — how large it is against the LUT files it stands for, and writing it
 * out. Importing such a file is `nilut library import`.
 */
import type { Command } from 'commander';
import { countPresets, listPresets } from '../../core/library/catalogue.js';
import { unlearnedLutPresets } from '../../core/library/learned-looks.js';
import { exportLibraryModel, libraryModelSummary } from '../../core/library/library-model.js';
import { integerInRange } from '../option-parsers.js';
import { bytesText, libraryModelText } from '../presets-text.js';
import { withLibrary } from './with-library.js';

const presetIds = (raw: string, previous: number[] = []) => [...previous, integerInRange('preset id', 1, Number.MAX_SAFE_INTEGER)(raw)];

export function registerLibraryModel(library: Command): void {
  library
    .command('stats')
    .description('the library in numbers: presets, learned looks and the library model against the LUT files it stands for')
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out) => {
        const presets = countPresets(lib);
        const luts = listPresets(lib, { kind: 'lut' }).length;
        const unlearned = unlearnedLutPresets(lib).length;
        const model = libraryModelSummary(lib);
        out.result(
          { presets, lutPresets: luts, unlearnedLutPresets: unlearned, model },
          [
            `presets        ${presets} (${luts} LUTs, ${luts - unlearned} with a current learned look)`,
            libraryModelText(model),
            unlearned > 0 ? `not learned    ${unlearned} LUT${unlearned === 1 ? '' : 's'} (nilut library learn)` : undefined,
          ]
            .filter((line) => line !== undefined)
            .join('\n'),
        );
      }),
    );

  library
    .command('export-looks')
    .description('write learned looks as one compact looks file (.nilut format 2): names, source hashes, fidelity and look codes')
    .argument('[ids...]', 'LUT preset ids (default: every current learned look)', presetIds)
    .requiredOption('--out <file>', 'the looks file to write (.nilut)')
    .option('--overwrite', 'replace an existing file')
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, ids: number[] | undefined, options: { out: string; overwrite?: boolean }) => {
        const result = await exportLibraryModel(lib, options.out, { presetIds: ids && ids.length > 0 ? ids : undefined, overwrite: options.overwrite });
        out.result({ event: 'done', ...result }, `wrote ${result.file}: ${result.looks} look${result.looks === 1 ? '' : 's'}, ${bytesText(result.bytes)}`);
      }),
    );
}
