/**
 * The learn job: the library's LUT presets learned as compact looks on every core
 * (learn-many.ts), each look saved in its own write as it arrives, so a run that is killed,
 * paused or cancelled keeps what it finished and, run again, learns only the rest: the job
 * chooses its presets when it starts, as those without a current look (learning is
 * deterministic, so a current look would only be learned again as itself).
 *
 * The fidelity gate: a look further from its LUT than COMPACT_DEFAULTS.failAboveMean (ΔE2000
 * mean) is not saved, any earlier look of that preset is kept, and once the others are done
 * the job fails naming each such look with its ΔE2000.
 */
import { COMPACT_DEFAULTS } from '../compact/compact-defaults.js';
import type { LearnedLook } from '../compact/learn-look.js';
import type { LearnManyOptions, LookToLearn } from '../compact/learn-many.js';
import { learnLooks } from '../compact/learn-many.js';
import { NilutError } from '../errors.js';
import type { Preset } from './catalogue.js';
import { getPreset } from './catalogue.js';
import type { Job } from './jobs.js';
import { cancelRequested, LearnJobPayload } from './jobs.js';
import { saveLearnedLook, unlearnedLutPresets } from './learned-looks.js';
import type { Library } from './library.js';
import { libraryModelSummary } from './library-model.js';
import type { LibraryModelSummary } from './library-model.js';
import { lutOfPreset } from './preset-looks.js';

/** Overrides for every learn job (tests learn from fewer colours on fewer lattice sizes). */
export type LearnOverrides = Pick<LearnManyOptions<number>, 'poolSize' | 'sizes' | 'threads'>;

export interface LearnJobResult {
  /** The presets whose looks this run saved. */
  readonly learned: number[];
  /** Presets asked for whose look was current already (or that were removed meanwhile). */
  readonly skipped: number;
  /** The library model after this run. */
  readonly model: LibraryModelSummary;
}

/** How often a running job looks for a cancel request made elsewhere (a look takes seconds). */
const CANCEL_POLL_MS = 500;

/** The presets this run learns: the ones asked for (or all LUT presets) that lack a current look. */
function presetsToLearn(library: Library, payload: LearnJobPayload): { presets: Preset[]; skipped: number } {
  const unlearned = unlearnedLutPresets(library);
  if (!payload.presetIds) return { presets: unlearned.map((id) => getPreset(library, id)), skipped: 0 };
  const lacking = new Set(unlearned);
  const asked = [...new Set(payload.presetIds)];
  const presets = asked.filter((id) => lacking.has(id)).map((id) => getPreset(library, id));
  return { presets, skipped: asked.length - presets.length };
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Each failure names its look: "Noise: ΔE2000 12.41, above 3". */
function describeFailures(failures: readonly string[], total: number): string {
  return `${failures.length} of ${total} looks ${failures.length === 1 ? 'was' : 'were'} not saved: ${failures.join('; ')}`;
}

export async function runLearn(
  library: Library,
  job: Job,
  overrides: LearnOverrides | undefined,
  signal: AbortSignal,
  report: (progress: number, message: string) => void,
): Promise<LearnJobResult> {
  const { presets, skipped } = presetsToLearn(library, LearnJobPayload.parse(job.payload));
  const failures: string[] = [];
  const items: LookToLearn<Preset>[] = [];
  for (const preset of presets) {
    try {
      items.push({ key: preset, name: preset.name, lut: await lutOfPreset(library, preset) });
    } catch (error) {
      failures.push(`${preset.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // LUTs that could not be read count as ended before the first look.
  const unreadable = failures.length;
  const learned: number[] = [];
  const total = presets.length;
  report(0, total === 0 ? 'every LUT preset has its learned look' : `learning ${total} look${total === 1 ? '' : 's'}`);
  const onLearned = (preset: Preset, look: LearnedLook, done: number) => {
    const ended = unreadable + done;
    const mean = look.fidelity.photographic.deltaE2000.mean;
    const line = `${ended}/${total} ${preset.name}: ${kilobytes(look.code.length)}, ΔE2000 ${mean.toFixed(2)}`;
    if (mean > COMPACT_DEFAULTS.failAboveMean) {
      failures.push(`${preset.name}: ΔE2000 ${mean.toFixed(2)}, above ${COMPACT_DEFAULTS.failAboveMean}`);
      return report(ended / total, `${line}: not saved, too far from its LUT`);
    }
    const { deltaE2000 } = look.fidelity.photographic;
    const saved = saveLearnedLook(library, {
      presetId: preset.id,
      sourceHash: preset.contentHash!,
      size: look.size,
      code: look.code,
      fidelity: { mean, p95: deltaE2000.p95, max: deltaE2000.max, gridMean: look.fidelity.grid.deltaE2000.mean },
      metGoal: look.metGoal,
      seconds: look.seconds,
    });
    if (saved) learned.push(preset.id);
    report(ended / total, saved ? line : `${line}: not saved, the preset was removed or changed meanwhile`);
  };
  // A cancel request from another process or thread is seen within CANCEL_POLL_MS, not only at
  // the next look's report.
  const requested = new AbortController();
  const poll = setInterval(() => cancelRequested(library, job.id) && requested.abort(), CANCEL_POLL_MS);
  try {
    await learnLooks(items, {
      ...overrides,
      signal: AbortSignal.any([signal, requested.signal]),
      onLearned,
      // The error names the look already ("Noise: the LUT gives no colour …").
      onFailed: (_preset, error) => void failures.push(error.message),
    });
  } finally {
    clearInterval(poll);
  }
  if (failures.length > 0) throw new NilutError('rejected', describeFailures(failures, total));
  return { learned, skipped, model: libraryModelSummary(library) };
}
