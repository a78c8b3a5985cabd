/**
 * Grading a planned batch: N photos at once (decode and encode run on libvips's threads, the
 * LUT on the worker pool), each written under a temporary name and renamed when complete.
 * One bad file never stops the run; cancellation stops starting new files, gives up those not
 * yet decoded, lets the ones being graded finish, and leaves no partial file behind. The look is one LUT (a model or blend is
 * baked before the run), tabulated once when the run is big enough to pay for it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { removeStalePartials, writeFileAtomic } from '../atomic-write.js';
import { DISK_FULL_PROBLEM, reasonOf } from '../errors.js';
import { FileError } from '../file-error.js';
import type { PreparedLut } from '../lut/apply.js';
import { prepareLut } from '../lut/apply.js';
import type { Lut3D } from '../lut/lut.js';
import { withLookStrengths } from '../lut/look-strengths.js';
import type { LutWorkerPool } from '../lut/parallel-apply.js';
import { defaultLutWorkerPool, tabulationPays, toSharedPixels } from '../lut/parallel-apply.js';
import type { BatchPlan, BatchTask } from './batch-plan.js';
import { DEFAULT_QUALITY } from '../../common/grade-defaults.js';
import { encodeImage, readImage, readImageHeader } from './image-io.js';
import { PixelBudget } from './pixel-budget.js';

export interface GradeOptions {
  readonly strength?: number;
  /** 0..1: the look's colour (CIELAB a*b*) and tone (L*) over the photo's (lut/look-strengths.ts), before `strength`. */
  readonly colourStrength?: number;
  readonly toneStrength?: number;
  readonly quality?: number;
  readonly bits?: 8 | 16;
  readonly keepProfile?: boolean;
  /** An output that exists already: skip it (resume a run) or replace it; else it fails. */
  readonly existing?: 'skip' | 'overwrite' | 'fail';
  /** Photos graded at once (default: one per core). */
  readonly jobs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: GradeEvent) => void;
  readonly pool?: LutWorkerPool;
  /** Pixels decoded at once across the parallel photos (default BATCH_PIXEL_BUDGET). */
  readonly pixelBudget?: number;
}

export interface GradeProgress {
  readonly done: number;
  readonly total: number;
  readonly megapixels: number;
  readonly elapsedSeconds: number;
  readonly megapixelsPerSecond: number;
  readonly etaSeconds: number;
}

export type GradeEvent =
  | { readonly type: 'start'; readonly total: number; readonly skipped: number; readonly tabulated: boolean }
  | {
      readonly type: 'file-done';
      readonly input: string;
      readonly output: string;
      readonly megapixels: number;
      readonly seconds: number;
      readonly progress: GradeProgress;
    }
  | { readonly type: 'file-skipped'; readonly input: string; readonly reason: string; readonly progress: GradeProgress }
  | { readonly type: 'file-failed'; readonly input: string; readonly error: string; readonly progress: GradeProgress };

export interface GradeSummary {
  readonly graded: number;
  readonly skipped: { input: string; reason: string }[];
  readonly failed: { input: string; error: string }[];
  readonly megapixels: number;
  readonly seconds: number;
  readonly megapixelsPerSecond: number;
  readonly cancelled: boolean;
  /** Files never started because the run was cancelled. */
  readonly notStarted: number;
}

function describe(error: unknown, input: string): string {
  if (error instanceof FileError) return error.message;
  if (reasonOf(error) === 'disk-full') return `${path.basename(input)}: ${DISK_FULL_PROBLEM}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `${path.basename(input)}: cannot be written (${code})`;
  return `${path.basename(input)}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A photo given up because the run was cancelled before its work began (nothing is written). */
const ABANDONED = Symbol('abandoned');

/**
 * Grades one photo, or gives it up when the run is cancelled while it waits for memory or
 * between decoding and grading: a cancel then waits only for the photos already being graded
 * or encoded, not for every photo that has been handed to a worker.
 */
async function gradeOne(
  task: BatchTask,
  prepared: PreparedLut,
  pool: LutWorkerPool,
  budget: PixelBudget,
  options: GradeOptions,
): Promise<number | typeof ABANDONED> {
  // The header says how much memory the photo will take before any of it is decoded. A photo
  // whose header cannot be read fails in readImage, with the reader's own words for why.
  const header = await readImageHeader(task.input).catch(() => undefined);
  const release = await budget.acquire((header?.width ?? 0) * (header?.height ?? 0));
  try {
    if (options.signal?.aborted) return ABANDONED;
    const image = await readImage(task.input, { bits: options.bits, keepProfile: options.keepProfile });
    if (options.signal?.aborted) return ABANDONED;
    const pixels = toSharedPixels(image.pixels);
    await pool.apply(prepared, pixels, image.channels);
    const bytes = await encodeImage({ ...image, pixels }, { format: task.format, quality: options.quality ?? DEFAULT_QUALITY, bits: options.bits });
    mkdirSync(path.dirname(task.output), { recursive: true });
    await writeFileAtomic(task.output, bytes, { leftoversRemoved: true });
    return (image.width * image.height) / 1e6;
  } finally {
    release();
  }
}

/**
 * Removes the temporary files a killed earlier run left beside this run's outputs (a Ctrl-C
 * leaves none; a crash or SIGKILL one per photo in flight): once per output folder, for all of
 * its planned names, so that each write need not list the folder again (atomic-write.ts).
 */
async function removeLeftoverPartials(plan: BatchPlan): Promise<void> {
  const byDir = new Map<string, Set<string>>();
  for (const task of plan.tasks) {
    const dir = path.dirname(task.output);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(task.output));
  }
  for (const [dir, names] of byDir) await removeStalePartials(dir, names);
}

