/**
 * Runs the library's queued jobs, one at a time by default: fits (one LUT preset → a NILUT,
 * several → one multi-style CNILUT), folder imports and learning looks (learn-job.ts).
 * Progress goes to the database (so any process can watch) and to an event callback; a cancel
 * request in the database or the caller's AbortSignal stops the job at its next progress report.
 */
import path from 'node:path';
import { initBackend } from '../nilut/backend.js';
import type { FitOptions } from '../nilut/fit.js';
import { isCancelled } from '../errors.js';
import { fitNilut } from '../nilut/fit.js';
import { encodeFittedModel } from '../nilut/fitted-model.js';
import { parameterCount } from '../nilut/architecture.js';
import { sha256Hex } from './blob-store.js';
import { getPreset, insertModelPreset } from './catalogue.js';
import { importPaths } from './import.js';
import type { Job, JobKind, JobState } from './jobs.js';
import { cancelRequested, claimJob, claimNextJob, finishJob, FitJobPayload, ImportJobPayload, pauseJob, reportJobProgress } from './jobs.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { insertModel } from './models.js';
import { lutOfPreset } from './preset-looks.js';
import type { LearnOverrides } from './learn-job.js';
import { runLearn } from './learn-job.js';

export type JobEvent =
  | { readonly type: 'started'; readonly job: Job }
  | {
      readonly type: 'progress';
      readonly jobId: number;
      readonly progress: number;
      /** For people: "fitting X on wasm", "step 100/4500, ΔE2000 …". Never parsed: the data are the fields. */
      readonly message: string;
      readonly loss?: FitLoss;
      /** A fit's TensorFlow.js backend (tensorflow, wasm, cpu), on every one of its progress events. */
      readonly backend?: string;
    }
  | {
      readonly type: 'finished';
      readonly jobId: number;
      readonly state: Exclude<JobState, 'queued' | 'running'>;
      readonly result?: unknown;
      readonly error?: string;
    };

/** A fit's training curve point: ΔE2000 on its training colours at a step. */
export interface FitLoss {
  readonly step: number;
  readonly deltaE2000: number;
}

export interface RunJobsOptions {
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: JobEvent) => void;
  /** Overrides for every fit (tests and quick previews use fewer steps). */
  readonly fit?: Pick<FitOptions, 'steps' | 'poolSize' | 'batchSize' | 'progressEvery'>;
  /** Overrides for every learn job (tests learn from fewer colours). */
  readonly learn?: LearnOverrides;
  /** Only run jobs of these kinds (default: all). */
  readonly kinds?: readonly JobKind[];
}

/** What a progress report carries besides its fraction and sentence. */
type ProgressData = Pick<JobEvent & { type: 'progress' }, 'loss' | 'backend'>;
type Report = (progress: number, message: string, data?: ProgressData) => void;

/** Watches for cancellation from either side and reports progress to the database. */
function progressReporter(library: Library, job: Job, options: RunJobsOptions, controller: AbortController): Report {
  return (progress, message, data = {}) => {
    const requested = reportJobProgress(library, job.id, progress, message);
    options.onEvent?.({ type: 'progress', jobId: job.id, progress, message, ...data });
    if (requested || options.signal?.aborted) controller.abort();
  };
}

