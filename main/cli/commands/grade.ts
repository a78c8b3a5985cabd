/** `nilut grade <folder|files...> --out DIR`: batch-grade photos with one look. */
import type { Command } from 'commander';
import path from 'node:path';
import type { GradeEvent } from '../../core/grading/batch-grade.js';
import { gradeBatch } from '../../core/grading/batch-grade.js';
import type { FormatChoice } from '../../common/formats/photo-formats.js';
import { FORMAT_CHOICES } from '../../common/formats/photo-formats.js';
import { DEFAULT_FORMAT_CHOICE, DEFAULT_NAME_TEMPLATE } from '../../common/grade-defaults.js';
import { planBatch } from '../../core/grading/batch-plan.js';
import type { LookSource } from '../../core/grading/look.js';
import { resolveLook } from '../../core/grading/look.js';
import { findPreset } from '../../core/library/find-preset.js';
import { openLibrary } from '../../core/library/library.js';
import { defaultLibraryDir } from '../../core/library/location.js';
import type { PresetWeight } from '../blend-option.js';
import { parseBlend, parseBlendPresets } from '../blend-option.js';
import { ReportedFailure, UsageError } from '../errors.js';
import { FORMAT_CHOICES_HELP, LUT_HELP, MODEL_HELP } from '../format-help.js';
import { integerInRange, oneOf } from '../option-parsers.js';
import { counted, createOutput, type Output } from '../output.js';
import { withInterrupt } from '../signals.js';
import { bakeSizeOption, colourStrengthOption, qualityOption, strengthOption, toneStrengthOption } from '../common-options.js';

interface GradeCommandOptions {
  out: string;
  preset?: string;
  lut?: string;
  model?: string;
  blend?: number[];
  blendPresets?: PresetWeight[];
  size: number;
  library?: string;
  strength: number;
  colourStrength: number;
  toneStrength: number;
  format: FormatChoice;
  quality: number;
  bits?: 8 | 16;
  name: string;
  recursive?: boolean;
  skipExisting?: boolean;
  overwrite?: boolean;
  intoInputFolder?: boolean;
  keepProfile?: boolean;
  jobs?: number;
  json?: boolean;
}

function lookSource(options: GradeCommandOptions, library: () => ReturnType<typeof openLibrary>): LookSource {
  const given = [options.preset, options.lut, options.model, options.blendPresets].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one look: --preset NAME|ID, --lut FILE, --model FILE or --blend-presets "A:0.6,B:0.4"');
  if (options.blend && options.lut) throw new UsageError('--blend applies to a model or a preset, not to --lut');
  if (options.blend && options.blendPresets) throw new UsageError('--blend weighs the styles of one model; --blend-presets carries its own weights');
  if (options.blendPresets) return mixSource(library(), options.blendPresets, options.size);
  if (options.lut) return { kind: 'lut', file: options.lut };
  if (options.model) return { kind: 'model', file: options.model, blend: options.blend, size: options.size };
  return { kind: 'preset', library: library(), idOrName: options.preset!, blend: options.blend, size: options.size };
}

