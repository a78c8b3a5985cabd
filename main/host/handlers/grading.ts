/**
 * Batch grading from the app: the same plan and runner as `nilut grade`, started by a call
 * that returns at once with a run id; progress and the summary arrive as events, and
 * 'grading.cancel' stops starting new photos (those in flight finish; no partial files).
 */
import { gradeBatch } from '../../core/grading/batch-grade.js';
import { planBatch } from '../../core/grading/batch-plan.js';
import { resolveLook } from '../../core/grading/look.js';
import type { GradeProgress } from '../../core/grading/batch-grade.js';
import type { GradeProgressInfo } from '../../contract/contract.js';
import type { HandlerMap } from '../dispatch.js';
import type { HostContext } from '../context.js';
import { lookTarget } from './library.js';

function progressInfo(p: GradeProgress): GradeProgressInfo {
  return { ...p, etaSeconds: Number.isFinite(p.etaSeconds) ? p.etaSeconds : null };
}

export interface GradingRuns {
  readonly handlers: Pick<HandlerMap, 'grading.start' | 'grading.cancel'>;
  /** Cancels every run and waits for them to end (the host is closing). */
  stopAll(): Promise<void>;
}

export function gradingHandlers(ctx: HostContext): GradingRuns {
  const { grants, emit } = ctx;
  const runs = new Map<number, { controller: AbortController; done: Promise<void> }>();
  let nextRunId = 1;

  const handlers: GradingRuns['handlers'] = {
    'grading.start': async (settings) => {
      const inputs = settings.inputs.map((p) => grants.check(p, 'photo or folder to grade'));
      const out = grants.check(settings.out, 'output folder');
      const target = lookTarget(ctx, settings.look);
      // A model, blend or mix is baked once for the whole run (as fast as a plain LUT).
      const look = await resolveLook(
        target.kind === 'mix'
          ? { kind: 'mix', library: ctx.library, sources: target.sources, name: target.name }
          : { kind: 'preset', library: ctx.library, idOrName: String(target.preset.id), blend: target.blend },
      );
      // A plan the request makes impossible throws BatchPlanError (reason 'invalid': invalid-request).
      const plan = planBatch(inputs, {
        out,
        format: settings.format,
        nameTemplate: settings.nameTemplate,
        presetName: look.name,
        recursive: settings.recursive,
      });
      const runId = nextRunId++;
      const controller = new AbortController();
      const summaryBase = { out };
      const done = gradeBatch(plan, look.lut, {
        strength: settings.strength,
        colourStrength: settings.colourStrength,
        toneStrength: settings.toneStrength,
        quality: settings.quality,
        bits: settings.bits,
        keepProfile: settings.keepProfile,
        existing: settings.existing,
        jobs: settings.jobs ?? ctx.settings.get().workers,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'start') emit('grading.progress', { runId, type: 'start', total: event.total, skipped: event.skipped });
          else if (event.type === 'file-done')
            emit('grading.progress', { runId, type: 'file-done', input: event.input, output: event.output, progress: progressInfo(event.progress) });
          else if (event.type === 'file-skipped')
            emit('grading.progress', { runId, type: 'file-skipped', input: event.input, reason: event.reason, progress: progressInfo(event.progress) });
          else emit('grading.progress', { runId, type: 'file-failed', input: event.input, error: event.error, progress: progressInfo(event.progress) });
        },
      })
        .then((summary) => emit('grading.finished', { runId, summary: { ...summary, ...summaryBase } }))
        .catch((error: unknown) =>
          emit('grading.finished', {
            runId,
            summary: {
              graded: 0,
              skipped: [],
              failed: [{ input: out, error: error instanceof Error ? error.message : String(error) }],
              megapixels: 0,
              seconds: 0,
              megapixelsPerSecond: 0,
              cancelled: controller.signal.aborted,
              notStarted: plan.tasks.length,
              ...summaryBase,
            },
          }),
        )
        .finally(() => runs.delete(runId));
      runs.set(runId, { controller, done });
      return { runId, total: plan.tasks.length, skipped: plan.skipped.length };
    },
    'grading.cancel': ({ runId }) => {
      const run = runs.get(runId);
      if (!run) return { cancelled: false };
      run.controller.abort();
      return { cancelled: true };
    },
  };
  return {
    handlers,
    async stopAll() {
      for (const run of runs.values()) run.controller.abort();
      await Promise.all([...runs.values()].map((r) => r.done));
    },
  };
}
