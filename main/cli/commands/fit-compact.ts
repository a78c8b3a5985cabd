/**
 * `nilut fit`'s default engine: every source learned as a compact look (compact/learn-look.ts)
 * on every core (learn-many.ts), all of them written as one compact looks file (.nilut format
 * 2). The file is written once every look is learned and faithful, atomically: a look further
 * from its LUT than COMPACT_DEFAULTS.failAboveMean, a LUT that cannot be learned or Ctrl-C
 * fails the command, naming the looks, and leaves --out as it was.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { COMPACT_DEFAULTS } from '../../core/compact/compact-defaults.js';
import type { LearnedLook } from '../../core/compact/learn-look.js';
import { learnLooks } from '../../core/compact/learn-many.js';
import { encodeLooksFile, storedFidelity } from '../../core/compact/looks-file.js';
import { NilutError } from '../../core/errors.js';
import { counted } from '../output.js';
import type { Output } from '../output.js';
import { withInterrupt } from '../signals.js';
import type { FitSource } from './fit-sources.js';

export interface CompactFitOptions {
  readonly out: string;
  /** The mean ΔE2000 goal on held-out colours; the p95 goal scales with it. */
  readonly goal: number;
  /** The largest lattice tried. */
  readonly maxSize: number;
}

/** The lattice sizes tried, smallest first: the defaults up to `max`, continued one by one past the last default. */
export function latticeSizesUpTo(max: number): number[] {
  const defaults: readonly number[] = COMPACT_DEFAULTS.sizes;
  if (max < defaults[0]) return [max];
  const last = defaults[defaults.length - 1];
  return [...defaults.filter((size) => size <= max), ...Array.from({ length: Math.max(0, max - last) }, (_, i) => last + 1 + i)];
}

/** One look as `nilut fit` reports it (the result's JSON and its line). */
function lookReport(name: string, look: LearnedLook) {
  const { mean, p95, max } = look.fidelity.photographic.deltaE2000;
  return { name, size: look.size, bytes: look.code.length, deltaE2000: { mean, p95, max }, metGoal: look.metGoal, seconds: look.seconds };
}

function lookLine(report: ReturnType<typeof lookReport>): string {
  const { mean, p95 } = report.deltaE2000;
  return (
    `${report.name}: ${report.size}³, ${report.bytes} bytes, ΔE2000 mean ${mean.toFixed(3)} p95 ${p95.toFixed(3)} on held-out colours, ` +
    `${report.metGoal ? 'goal met' : 'goal not met (the closest lattice tried)'}, ${report.seconds.toFixed(1)} s`
  );
}

/** Each look learned, in source order; throws, naming them, for looks that failed or are too far from their LUT. */
async function learnAll(sources: readonly FitSource[], options: CompactFitOptions, out: Output): Promise<LearnedLook[]> {
  const learned: Array<LearnedLook | undefined> = new Array(sources.length);
  const failures: string[] = [];
  const threads = Math.min(availableParallelism(), sources.length);
  await withInterrupt((signal) => {
    // Said once Ctrl-C is ours to handle, so that it always stops cleanly.
    out.progress({ type: 'start', looks: sources.length, threads }, `learning ${counted(sources.length, 'look')} on ${counted(threads, 'thread')}`);
    return learnLooks(
      sources.map((source, i) => ({ key: i, name: source.style.name, lut: source.lut })),
      {
        sizes: latticeSizesUpTo(options.maxSize),
        goalMean: options.goal,
        goalP95: options.goal * (COMPACT_DEFAULTS.goalP95 / COMPACT_DEFAULTS.goalMean),
        threads,
        signal,
        onLearned: (i, look, done, total) => {
          learned[i] = look;
          const report = lookReport(sources[i].style.name, look);
          out.progress({ type: 'look', done, total, ...report }, `[${done}/${total}] ${lookLine(report)}`);
        },
        // The error names the look already ("LUT01: the LUT gives no colour …").
        onFailed: (_i, error) => void failures.push(error.message),
      },
    );
  });
  learned.forEach((look, i) => {
    const mean = look?.fidelity.photographic.deltaE2000.mean ?? 0;
    if (mean > COMPACT_DEFAULTS.failAboveMean) {
      const limit = COMPACT_DEFAULTS.failAboveMean;
      failures.push(
        `${sources[i].style.name} is too far from its LUT: ΔE2000 mean ${mean.toFixed(2)} on held-out colours, over the limit of ${limit} (a larger --max-size may help)`,
      );
    }
  });
  if (failures.length > 0) throw new NilutError('rejected', `nothing was written to ${path.basename(options.out)}: ${failures.join('; ')}`);
  return learned as LearnedLook[];
}

export async function fitCompact(sources: readonly FitSource[], options: CompactFitOptions, out: Output): Promise<void> {
  const started = performance.now();
  const learned = await learnAll(sources, options, out);
  const bytes = encodeLooksFile(sources.map((source, i) => ({ ...source.style, fidelity: storedFidelity(learned[i].fidelity), code: learned[i].code })));
  await writeFileAtomic(options.out, bytes);
  const looks = learned.map((look, i) => lookReport(sources[i].style.name, look));
  const bytesPerLook = Math.round(bytes.length / looks.length);
  const seconds = (performance.now() - started) / 1000;
  out.result(
    { event: 'done', engine: 'compact', output: options.out, bytes: bytes.length, bytesPerLook, seconds, looks },
    [
      `wrote ${options.out}: ${counted(looks.length, 'look')}, ${bytes.length} bytes (${bytesPerLook} per look), ${seconds.toFixed(1)} s`,
      ...looks.map((look) => `  ${lookLine(look)}`),
    ].join('\n'),
  );
}
