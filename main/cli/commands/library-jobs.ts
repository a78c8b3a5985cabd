/** `nilut library jobs [list|run|cancel]`, `nilut library fit` and `nilut library learn`. */
import type { Command } from 'commander';
import { Cancelled } from '../../core/errors.js';
import { getPreset } from '../../core/library/catalogue.js';
import { LibraryError } from '../../core/library/errors.js';
import type { JobEvent } from '../../core/library/job-runner.js';
import type { JobState } from '../../core/library/jobs.js';
import { cancelJob, enqueueJob, ensureLearnJob, getJob, listJobs } from '../../core/library/jobs.js';
import type { LearnJobResult } from '../../core/library/learn-job.js';
import type { Library } from '../../core/library/library.js';
import { JOB_STATES } from '../../common/vocabulary.js';
import { FIT_DEFAULTS } from '../../core/nilut/fit-defaults.js';
import { UsageError } from '../errors.js';
import { integerInRange, oneOf } from '../option-parsers.js';
import type { Output } from '../output.js';
import { jobLine, libraryModelText } from '../presets-text.js';
import { withInterrupt } from '../signals.js';
import { withLibrary } from './with-library.js';

function progressPrinter(out: Output) {
  return (event: JobEvent) => {
    if (event.type === 'started')
      out.progress({ job: event.job.id, state: 'running', kind: event.job.kind }, `job ${event.job.id} (${event.job.kind}) started`);
    else if (event.type === 'progress')
      out.progress(
        { job: event.jobId, progress: event.progress, message: event.message, ...(event.backend ? { backend: event.backend } : {}) },
        `job ${event.jobId} ${(event.progress * 100).toFixed(0)}%  ${event.message}`,
      );
    else
      out.progress({ job: event.jobId, state: event.state, error: event.error }, `job ${event.jobId} ${event.state}${event.error ? `: ${event.error}` : ''}`);
  };
}

const presetIds = (raw: string, previous: number[] = []) => [...previous, integerInRange('preset id', 1, Number.MAX_SAFE_INTEGER)(raw)];

/** Refuses anything but LUT presets, naming the first that is not one. */
function requireLutPresets(lib: Library, ids: readonly number[], what: string): void {
  for (const id of ids) {
    const preset = getPreset(lib, id);
    if (preset.kind !== 'lut')
      throw new LibraryError(lib.file, `preset ${id} (${preset.name}) is a ${preset.kind}; only LUT presets can be ${what}`, 'rejected');
  }
}

/** Runs a queued job here with progress lines; Ctrl-C cancels it (rather than leaving it queued). */
async function runInForeground(lib: Library, out: Output, jobId: number) {
  const controller = new AbortController();
  const { runJobNow } = await import('../../core/library/job-runner.js');
  return withInterrupt((signal) => {
    signal.addEventListener('abort', () => cancelJob(lib, jobId), { once: true });
    return runJobNow(lib, jobId, { signal: controller.signal, onEvent: progressPrinter(out) });
  });
}