async function runFit(library: Library, job: Job, options: RunJobsOptions, signal: AbortSignal, report: Report): Promise<unknown> {
  const payload = FitJobPayload.parse(job.payload);
  const presets = payload.presetIds.map((id) => getPreset(library, id));
  const luts = await Promise.all(presets.map((p) => lutOfPreset(library, p)));
  const backend = await initBackend();
  report(0, `fitting ${presets.map((p) => p.name).join(' + ')} on ${backend.name}`, { backend: backend.name });
  const result = await fitNilut(luts, {
    architecture: { units: payload.units, layers: payload.layers },
    steps: payload.steps,
    seed: payload.seed,
    ...options.fit,
    styleNames: presets.map((p) => p.name),
    signal,
    onProgress: (e) =>
      report(e.step / e.steps, `step ${e.step}/${e.steps}, ΔE2000 ${e.deltaE2000.toFixed(2)}, ETA ${Math.ceil(e.etaSeconds)} s`, {
        loss: { step: e.step, deltaE2000: e.deltaE2000 },
        backend: backend.name,
      }),
  });
  try {
    const styles = presets.map((p) => ({ name: p.name, sourceHash: p.contentHash ?? undefined }));
    const encoded = await encodeFittedModel(result, luts, styles, backend.name);
    const name = payload.name ?? (presets.length === 1 ? `${presets[0].name} (NILUT)` : `${presets.map((p) => p.name).join(' + ')} (NILUT)`);
    const presetId = library.db
      .transaction(() => {
        const { modelId, blobHash } = insertModel(library, {
          nilutBytes: encoded.bytes,
          architecture: encoded.weights.architecture,
          parameters: parameterCount(encoded.weights.architecture),
          styles,
          training: encoded.header.training,
          metrics: encoded.header.metrics,
        });
        const row = { name, sourceFormat: 'nilut', originalName: `${name}.nilut`, contentHash: sha256Hex(encoded.bytes), blobHash, modelId };
        return insertModelPreset(library, row, now());
      })
      .immediate();
    return { presetId, seconds: result.seconds, backend: backend.name, metrics: encoded.metrics, recoveries: result.recoveries };
  } finally {
    result.model.dispose();
  }
}

async function runImport(library: Library, job: Job, signal: AbortSignal, report: Report): Promise<unknown> {
  const payload = ImportJobPayload.parse(job.payload);
  const result = await importPaths(library, payload.paths, {
    queueFits: payload.queueFits,
    signal,
    onProgress: (p) => report(p.total === 0 ? 1 : p.done / p.total, p.file ? `${p.done}/${p.total} ${path.basename(p.file)}` : `${p.total} files`),
  });
  return {
    imported: result.imported.length,
    duplicates: result.duplicates.length,
    failed: result.failed,
    skipped: result.skipped.length,
    learnJob: result.learnJob ?? null,
    presetIds: result.imported.map((i) => i.presetId),
  };
}

/** Runs one claimed job to its end and records how it ended. */
export async function runClaimedJob(library: Library, job: Job, options: RunJobsOptions = {}): Promise<JobEvent & { type: 'finished' }> {
  options.onEvent?.({ type: 'started', job });
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const report = progressReporter(library, job, options, controller);
  let finished: JobEvent & { type: 'finished' };
  try {
    const result =
      job.kind === 'fit'
        ? await runFit(library, job, options, controller.signal, report)
        : job.kind === 'learn'
          ? await runLearn(library, job, options.learn, controller.signal, report)
          : await runImport(library, job, controller.signal, report);
    finishJob(library, job.id, { state: 'done', result });
    finished = { type: 'finished', jobId: job.id, state: 'done', result };
  } catch (error) {
    const cancelled = isCancelled(error) || controller.signal.aborted;
    if (cancelled && options.signal?.aborted && !cancelRequested(library, job.id)) {
      // The runner itself is stopping (app quit, Ctrl-C): the job is not cancelled, only paused.
      pauseJob(library, job.id);
      finished = { type: 'finished', jobId: job.id, state: 'cancelled' };
    } else if (cancelled) {
      finishJob(library, job.id, { state: 'cancelled' });
      finished = { type: 'finished', jobId: job.id, state: 'cancelled' };
    } else {
      const message = error instanceof Error ? error.message : String(error);
      finishJob(library, job.id, { state: 'failed', error: message });
      finished = { type: 'finished', jobId: job.id, state: 'failed', error: message };
    }
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  options.onEvent?.(finished);
  return finished;
}

/** Runs queued jobs until none is left (or the signal fires); returns how each ended. */
export async function runQueuedJobs(library: Library, options: RunJobsOptions = {}): Promise<(JobEvent & { type: 'finished' })[]> {
  const finished: (JobEvent & { type: 'finished' })[] = [];
  while (!options.signal?.aborted) {
    const job = claimNextJob(library, options.kinds);
    if (!job) break;
    finished.push(await runClaimedJob(library, job, options));
  }
  return finished;
}

/** Runs one specific queued job now, in this process (a door's foreground work). */
export async function runJobNow(library: Library, id: number, options: RunJobsOptions = {}): Promise<JobEvent & { type: 'finished' }> {
  return runClaimedJob(library, claimJob(library, id), options);
}
