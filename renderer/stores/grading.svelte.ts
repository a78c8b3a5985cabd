/**
 * Batch runs as their events tell them. Events are kept by run id from the moment they arrive,
 * because the 'start' event can land before 'grading.start' has answered with that id.
 */
import type { Events, GradeProgressInfo, GradeSettings, GradeSummaryInfo } from '../../main/contract/contract.js';
import { call, on } from '../api.js';

export type FileStatus = { input: string; state: 'done' | 'skipped' | 'failed'; detail: string };

export interface Run {
  readonly runId: number;
  /** What the run was started with (Resume starts it again, skipping what it wrote). */
  settings: GradeSettings | null;
  /** When the last progress arrived (performance.now()): the ETA counts down from there. */
  progressAt: number;
  total: number;
  skipped: number;
  /** The file main finished last (it reports files as they end, not as they start). */
  current: string | null;
  progress: GradeProgressInfo | null;
  files: FileStatus[];
  summary: GradeSummaryInfo | null;
  cancelling: boolean;
}

function newRun(runId: number): Run {
  return { runId, settings: null, progressAt: 0, total: 0, skipped: 0, current: null, progress: null, files: [], summary: null, cancelling: false };
}

class Grading {
  runs = $state<Record<number, Run>>({});
  /** The run the batch view shows. */
  currentId = $state<number | null>(null);

  get current(): Run | null {
    return this.currentId === null ? null : (this.runs[this.currentId] ?? null);
  }

  subscribe(): () => void {
    const offs = [on('grading.progress', (e) => this.progressed(e)), on('grading.finished', (e) => this.finished(e))];
    return () => offs.forEach((off) => off());
  }

  async start(settings: GradeSettings): Promise<void> {
    const { runId, total, skipped } = await call('grading.start', settings);
    const run = this.run(runId);
    run.settings = settings;
    run.total = total;
    run.skipped = skipped;
    this.currentId = runId;
  }

  /**
   * Starts the run's unfinished part: the same settings with existing outputs skipped (the
   * CLI's --skip-existing), so photos it graded are not graded again.
   */
  async resume(run: Run): Promise<void> {
    if (!run.settings) return;
    await this.start({ ...run.settings, existing: 'skip' });
  }

  async cancel(): Promise<void> {
    const run = this.current;
    if (!run || run.summary) return;
    run.cancelling = true;
    await call('grading.cancel', { runId: run.runId });
  }

  progressed(e: Events['grading.progress']): void {
    const run = this.run(e.runId);
    switch (e.type) {
      case 'start':
        run.total = e.total;
        run.skipped = e.skipped;
        return;
      case 'file-done':
        this.setProgress(run, e.progress);
        setFile(run, { input: e.input, state: 'done', detail: e.output });
        return;
      case 'file-skipped':
        this.setProgress(run, e.progress);
        setFile(run, { input: e.input, state: 'skipped', detail: e.reason });
        return;
      case 'file-failed':
        this.setProgress(run, e.progress);
        setFile(run, { input: e.input, state: 'failed', detail: e.error });
        return;
    }
  }

  private setProgress(run: Run, progress: GradeProgressInfo): void {
    run.progress = progress;
    run.progressAt = performance.now();
  }

  finished(e: Events['grading.finished']): void {
    const run = this.run(e.runId);
    run.summary = e.summary;
    run.current = null;
    run.cancelling = false;
  }

  private run(runId: number): Run {
    this.runs[runId] ??= newRun(runId);
    return this.runs[runId];
  }
}

function setFile(run: Run, status: FileStatus): void {
  run.current = status.input;
  const i = run.files.findIndex((f) => f.input === status.input);
  if (i >= 0) run.files[i] = status;
  else run.files.push(status);
}

export const grading = new Grading();
