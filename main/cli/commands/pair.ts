/**
 * `nilut pair <before> <after> --out look.cube`: learn a lattice LUT from an aligned image pair;
 * with `--prior` (or `--library DIR`), as a correction of the library blend nearest to the pair
 * (core/match/pair-with-prior.ts), which keeps the library's look where the pair has no colours.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { readImagePair } from '../../core/lut/image-pair.js';
import type { Lut3D } from '../../core/lut/lut.js';
import { writeLutFile } from '../../core/lut/lut-file.js';
import { DEFAULT_BAKE_SIZE, MAX_BAKE_SIZE, MIN_LATTICE_SIZE } from '../../common/lattice-sizes.js';
import { fitLatticeFromPairs } from '../../core/lut/scattered-fit.js';
import { defaultLibraryDir } from '../../core/library/location.js';
import { openLibrary } from '../../core/library/library.js';
import { LibraryError } from '../../core/library/errors.js';
import { libraryLooks } from '../../core/match/library-looks.js';
import type { PairPriorProgress } from '../../core/match/pair-with-prior.js';
import { PAIR_PRIOR_DEFAULTS, fitPairWithPrior } from '../../core/match/pair-with-prior.js';
import type { ColourPairs } from '../../core/lut/image-pair.js';
import { LUT_WRITE_HELP } from '../format-help.js';
import { integerInRange } from '../option-parsers.js';
import type { Output } from '../output.js';
import { createOutput } from '../output.js';
import { withInterrupt } from '../signals.js';
import { InputLocations, refuseOutputOntoInput } from '../../core/output-safety.js';

interface PairCommandOptions {
  out: string;
  size: number;
  prior?: boolean;
  library?: string;
  json?: boolean;
}

const f2 = (v: number) => v.toFixed(2);

function progressPrinter(out: Output, interactive: boolean) {
  return (p: PairPriorProgress) => {
    const line =
      p.stage === 'looks'
        ? `matching the pair: [${p.done + 1}/${p.total}] ${p.name}`
        : p.stage === 'search'
          ? `searching blends of ${p.looks} looks`
          : p.stage === 'prior'
            ? `prior: [${p.done + 1}/${p.total}] ${p.name}`
            : `fitting the pair ${p.withPrior ? 'as a correction of the prior' : 'alone'} (${p.size}³)`;
    if (interactive) process.stderr.write(`\r\x1b[2K${line}`);
    else out.progress({ ...p }, line);
  };
}

/** The pair fitted as a correction of the library blend nearest to it; the library is closed after. */
async function fitWithLibraryPrior(pairs: ColourPairs, options: PairCommandOptions, out: Output) {
  const library = openLibrary(defaultLibraryDir(options.library));
  try {
    const looks = libraryLooks(library);
    if (looks.length === 0)
      throw new LibraryError(
        library.file,
        'has no looks to build a prior from: import some first (nilut library import <LUTs>), or run nilut pair without --prior',
        'rejected',
      );
    const interactive = !options.json && process.stderr.isTTY;
    const result = await withInterrupt((signal) => fitPairWithPrior(pairs, looks, options.size, { signal, onProgress: progressPrinter(out, interactive) }));
    if (interactive) process.stderr.write('\r\x1b[2K');
    for (const s of result.skipped) out.warn(`left out preset ${s.presetId} (${s.name}): ${s.error}`);
    return result;
  } finally {
    library.close();
  }
}

async function runPair(before: string, after: string, options: PairCommandOptions): Promise<void> {
  refuseOutputOntoInput(options.out, new InputLocations([before, after]), 'image');
  const out = createOutput(Boolean(options.json));
  const pairs = await readImagePair(before, after);
  const withPrior = options.prior || options.library !== undefined ? await fitWithLibraryPrior(pairs, options, out) : undefined;
  const fit = withPrior?.fit ?? fitLatticeFromPairs(pairs, options.size);
  const lut: Lut3D = { ...fit.lut, title: `Learned from ${path.basename(after)}` };
  await writeLutFile(options.out, lut, { size: options.size });
  const summary = `wrote ${options.out}: ${options.size}³ lattice from ${pairs.count} colour pairs (coverage ${(fit.coverage * 100).toFixed(1)}%, rms error ${(fit.rmse * 255).toFixed(2)}/255)`;
  const figures = { output: options.out, pairs: pairs.count, size: options.size, coverage: fit.coverage, rmse: fit.rmse };
  if (!withPrior) return out.result(figures, summary);
  const { prior, deltaE2000, usedPrior } = withPrior;
  const blend = prior.parts.map((p) => `${p.name}:${f2(p.weight)}`).join(',');
  const priorFigures = `ΔE2000 ${f2(prior.deltaE2000.mean)} mean, ${f2(prior.deltaE2000.p95)} p95 on the pair`;
  if (!usedPrior)
    out.warn(
      `the library blend nearest to the pair, ${blend}, is ${priorFigures}: more than ${PAIR_PRIOR_DEFAULTS.maxPriorDeltaE}, so the library does not know this look and the pair is fitted alone`,
    );
  out.result(
    { ...figures, prior: { parts: prior.parts, deltaE2000: prior.deltaE2000, used: usedPrior }, deltaE2000 },
    [
      ...(usedPrior ? [`prior: ${blend} (the library blend nearest to the pair: ${priorFigures})`] : []),
      `${summary}; ΔE2000 ${f2(deltaE2000.mean)} mean, ${f2(deltaE2000.p95)} p95 on the pair`,
    ].join('\n'),
  );
}

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
    .option(
      '--prior',
      `fit the pair as a correction of the library blend nearest to it, which keeps the library's look where the pair has no colours (used when that blend is within ΔE2000 ${PAIR_PRIOR_DEFAULTS.maxPriorDeltaE} of the pair)`,
    )
    .option('--library <dir>', "the library the prior comes from (implies --prior; default: $NILUT_LIBRARY, else the desktop app's library)")
    .option('--json', 'print the result as one JSON line (with a prior, its progress events come first, one line each)')
    .action(runPair);
}
