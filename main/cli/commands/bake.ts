/** `nilut bake <model> [--blend w,...] --size 33 --out look.cube`: a NILUT blend as a plain LUT. */
import type { Command } from 'commander';
import { lutFormatForPath, writeLutFile } from '../../core/lut/lut-file.js';
import { MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { initBackend } from '../../core/nilut/backend.js';
import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE, bakeModel } from '../../core/nilut/bake.js';
import { readModelFile } from '../../core/nilut/model-file.js';
import { NilutModel } from '../../core/nilut/model.js';
import { parseBlend } from '../blend-option.js';
import { LUT_WRITE_HELP, MODEL_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';

export function registerBake(program: Command): void {
  program
    .command('bake')
    .description('bake a NILUT (optionally a blend of its styles) into a plain LUT; the extension picks the format')
    .argument('<model>', `a NILUT model (${MODEL_HELP})`)
    .requiredOption('--out <file>', `the LUT to write (${LUT_WRITE_HELP})`)
    .option('--blend <weights>', 'style weights, e.g. 0.2,0.3,0.5 (normalised to sum 1)', parseBlend)
    .option(
      '--size <n>',
      `lattice points per axis (${MIN_LATTICE_SIZE}..${MAX_BAKE_SIZE})`,
      integerInRange('--size', MIN_LATTICE_SIZE, MAX_BAKE_SIZE),
      DEFAULT_BAKE_SIZE,
    )
    .option('--json', 'print one JSON object')
    .action(async (modelFile: string, options: { out: string; blend?: number[]; size: number; json?: boolean }) => {
      await initBackend();
      const loaded = await readModelFile(modelFile);
      const model = new NilutModel(loaded.weights);
      const started = performance.now();
      const lut = await bakeModel(model, options.blend, options.size, loaded.styleNames.join(' + '));
      const seconds = (performance.now() - started) / 1000;
      model.dispose();
      const format = await writeLutFile(options.out, lut, { size: haldSize(options.out, options.size) });
      createOutput(Boolean(options.json)).result(
        { output: options.out, format, size: options.size, blend: options.blend ?? null, bakeSeconds: seconds },
        `wrote ${options.out} (${format}, ${options.size}³, baked in ${seconds.toFixed(2)} s)`,
      );
    });
}

/** Hald images need a square lattice; other formats take the baked size as it is. */
function haldSize(file: string, size: number): number | undefined {
  return lutFormatForPath(file) === 'hald' ? Math.round(Math.sqrt(size)) ** 2 : undefined;
}
