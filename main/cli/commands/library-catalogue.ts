/**
 * `nilut library init|import|list|search|show|export`. Importing, exporting and the samples
 * read and write LUT images (sharp) and models (TensorFlow.js), so those modules are loaded
 * by the commands that need them: browsing the library starts in a fraction of that time.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { Cancelled } from '../../core/errors.js';
import { ReportedFailure } from '../errors.js';
import type { PresetFilter, PresetKind, SortKey } from '../../core/library/catalogue.js';
import { getPreset, listPresets } from '../../core/library/catalogue.js';
import { enqueueJob, pendingFitJobsFor, pendingLearnJobsFor } from '../../core/library/jobs.js';
import { learnedLookInModel } from '../../core/library/library-model.js';
import { getModel } from '../../core/library/models.js';
import { PRESET_KINDS, SORT_KEYS } from '../../common/vocabulary.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { DEFAULT_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { spoken } from '../../common/formats/file-format.js';
import { EXPORT_HELP, IMPORT_HELP } from '../format-help.js';
import { parseBlend } from '../blend-option.js';
import { colourStrengthOption, lookStrengthsOf, toneStrengthOption } from '../common-options.js';
import { integerInRange, oneOf } from '../option-parsers.js';
import { learnedLookText, presetDetails, presetLine } from '../presets-text.js';
import { withInterrupt } from '../signals.js';
import { withLibrary } from './with-library.js';

const presetId = integerInRange('preset id', 1, Number.MAX_SAFE_INTEGER);

/** A learned look for --json: its figures, not its code's bytes. */
function withoutCode<T extends { readonly code: Uint8Array }>(look: T): Omit<T, 'code'> {
  const { code: _code, ...figures } = look;
  return figures;
}

interface ExportCommandOptions {
  size?: number;
  blend?: number[];
  colourStrength: number;
  toneStrength: number;
  overwrite?: boolean;
}

interface ListOptions {
  kind?: PresetKind;
  tag?: string;
  collection?: string;
  favourite?: boolean;
  hasModel?: boolean;
  minRating?: number;
  sort?: SortKey;
  desc?: boolean;
  limit?: number;
}

function filterFrom(options: ListOptions, text?: string): PresetFilter {
  return {
    kind: options.kind,
    tag: options.tag,
    collection: options.collection,
    favourite: options.favourite,
    hasModel: options.hasModel,
    minRating: options.minRating,
    sort: options.sort,
    descending: options.desc,
    limit: options.limit,
    text,
  };
}

function listOptions(command: Command): Command {
  return command
    .option('--kind <kind>', spoken(PRESET_KINDS), oneOf('--kind', PRESET_KINDS))
    .option('--tag <tag>', 'only presets with this tag')
    .option('--collection <name>', 'only presets in this collection')
    .option('--favourite', 'only favourites')
    .option('--has-model', 'only presets with a learned model')
    .option('--min-rating <n>', 'only presets rated at least n', integerInRange('--min-rating', 0, 5))
    .option('--sort <key>', spoken(SORT_KEYS), oneOf('--sort', SORT_KEYS))
    .option('--desc', 'reverse the order')
    .option('--limit <n>', 'at most n presets', integerInRange('--limit', 1, 1_000_000))
    .option('--json', 'print JSON');
}

