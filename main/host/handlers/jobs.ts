/** Fitting presets into a model, and the job list (fits, imports and learning run on the job thread). */
import { getPreset } from '../../core/library/catalogue.js';
import type { Job } from '../../core/library/jobs.js';
import { cancelJobs, enqueueJob, FitJobPayload, getJob, ImportJobPayload, LearnJobPayload, listJobs } from '../../core/library/jobs.js';
import type { JobSummary } from '../../contract/contract.js';
import type { HandlerMap } from '../dispatch.js';
import { IpcFailure } from '../errors.js';
import type { HostContext } from '../context.js';

function titleOf(ctx: HostContext, job: Job): string {
  if (job.kind === 'import') {
    const payload = ImportJobPayload.safeParse(job.payload);
    return payload.success ? `Import ${count(payload.data.paths.length, 'item')}` : 'Import';
  }
  if (job.kind === 'learn') {
    const ids = LearnJobPayload.safeParse(job.payload).data?.presetIds;
    return ids ? `Learn ${ids.length} look${ids.length === 1 ? '' : 's'}` : 'Learn the new looks';
  }
  const payload = FitJobPayload.safeParse(job.payload);
  if (!payload.success) return 'Fit';
  if (payload.data.name) return `Fit ${payload.data.name}`;
  const names = payload.data.presetIds.map((id) => {
    try {
      return getPreset(ctx.library, id).name;
    } catch {
      return `#${id}`;
    }
  });
  return `Fit ${names.join(' + ')}`;
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * What a finished job did, from its result: the last progress sentence would say "ETA 0 s" of
 * a fit that ended, or the last file of an import rather than how the import went.
 */
function resultMessage(job: Job): string | null {
  if (job.state !== 'done' || !job.result || typeof job.result !== 'object') return null;
  const r = job.result as { imported?: unknown; duplicates?: unknown; failed?: unknown; skipped?: unknown; seconds?: unknown };
  if (job.kind === 'import' && typeof r.imported === 'number') {
    const failed = Array.isArray(r.failed) ? r.failed.length : 0;
    const parts = [`${count(r.imported, 'preset')} imported`];
    if (typeof r.duplicates === 'number' && r.duplicates) parts.push(`${count(r.duplicates, 'duplicate')} left out`);
    if (typeof r.skipped === 'number' && r.skipped) parts.push(`${r.skipped} skipped`);
    if (failed) parts.push(`${failed} failed`);
    return parts.join(', ');
  }
  if (job.kind === 'fit' && typeof r.seconds === 'number') return `fitted in ${Math.round(r.seconds)} s`;
  return null;
}

export function jobSummary(ctx: HostContext, job: Job): JobSummary {
  const result = job.result as { presetId?: unknown } | null;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    title: titleOf(ctx, job),
    progress: job.progress,
    message: resultMessage(job) ?? job.message,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    resultPresetId: result && typeof result.presetId === 'number' ? result.presetId : null,
  };
}

export function jobHandlers(ctx: HostContext, wakeJobThread: () => void): Pick<HandlerMap, 'models.fit' | 'jobs.list' | 'jobs.cancel'> {
  const { library, emit } = ctx;
  return {
    'models.fit': ({ presetIds, name, steps }) => {
      const unique = [...new Set(presetIds)];
      if (unique.length !== presetIds.length) throw new IpcFailure('invalid-request', 'each preset can be one style of a model only once');
      for (const id of unique) {
        const preset = getPreset(library, id);
        if (preset.kind !== 'lut') throw new IpcFailure('invalid-request', `${preset.name} is a ${preset.kind}; only LUT presets can be fitted into a model`);
      }
      const jobId = enqueueJob(library, 'fit', { presetIds: unique, name, steps });
      emit('jobs.changed', { job: jobSummary(ctx, getJob(library, jobId)) });
      wakeJobThread();
      return { jobId };
    },
    'jobs.list': ({ states }) => listJobs(library, states).map((job) => jobSummary(ctx, job)),
    'jobs.cancel': ({ ids }) => {
      const cancelled = cancelJobs(library, ids).map((job) => jobSummary(ctx, job));
      for (const job of cancelled) emit('jobs.changed', { job });
      return cancelled;
    },
  };
}
