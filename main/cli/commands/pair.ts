/** `nilut pair <before> <after> --out look.cube`: learn a lattice LUT from an aligned image pair. */
import type { Command } from 'commander';
import path from 'node:path';
import { readImagePair } from '../../core/lut/image-pair.js';
import { writeLutFile } from '../../core/lut/lut-file.js';
import { MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { fitLatticeFromPairs } from '../../core/lut/scattered-fit.js';
import { LUT_WRITE_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';
import { InputLocations, refuseOutputOntoInput } from '../../core/output-safety.js';

export function registerPair(program: Command): void {
  program
    .command('pair')
    .description('learn a LUT from an aligned image pair (an identity image or "before" photo, and the same image after the look)')
    .argument('<before>', 'the image before the look (e.g. an identity/hald image)')
    .argument('<after>', 'the same image after the look, pixel-aligned')
    .requiredOption('--out <file>', `the LUT to write (${LUT_WRITE_HELP})`)
    .option(
      '--size <n>',
      `lattice points per axis (${MIN_LATTICE_SIZE}..${MAX_BAKE_SIZE})`,
      integerInRange('--size', MIN_LATTICE_SIZE, MAX_BAKE_SIZE),
      DEFAULT_BAKE_SIZE,
    )
    .option('--json', 'print one JSON object')
    .action(async (before: string, after: string, options: { out: string; size: number; json?: boolean }) => {
      refuseOutputOntoInput(options.out, new InputLocations([before, after]), 'image');
      const pairs = await readImagePair(before, after);
      const fit = fitLatticeFromPairs(pairs, options.size);
      await writeLutFile(options.out, { ...fit.lut, title: `Learned from ${path.basename(after)}` }, { size: options.size });
      createOutput(Boolean(options.json)).result(
        { output: options.out, pairs: pairs.count, size: options.size, coverage: fit.coverage, rmse: fit.rmse },
        `wrote ${options.out}: ${options.size}³ lattice from ${pairs.count} colour pairs (coverage ${(fit.coverage * 100).toFixed(1)}%, rms error ${(fit.rmse * 255).toFixed(2)}/255)`,
      );
    });
}