/** Whether a colour table pays for this run: from the first photo's size times the count. */
async function shouldTabulate(plan: BatchPlan, options: GradeOptions): Promise<boolean> {
  if (options.bits === 16 || plan.tasks.length < 2) return false;
  try {
    const meta = await readImageHeader(plan.tasks[0].input);
    return tabulationPays(((meta.width ?? 0) * (meta.height ?? 0) * plan.tasks.length) / 1e6);
  } catch {
    return plan.tasks.length >= 8;
  }
}

/** A look given as a LUT takes the options' strengths; a prepared one is graded as it was prepared. */
export async function gradeBatch(plan: BatchPlan, look: Lut3D | PreparedLut, options: GradeOptions = {}): Promise<GradeSummary> {
  const started = performance.now();
  const pool = options.pool ?? defaultLutWorkerPool();
  const prepared =
    'applyTo' in look
      ? look
      : prepareLut(withLookStrengths(look, { colour: options.colourStrength, tone: options.toneStrength }), { strength: options.strength });
  await removeLeftoverPartials(plan);
  const tabulated = await shouldTabulate(plan, options);
  if (tabulated) await pool.tabulate(prepared);
  const total = plan.tasks.length;
  const skipped: { input: string; reason: string }[] = [...plan.skipped];
  const failed: { input: string; error: string }[] = plan.refused.map((r) => ({ input: r.input, error: r.reason }));
  let done = 0,
    graded = 0,
    megapixels = 0,
    next = 0;
  options.onEvent?.({ type: 'start', total, skipped: plan.skipped.length, tabulated });

  // Throughput is measured on graded photos only: a skipped or failed one takes no time, and
  // counting it made the first ETA after a few skips claim seconds for a run of minutes. Until
  // a photo is graded the ETA is unknown (NaN), not a guess. While fewer photos than workers
  // have ended, the wall clock since grading began would charge each photo the time of all
  // those graded beside it, so the photos' own times shared by the workers stand in.
  let gradingStarted = Number.NaN;
  let photoSeconds = 0;
  const progress = (): GradeProgress => {
    const now = performance.now();
    const elapsedSeconds = (now - started) / 1000;
    const gradingSeconds = (now - gradingStarted) / 1000;
    const secondsPerPhoto = graded === 0 ? Number.NaN : graded < jobs ? photoSeconds / graded / jobs : gradingSeconds / graded;
    return {
      done,
      total,
      megapixels,
      elapsedSeconds,
      megapixelsPerSecond: graded > 0 ? megapixels / Math.max(gradingSeconds, 1e-9) : 0,
      etaSeconds: (total - done) * secondsPerPhoto,
    };
  };

  const worker = async () => {
    while (next < total && !options.signal?.aborted) {
      const task = plan.tasks[next++];
      const fileStarted = performance.now();
      if (existsSync(task.output) && options.existing !== 'overwrite') {
        done++;
        if (options.existing === 'skip') {
          const reason = `${path.basename(task.output)} exists already (skipped)`;
          skipped.push({ input: task.input, reason });
          options.onEvent?.({ type: 'file-skipped', input: task.input, reason, progress: progress() });
        } else {
          const error = `${path.basename(task.input)}: its output ${task.output} exists already; use --skip-existing to resume or --overwrite to replace it`;
          failed.push({ input: task.input, error });
          options.onEvent?.({ type: 'file-failed', input: task.input, error, progress: progress() });
        }
        continue;
      }
      try {
        if (Number.isNaN(gradingStarted)) gradingStarted = fileStarted;
        const mp = await gradeOne(task, prepared, pool, budget, options);
        if (mp === ABANDONED) continue;
        const seconds = (performance.now() - fileStarted) / 1000;
        done++;
        graded++;
        megapixels += mp;
        photoSeconds += seconds;
        options.onEvent?.({ type: 'file-done', input: task.input, output: task.output, megapixels: mp, seconds, progress: progress() });
      } catch (error) {
        done++;
        const message = describe(error, task.input);
        failed.push({ input: task.input, error: message });
        options.onEvent?.({ type: 'file-failed', input: task.input, error: message, progress: progress() });
      }
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? pool.threads, total || 1));
  const budget = new PixelBudget(options.pixelBudget);
  await Promise.all(Array.from({ length: jobs }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    graded,
    skipped,
    failed,
    megapixels,
    seconds,
    megapixelsPerSecond: megapixels / Math.max(seconds, 1e-9),
    cancelled: Boolean(options.signal?.aborted),
    notStarted: total - done,
  };
}