/** `--blend-presets`: library presets of any kind, found by name or id, mixed by their weights. */
function mixSource(library: ReturnType<typeof openLibrary>, looks: readonly PresetWeight[], size: number): LookSource {
  const presets = looks.map((l) => ({ preset: findPreset(library, l.idOrName), weight: l.weight }));
  const twice = presets.find((p, i) => presets.findIndex((q) => q.preset.id === p.preset.id) !== i);
  if (twice) throw new UsageError(`--blend-presets names ${twice.preset.name} (id ${twice.preset.id}) twice: give each look once, with its whole weight`);
  return {
    kind: 'mix',
    library,
    sources: presets.map((p) => ({ presetId: p.preset.id, weight: p.weight })),
    name: presets.map((p) => p.preset.name).join(' + '),
    size,
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  return seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

function progressPrinter(out: Output, interactive: boolean) {
  return (event: GradeEvent) => {
    if (event.type === 'start') {
      out.progress(
        { type: 'start', total: event.total, skipped: event.skipped, tabulated: event.tabulated },
        `grading ${counted(event.total, 'photo')}${event.skipped ? ` (${counted(event.skipped, 'other file')} skipped)` : ''}`,
      );
      return;
    }
    const p = event.progress;
    const { type, ...rest } = event;
    const line = `[${p.done}/${p.total}] ${path.basename(event.input)}  ${p.megapixelsPerSecond.toFixed(1)} MP/s  ETA ${formatSeconds(p.etaSeconds)}`;
    if (interactive) {
      process.stderr.write(`\r\x1b[2K${line}`);
      if (type === 'file-failed') process.stderr.write(`\n${event.error}\n`);
    } else
      out.progress(
        { type, ...rest },
        type === 'file-failed' ? `${line}\n  failed: ${event.error}` : type === 'file-skipped' ? `${line}  (skipped: ${event.reason})` : line,
      );
  };
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .description('batch-grade folders of photos with one look (LUT, model blend or library preset); originals are never touched')
    .argument('<inputs...>', 'folders and/or photo files')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--preset <name|id>', 'a preset from the library')
    .option('--lut <file>', `a LUT file (${LUT_HELP})`)
    .option('--model <file>', `a NILUT model or a compact looks file (${MODEL_HELP})`)
    .option('--blend <weights>', 'style weights of a multi-style model or preset, or look weights of a looks file', parseBlend)
    .option(
      '--blend-presets <looks>',
      'a blend of library presets of any kind, by name or id with weights: "Velvia 50:0.6,Portra 400:0.4" (LUTs mix exactly; models are baked first)',
      parseBlendPresets,
    )
    .addOption(bakeSizeOption())
    .option('--library <dir>', "library folder for --preset (default: $NILUT_LIBRARY, else the app's library)")
    .addOption(strengthOption())
    .addOption(colourStrengthOption())
    .addOption(toneStrengthOption())
    .option('--format <f>', FORMAT_CHOICES_HELP, oneOf('--format', FORMAT_CHOICES), DEFAULT_FORMAT_CHOICE)
    .addOption(qualityOption())
    .option(
      '--bits <b>',
      'output bit depth for PNG/TIFF: 8 or 16 (default: as the input)',
      (raw: string) => Number(oneOf('--bits', ['8', '16'] as const)(raw)) as 8 | 16,
    )
    .option('--name <template>', 'output name without extension: {name}, {preset}, {n}', DEFAULT_NAME_TEMPLATE)
    .option('--recursive', 'grade subfolders too, mirroring the tree under --out')
    .option('--skip-existing', 'leave outputs that exist (resume an interrupted run)')
    .option('--overwrite', 'replace outputs that exist')
    .option('--into-input-folder', 'allow --out to be a folder of the inputs (results beside the originals)')
    .option('--keep-profile', "grade in the input's own colour encoding and keep its ICC profile (JPEG/PNG output), instead of converting to sRGB")
    .option('--jobs <n>', 'photos graded at once (default: one per core)', integerInRange('--jobs', 1, 64))
    .option('--json', 'print one JSON event per line')
    .action(async (inputs: string[], options: GradeCommandOptions) => {
      if (options.skipExisting && options.overwrite) throw new UsageError('--skip-existing and --overwrite contradict each other: choose one');
      const out = createOutput(Boolean(options.json));
      let library: ReturnType<typeof openLibrary> | undefined;
      try {
        const source = lookSource(options, () => (library = openLibrary(defaultLibraryDir(options.library))));
        const look = await resolveLook(source);
        for (const warning of look.warnings) out.warn(warning);
        // A plan the options make impossible throws BatchPlanError (reason 'invalid': exit 2).
        const plan = planBatch(inputs, {
          out: options.out,
          format: options.format,
          nameTemplate: options.name,
          presetName: look.name,
          recursive: options.recursive,
          intoInputFolder: options.intoInputFolder,
        });
        const interactive = !options.json && process.stderr.isTTY;
        const summary = await withInterrupt((signal) =>
          gradeBatch(plan, look.lut, {
            strength: options.strength,
            colourStrength: options.colourStrength,
            toneStrength: options.toneStrength,
            quality: options.quality,
            bits: options.bits,
            keepProfile: options.keepProfile,
            existing: options.skipExisting ? 'skip' : options.overwrite ? 'overwrite' : 'fail',
            jobs: options.jobs,
            signal,
            onEvent: progressPrinter(out, interactive),
          }),
        );
        if (interactive) process.stderr.write('\n');
        if (!options.json) {
          for (const skip of summary.skipped) process.stderr.write(`skipped: ${skip.reason}\n`);
          for (const failure of summary.failed) process.stderr.write(`failed: ${failure.error}\n`);
        }
        const text =
          `${summary.cancelled ? 'cancelled: ' : ''}graded ${counted(summary.graded, 'photo')} (${summary.megapixels.toFixed(1)} MP) in ${summary.seconds.toFixed(1)} s, ` +
          `${summary.megapixelsPerSecond.toFixed(1)} MP/s; ${summary.skipped.length} skipped, ${summary.failed.length} failed` +
          (summary.cancelled ? `; ${summary.notStarted} not started (run again with --skip-existing to finish)` : '');
        out.result({ event: 'done', look: look.name, ...summary }, text);
        if (summary.failed.length > 0 || summary.cancelled) throw new ReportedFailure(text);
      } finally {
        (library as ReturnType<typeof openLibrary> | undefined)?.close();
      }
    });
}
