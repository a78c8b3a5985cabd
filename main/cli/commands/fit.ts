/**
 * `nilut fit <lut...> --out looks.nilut`: learn each LUT as a compact look, all in one looks
 * file (fit-compact.ts, the default engine), or with `--engine network` a NILUT (one style) or
 * a CNILUT (several; fit-network.ts, loaded only then). Each engine's own options are refused
 * with the other.
 */
import type { Command } from 'commander';
import { COMPACT_DEFAULTS } from '../../core/compact/compact-defaults.js';
import { MAX_BAKE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { FIT_DEFAULTS } from '../../core/nilut/fit-defaults.js';
import { UsageError } from '../errors.js';
import { LUT_HELP } from '../format-help.js';
import { integerInRange, numberInRange, oneOf } from '../option-parsers.js';
import { createOutput } from '../output.js';
import { fitCompact } from './fit-compact.js';
import { fitSourcesFrom } from './fit-sources.js';
import { InputLocations, refuseOutputOntoInput } from '../../core/output-safety.js';

const ENGINES = ['compact', 'network'] as const;
type Engine = (typeof ENGINES)[number];

/** Each engine's own options, by commander's attribute name. */
const ENGINE_OPTIONS: Readonly<Record<Engine, readonly string[]>> = {
  compact: ['goal', 'maxSize'],
  network: ['units', 'layers', 'steps', 'batch', 'lr', 'seed', 'half'],
};

interface FitCommandOptions {
  out: string;
  pair?: string[];
  engine: Engine;
  goal: number;
  maxSize: number;
  units: number;
  layers: number;
  steps?: number;
  batch: number;
  lr: number;
  seed: number;
  half?: boolean;
  json?: boolean;
}

/**
 * Options of the other engine, given on the command line (commander tells a default from a
 * value given), are refused rather than silently ignored.
 */
function refuseOtherEngineOptions(command: Command, engine: Engine): void {
  const other = ENGINES.find((e) => e !== engine)!;
  const given = ENGINE_OPTIONS[other].filter((key) => {
    const source = command.getOptionValueSource(key);
    return source !== undefined && source !== 'default';
  });
  if (given.length === 0) return;
  const flags = given.map((key) => command.options.find((o) => o.attributeName() === key)?.long ?? key).join(', ');
  const applies = given.length === 1 ? 'applies' : 'apply';
  throw new UsageError(
    engine === 'compact'
      ? `${flags} ${applies} to --engine network only; the default engine, compact, takes --goal and --max-size`
      : `${flags} ${applies} to the compact engine only, not to --engine network`,
  );
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description(
      'learn LUT files (or an aligned image pair) as compact looks, one looks file of a few KB per look; ' +
        '--engine network learns a NILUT network instead (several LUTs make one multi-style model)',
    )
    .argument('[luts...]', `LUT files (${LUT_HELP}) — one look or style each`)
    .requiredOption('--out <file>', 'the .nilut to write: a compact looks file, or with --engine network a network model')
    .option('--pair <images...>', 'an aligned image pair: before and after the look')
    .option('--engine <engine>', `what to learn: ${ENGINES.join(' or ')}`, oneOf('--engine', ENGINES), 'compact')
    .option(
      '--goal <ΔE2000>',
      'compact: mean ΔE2000 goal on held-out colours; each look takes the smallest lattice that meets it',
      numberInRange('--goal', 0.01, COMPACT_DEFAULTS.failAboveMean),
      COMPACT_DEFAULTS.goalMean,
    )
    .option(
      '--max-size <n>',
      'compact: the largest lattice tried (points per axis)',
      integerInRange('--max-size', MIN_LATTICE_SIZE, MAX_BAKE_SIZE),
      COMPACT_DEFAULTS.sizes[COMPACT_DEFAULTS.sizes.length - 1],
    )
    .option('--units <h>', 'network: hidden width H', integerInRange('--units', 8, 1024), FIT_DEFAULTS.units)
    .option('--layers <l>', 'network: hidden Linear(H,H) Tanh layers L', integerInRange('--layers', 0, 8), FIT_DEFAULTS.layers)
    .option('--steps <n>', `network: training steps (default ${FIT_DEFAULTS.steps} per style)`, integerInRange('--steps', 1, 1_000_000))
    .option('--batch <n>', 'network: colours per step', integerInRange('--batch', 16, 65536), FIT_DEFAULTS.batchSize)
    .option('--lr <x>', 'network: peak learning rate', numberInRange('--lr', 1e-6, 1), FIT_DEFAULTS.learningRate)
    .option('--seed <s>', 'network: random seed (same seed, same backend → same model)', integerInRange('--seed', 0, 2 ** 31 - 1), FIT_DEFAULTS.seed)
    .option('--half', 'network: store weights as float16 (half the bytes)')
    .option('--json', 'print JSON progress events and result')
    .action(async (lutFiles: string[], options: FitCommandOptions, command: Command) => {
      refuseOtherEngineOptions(command, options.engine);
      refuseOutputOntoInput(options.out, new InputLocations([...lutFiles, ...(options.pair ?? [])]), 'source');
      const out = createOutput(Boolean(options.json));
      const sources = await fitSourcesFrom(lutFiles, options.pair);
      if (options.engine === 'compact') return fitCompact(sources, options, out);
      const { fitNetwork } = await import('./fit-network.js');
      await fitNetwork(sources, options, out);
    });
}
