/** `nilut fit <lut...> --out model.nilut`: learn a NILUT (one style) or a CNILUT (several). */
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readImagePair } from '../../core/lut/image-pair.js';
import { readLutFile } from '../../core/lut/lut-file.js';
import type { Lut3D } from '../../core/lut/lut.js';
import { fitLatticeFromPairs } from '../../core/lut/scattered-fit.js';
import { initBackend } from '../../core/nilut/backend.js';
import { DEFAULT_BAKE_SIZE } from '../../common/lattice-sizes.js';
import { fitNilut } from '../../core/nilut/fit.js';
import { FIT_DEFAULTS } from '../../core/nilut/fit-defaults.js';
import { fittedHeader, measureFit } from '../../core/nilut/fitted-model.js';
import { writeModelFile } from '../../core/nilut/model-file.js';
import type { StyleInfo } from '../../core/nilut/nilut-file.js';
import { UsageError } from '../errors.js';
import { LUT_HELP } from '../format-help.js';
import { integerInRange, numberInRange } from '../option-parsers.js';
import { createOutput } from '../output.js';
import { withInterrupt } from '../signals.js';

interface FitCommandOptions {
  out: string;
  pair?: string[];
  units: number;
  layers: number;
  steps?: number;
  batch: number;
  lr: number;
  seed: number;
  half?: boolean;
  json?: boolean;
}

interface Source {
  readonly lut: Lut3D;
  readonly style: StyleInfo;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * An image pair becomes a style through a regularised 33³ lattice first (scattered-fit.ts):
 * blends need every style's output at the same colours, and the lattice's smoothness term
 * keeps colours the photos never show under control.
 */
async function sourcesFrom(luts: readonly string[], pair: readonly string[] | undefined): Promise<Source[]> {
  const sources: Source[] = [];
  for (const file of luts) {
    const { lut } = await readLutFile(file);
    sources.push({ lut, style: { name: path.basename(file, path.extname(file)), sourceHash: await sha256(file) } });
  }
  if (pair) {
    if (pair.length !== 2) throw new UsageError('--pair takes two images: the one before the look and the one after');
    const fit = fitLatticeFromPairs(await readImagePair(pair[0], pair[1]), DEFAULT_BAKE_SIZE);
    sources.push({ lut: fit.lut, style: { name: path.basename(pair[1], path.extname(pair[1])), sourceHash: await sha256(pair[1]) } });
  }
  if (sources.length === 0) throw new UsageError('give at least one LUT file or --pair <before> <after>');
  return sources;
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description('learn a NILUT from LUT files (several LUTs make one multi-style model) or from an aligned image pair')
    .argument('[luts...]', `LUT files (${LUT_HELP}) — one style each`)
    .requiredOption('--out <file>', 'the .nilut model to write')
    .option('--pair <images...>', 'an aligned image pair: before and after the look')
    .option('--units <h>', 'hidden width H', integerInRange('--units', 8, 1024), FIT_DEFAULTS.units)
    .option('--layers <l>', 'hidden Linear(H,H) Tanh layers L', integerInRange('--layers', 0, 8), FIT_DEFAULTS.layers)
    .option('--steps <n>', `training steps (default ${FIT_DEFAULTS.steps} per style)`, integerInRange('--steps', 1, 1_000_000))
    .option('--batch <n>', 'colours per step', integerInRange('--batch', 16, 65536), FIT_DEFAULTS.batchSize)
    .option('--lr <x>', 'peak learning rate', numberInRange('--lr', 1e-6, 1), FIT_DEFAULTS.learningRate)
    .option('--seed <s>', 'random seed (same seed, same backend → same model)', integerInRange('--seed', 0, 2 ** 31 - 1), FIT_DEFAULTS.seed)
    .option('--half', 'store weights as float16 (half the bytes)')
    .option('--json', 'print JSON progress events and result')
    .action(async (lutFiles: string[], options: FitCommandOptions) => {
      const out = createOutput(Boolean(options.json));
      const sources = await sourcesFrom(lutFiles, options.pair);
      const backend = await initBackend();
      const interactive = !options.json && process.stderr.isTTY;
      const result = await withInterrupt((signal) =>
        fitNilut(
          sources.map((s) => s.lut),
          {
            architecture: { units: options.units, layers: options.layers },
            steps: options.steps,
            batchSize: options.batch,
            learningRate: options.lr,
            seed: options.seed,
            signal,
            onProgress: (e) => {
              const text = `step ${e.step}/${e.steps}  loss ${e.loss.toExponential(2)}  ${e.psnr.toFixed(1)} dB  ΔE2000 ${e.deltaE2000.toFixed(2)}  ETA ${Math.ceil(e.etaSeconds)} s`;
              if (interactive) process.stderr.write(`\r${text}`);
              else out.progress({ ...e }, text);
            },
          },
        ),
      );
      if (interactive) process.stderr.write('\n');
      const luts = sources.map((s) => s.lut);
      const metrics = await measureFit(result, luts);
      await writeModelFile(
        options.out,
        await result.model.readWeights(),
        fittedHeader(
          result,
          sources.map((s) => s.style),
          backend.name,
          metrics,
          options.half ? 'float16' : 'float32',
        ),
      );
      result.model.dispose();
      out.result(
        { event: 'done', output: options.out, seconds: result.seconds, backend: backend.name, architecture: result.settings.architecture, metrics },
        `wrote ${options.out}: ${sources.length} style${sources.length > 1 ? 's' : ''}, ${result.seconds.toFixed(1)} s on ${backend.name}, ` +
          `${metrics.psnr.toFixed(2)} dB, ΔE2000 mean ${metrics.deltaE2000.toFixed(3)} on a 17³ grid`,
      );
    });
}