export function registerLibraryCatalogue(library: Command): void {
  library
    .command('init')
    .description('create the library if needed and add the bundled samples (a LUT, a 3-style model and a blend)')
    .option('--no-samples', 'create an empty library')
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, options: { samples: boolean }) => {
        const { installSamples } = await import('../../core/library/samples.js');
        const report = options.samples ? await installSamples(lib) : { presetIds: [], alreadyThere: false };
        out.result(
          { event: 'done', library: lib.dir, samples: report.presetIds, samplesAlreadyThere: report.alreadyThere },
          `library ${lib.dir}: ${report.alreadyThere ? 'samples already there' : `${report.presetIds.length} sample presets added`}`,
        );
      }),
    );

  library
    .command('import')
    .description('import LUT files, models, compact looks files or whole folders (recursive); the new LUTs are queued for learning')
    .argument('<paths...>', `files (${IMPORT_HELP}) or folders`)
    .option('--no-fit', 'do not queue learning the new LUTs')
    .option('--json', 'print JSON progress and result')
    .action(
      withLibrary(async (lib, out, paths: string[], options: { fit: boolean }) => {
        const jobId = enqueueJob(lib, 'import', { paths: paths.map((p) => path.resolve(p)), queueFits: options.fit });
        const { runJobNow } = await import('../../core/library/job-runner.js');
        const ended = await withInterrupt((signal) =>
          runJobNow(lib, jobId, {
            signal,
            onEvent: (e) =>
              e.type === 'progress' &&
              out.progress({ job: jobId, progress: e.progress, message: e.message }, `import ${(e.progress * 100).toFixed(0)}%  ${e.message}`),
          }),
        );
        if (ended.state === 'cancelled') throw new Cancelled(`import cancelled; run \`nilut library jobs run\` to finish it`);
        if (ended.state !== 'done') throw new Error(ended.error ?? `import ${ended.state}; run \`nilut library jobs run\` to finish it`);
        const result = ended.result as {
          imported: number;
          duplicates: number;
          failed: { file: string; error: string }[];
          skipped: number;
          learnJob: number | null;
        };
        for (const failure of result.failed) out.warn(failure.error);
        out.result(
          { event: 'done', job: jobId, ...result },
          `imported ${result.imported}, ${result.duplicates} already in the library, ${result.failed.length} failed, ${result.skipped} other files skipped` +
            (result.learnJob !== null ? `; learning queued as job ${result.learnJob} (run \`nilut library learn\`, or let the app learn them)` : ''),
        );
        // What was imported stays imported; the exit status says that not every file made it, as
        // `grade` does for a batch with failed photos (scripts check it, not the summary line).
        if (result.failed.length > 0) throw new ReportedFailure(`${result.failed.length} files could not be imported`);
      }),
    );

  listOptions(library.command('list').description('list presets with filters and sorting')).action(
    withLibrary((lib, out, options: ListOptions) => {
      const presets = listPresets(lib, filterFrom(options));
      out.result(presets, presets.length === 0 ? 'no presets' : presets.map(presetLine).join('\n'));
    }),
  );

  listOptions(library.command('search').description('full-text search over names, tags and notes').argument('<words...>', 'words (found inside words)')).action(
    withLibrary((lib, out, words: string[], options: ListOptions) => {
      const presets = listPresets(lib, filterFrom(options, words.join(' ')));
      out.result(presets, presets.length === 0 ? 'nothing found' : presets.map(presetLine).join('\n'));
    }),
  );

  library
    .command('show')
    .description('one preset in full, with its model and its learned look')
    .argument('<id>', 'preset id', presetId)
    .option('--json', 'print JSON')
    .action(
      withLibrary((lib, out, id: number) => {
        const preset = getPreset(lib, id);
        const model = preset.modelId !== null ? getModel(lib, preset.modelId) : undefined;
        const jobs = pendingFitJobsFor(lib, id);
        const look = preset.kind === 'lut' ? learnedLookInModel(lib, id) : undefined;
        const learnJobs = preset.kind === 'lut' && !look?.current ? pendingLearnJobsFor(lib, id) : [];
        const modelText = model
          ? `\n  model       ${model.architecture.styles || 1} style(s), H ${model.architecture.units}, L ${model.architecture.layers}, ${model.parameters} parameters\n  styles      ${model.styles.map((s) => s.name).join(', ')}`
          : '';
        const lookText = look ? `\n${learnedLookText(look)}` : preset.kind === 'lut' ? '\n  look        not learned yet' : '';
        out.result(
          { ...preset, model, pendingFitJobs: jobs, learnedLook: look ? withoutCode(look) : null, pendingLearnJobs: learnJobs },
          `${presetDetails(preset)}${modelText}${lookText}${learnJobs.length ? `\n  learn queued job ${learnJobs.join(', ')}` : ''}${jobs.length ? `\n  fit queued  job ${jobs.join(', ')}` : ''}`,
        );
      }),
    );

  library
    .command('export')
    .description(`export a preset as ${EXPORT_HELP}`)
    .argument('<id>', 'preset id', presetId)
    .argument('<file>', 'output file; its extension picks the format')
    .option(
      '--size <n>',
      `lattice points per axis (models bake at ${DEFAULT_BAKE_SIZE} unless told)`,
      integerInRange('--size', MIN_LATTICE_SIZE, MAX_LATTICE_SIZE),
    )
    .option('--blend <weights>', 'style weights for a multi-style model', parseBlend)
    .addOption(colourStrengthOption())
    .addOption(toneStrengthOption())
    .option('--overwrite', 'replace an existing file')
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, id: number, file: string, options: ExportCommandOptions) => {
        const { exportPreset } = await import('../../core/library/export.js');
        const result = await exportPreset(lib, id, file, { ...options, strengths: lookStrengthsOf(options) });
        out.result({ event: 'done', ...result }, `wrote ${result.file} (${result.format})`);
      }),
    );
}