export function registerLibraryJobs(library: Command): void {
  library
    .command('jobs')
    .description('background jobs: list them, run the queue in this terminal (Ctrl-C pauses), or cancel one')
    .argument('[action]', 'list, run or cancel', oneOf('action', ['list', 'run', 'cancel'] as const), 'list')
    .argument('[id]', 'job id (for cancel)', integerInRange('job id', 1, Number.MAX_SAFE_INTEGER))
    .option('--state <state>', 'list only jobs in this state', oneOf('--state', JOB_STATES))
    .option('--steps <n>', 'training steps for the fits run now (default: per the model)', integerInRange('--steps', 1, 1_000_000))
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, action: 'list' | 'run' | 'cancel', id: number | undefined, options: { state?: JobState; steps?: number }) => {
        if (action === 'cancel') {
          if (id === undefined) throw new UsageError('jobs cancel needs a job id');
          const job = cancelJob(lib, id);
          out.result(job, job.state === 'running' ? `job ${id}: cancel requested; its runner stops at the next step` : jobLine(job));
        } else if (action === 'run') {
          const { runQueuedJobs } = await import('../../core/library/job-runner.js');
          const ended = await withInterrupt((signal) =>
            runQueuedJobs(lib, { signal, onEvent: progressPrinter(out), fit: options.steps ? { steps: options.steps } : undefined }),
          );
          out.result(
            { event: 'done', jobs: ended },
            ended.length === 0 ? 'no queued jobs' : ended.map((e) => `job ${e.jobId} ${e.state}${e.error ? `: ${e.error}` : ''}`).join('\n'),
          );
        } else {
          const jobs = listJobs(lib, options.state ? [options.state] : undefined);
          out.result(jobs, jobs.length === 0 ? 'no jobs' : jobs.map(jobLine).join('\n'));
        }
      }),
    );

  library
    .command('fit')
    .description('fit LUT presets into one learned model (several presets make one multi-style model); Ctrl-C cancels')
    .argument('<ids...>', 'LUT preset ids, in style order', presetIds)
    .option('--name <name>', 'name of the model preset')
    .option('--units <h>', 'hidden width H', integerInRange('--units', 8, 1024), FIT_DEFAULTS.units)
    .option('--layers <l>', 'hidden layers L', integerInRange('--layers', 0, 8), FIT_DEFAULTS.layers)
    .option('--steps <n>', `training steps (default ${FIT_DEFAULTS.steps} per style)`, integerInRange('--steps', 1, 1_000_000))
    .option('--seed <s>', 'random seed', integerInRange('--seed', 0, 2 ** 31 - 1), FIT_DEFAULTS.seed)
    .option('--queue', 'only queue the fit (the app or `jobs run` does it later)')
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, ids: number[], options: { name?: string; units: number; layers: number; steps?: number; seed: number; queue?: boolean }) => {
        requireLutPresets(lib, ids, 'fitted');
        const jobId = enqueueJob(lib, 'fit', {
          presetIds: ids,
          name: options.name,
          units: options.units,
          layers: options.layers,
          steps: options.steps,
          seed: options.seed,
        });
        if (options.queue) return out.result(getJob(lib, jobId), `queued fit job ${jobId}`);
        const ended = await runInForeground(lib, out, jobId);
        if (ended.state === 'failed') throw new Error(ended.error);
        if (ended.state === 'cancelled') throw new Cancelled(`fit job ${jobId} cancelled`);
        const result = ended.result as { presetId: number; seconds: number; metrics: { psnr: number; deltaE2000: number } };
        out.result(
          { event: 'done', job: jobId, ...result },
          `model preset ${result.presetId}: ${result.seconds.toFixed(1)} s, ${result.metrics.psnr.toFixed(2)} dB, ΔE2000 mean ${result.metrics.deltaE2000.toFixed(3)} on a 17³ grid`,
        );
      }),
    );

  library
    .command('learn')
    .description(
      'learn LUT presets as compact looks, the library model (default: every LUT without a current look); each look is saved as it ends; Ctrl-C cancels, keeping those',
    )
    .argument('[ids...]', 'LUT preset ids (default: all that need it)', presetIds)
    .option('--queue', 'only queue the job (the app or `jobs run` does it later)')
    .option('--json', 'print JSON')
    .action(
      withLibrary(async (lib, out, ids: number[] | undefined, options: { queue?: boolean }) => {
        requireLutPresets(lib, ids ?? [], 'learned');
        // Learning everything reuses the job an import queued.
        const jobId = ids && ids.length > 0 ? enqueueJob(lib, 'learn', { presetIds: ids }) : ensureLearnJob(lib);
        if (options.queue) return out.result(getJob(lib, jobId), `queued learn job ${jobId}`);
        const ended = await runInForeground(lib, out, jobId);
        if (ended.state === 'failed') throw new Error(ended.error);
        if (ended.state === 'cancelled') throw new Cancelled(`learn job ${jobId} cancelled; the looks it finished are saved (run it again to learn the rest)`);
        const result = ended.result as LearnJobResult;
        const learned = result.learned.length === 0 ? 'nothing to learn' : `learned ${result.learned.length} look${result.learned.length === 1 ? '' : 's'}`;
        out.result({ event: 'done', job: jobId, ...result }, `${learned}; ${libraryModelText(result.model)}`);
      }),
    );
}
