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
    return payload.success ? `Import ${payload.data.paths.length} item${payload.data.paths.length === 1 ? '' : 's'}` : 'Import';
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

export function jobSummary(ctx: HostContext, job: Job): JobSummary {
  const result = job.result as { presetId?: unknown } | null;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    title: titleOf(ctx, job),
    progress: job.progress,
    message: job.message,
    error: job.error,
    createdAt: job.createdAt,
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
