/** `nilut bake <model> [--blend w,...] --size 33 --out look.cube`: a NILUT blend, or a blend of compact looks, as a plain LUT. */
import type { Command } from 'commander';
import { blendLooks } from '../../core/compact/blend-looks.js';
import type { DecodedLook } from '../../core/compact/looks-file.js';
import { lutFormatForPath, writeLutFile } from '../../core/lut/lut-file.js';
import type { Lut3D } from '../../core/lut/lut.js';
import { resampleLut } from '../../core/lut/sample.js';
import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import type { LoadedModel } from '../../core/nilut/model-file.js';
import { readModelFile } from '../../core/nilut/model-file.js';
import { parseBlend } from '../blend-option.js';
import { LUT_WRITE_HELP, MODEL_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';
import { colourStrengthOption, lookStrengthsOf, toneStrengthOption } from '../common-options.js';
import { withLookStrengths } from '../../core/lut/look-strengths.js';
import { InputLocations, refuseOutputOntoInput } from '../../core/output-safety.js';

interface BakeOptions {
  out: string;
  blend?: number[];
  size: number;
  colourStrength: number;
  toneStrength: number;
  json?: boolean;
}

export function registerBake(program: Command): void {
  program
    .command('bake')
    .description('bake a NILUT or a compact looks file (optionally a blend of its styles or looks) into a plain LUT; the extension picks the format')
    .argument('<model>', `a NILUT model (${MODEL_HELP})`)
    .requiredOption('--out <file>', `the LUT to write (${LUT_WRITE_HELP})`)
    .option('--blend <weights>', 'style or look weights, e.g. 0.2,0.3,0.5 (normalised to sum 1)', parseBlend)
    .option(
      '--size <n>',
      `lattice points per axis (${MIN_LATTICE_SIZE}..${MAX_BAKE_SIZE})`,
      integerInRange('--size', MIN_LATTICE_SIZE, MAX_BAKE_SIZE),
      DEFAULT_BAKE_SIZE,
    )
    .addOption(colourStrengthOption())
    .addOption(toneStrengthOption())
    .option('--json', 'print one JSON object')
    .action(async (modelFile: string, options: BakeOptions) => {
      refuseOutputOntoInput(options.out, new InputLocations([modelFile]), 'model');
      const loaded = await readModelFile(modelFile);
      const started = performance.now();
      const baked = loaded.kind === 'looks' ? bakeLooks(loaded.looks, options.blend, options.size) : await bakeNetwork(loaded, options.blend, options.size);
      // At the size asked for, so the file carries the strengths at its own lattice.
      const lut = withLookStrengths(baked, lookStrengthsOf(options), options.size);
      const seconds = (performance.now() - started) / 1000;
      const format = await writeLutFile(options.out, lut, { size: haldSize(options.out, options.size) });
      createOutput(Boolean(options.json)).result(
        {
          output: options.out,
          format,
          size: options.size,
          blend: options.blend ?? null,
          colourStrength: options.colourStrength,
          toneStrength: options.toneStrength,
          bakeSeconds: seconds,
        },
        `wrote ${options.out} (${format}, ${options.size}³, baked in ${seconds.toFixed(2)} s)`,
      );
    });
}

/** Compact looks are lattices already: their blend, resampled (tetrahedral) to the size asked for. */
function bakeLooks(looks: readonly DecodedLook[], blend: readonly number[] | undefined, size: number): Lut3D {
  const lattices = looks.map((l) => l.lattice);
  return { ...resampleLut(blendLooks(lattices, blend), size), title: looks.map((l) => l.name).join(' + ') };
}

/**
 * The network evaluated at every lattice point; TensorFlow.js is loaded here, not at the top,
 * so baking compact looks (a resampling of their lattice) does not pay for it.
 */
async function bakeNetwork(loaded: LoadedModel, blend: readonly number[] | undefined, size: number): Promise<Lut3D> {
  const [{ initBackend }, { bakeModel }, { NilutModel }] = await Promise.all([
    import('../../core/nilut/backend.js'),
    import('../../core/nilut/bake.js'),
    import('../../core/nilut/model.js'),
  ]);
  await initBackend();
  const model = new NilutModel(loaded.weights);
  try {
    return await bakeModel(model, blend, size, loaded.styleNames.join(' + '));
  } finally {
    model.dispose();
  }
}

/** Hald images need a square lattice; other formats take the baked size as it is. */
function haldSize(file: string, size: number): number | undefined {
  return lutFormatForPath(file) === 'hald' ? Math.round(Math.sqrt(size)) ** 2 : undefined;
}
