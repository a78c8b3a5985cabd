/** `nilut convert <in> <out> [--size N] [--overwrite]`: any readable LUT format to .cube, .3dl or Hald. */
import type { Command } from 'commander';
import path from 'node:path';
import { readLutFile, writeLutFile } from '../../core/lut/lut-file.js';
import { MAX_LATTICE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { InputLocations, refuseOutputOntoInput } from '../../core/output-safety.js';
import { colourStrengthOption, lookStrengthsOf, overwriteOption, refuseExistingOutputs, toneStrengthOption } from '../common-options.js';
import { withLookStrengths } from '../../core/lut/look-strengths.js';
import { LUT_HELP, LUT_WRITE_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';

interface ConvertOptions {
  size?: number;
  colourStrength: number;
  toneStrength: number;
  overwrite?: boolean;
  json?: boolean;
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('convert a LUT between formats; the output format follows the extension')
    .argument('<input>', `a LUT (${LUT_HELP})`)
    .argument('<output>', `the file to write (${LUT_WRITE_HELP})`)
    .option(
      '--size <n>',
      `lattice points per axis of the output (${MIN_LATTICE_SIZE}..${MAX_LATTICE_SIZE}; a Hald needs a square: 16, 25, 36, 64, ...)`,
      integerInRange('--size', MIN_LATTICE_SIZE, MAX_LATTICE_SIZE),
    )
    .addOption(colourStrengthOption())
    .addOption(toneStrengthOption())
    .addOption(overwriteOption())
    .option('--json', 'print one JSON object')
    .action(async (input: string, output: string, options: ConvertOptions) => {
      refuseOutputOntoInput(output, new InputLocations([input]), 'input');
      refuseExistingOutputs([output], options.overwrite);
      const out = createOutput(Boolean(options.json));
      const source = await readLutFile(input);
      for (const w of source.warnings) out.warn(`${path.basename(input)}${w.line ? `:${w.line}` : ''}: ${w.message}`);
      // With strengths, the faded look is made at the size asked for (else its own, 33..65): written without resampling again.
      const lut = withLookStrengths(source.lut, lookStrengthsOf(options), options.size);
      const format = await writeLutFile(output, lut, { size: options.size });
      out.result(
        {
          input,
          output,
          from: source.format,
          to: format,
          size: options.size ?? lut.size,
          colourStrength: options.colourStrength,
          toneStrength: options.toneStrength,
        },
        `wrote ${output} (${format}, from ${source.format})`,
      );
    });
}
