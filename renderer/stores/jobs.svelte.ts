/**
 * Fits and imports, kept current by 'jobs.changed' (which may come from another process), with
 * each fit's loss curve (ΔE2000 by step) as it arrives.
 */
import type { Events, JobSummary } from '../../main/contract/contract.js';
import { call, errorText, on } from '../api.js';

export type LossPoint = { step: number; deltaE2000: number };

class Jobs {
  list = $state.raw<JobSummary[]>([]);
  losses = $state.raw<ReadonlyMap<number, LossPoint[]>>(new Map());
  error = $state<string | null>(null);
  cancelErrors = $state.raw<ReadonlyMap<number, string>>(new Map());

  async refresh(): Promise<void> {
    try {
      const fetched = await call('jobs.list', {});
      // Keep anything an event already told us that is newer than the list.
      const known = new Map(this.list.map((j) => [j.id, j]));
      this.list = sortJobs(
        fetched.map((j) => {
          const k = known.get(j.id);
          return k && k.state === j.state && k.progress > j.progress ? k : j;
        }),
      );
      this.error = null;
    } catch (error) {
      this.error = errorText(error);
    }
  }

  subscribe(): () => void {
    return on('jobs.changed', (e) => this.changed(e));
  }

  changed({ job, loss }: Events['jobs.changed']): void {
    const others = this.list.filter((j) => j.id !== job.id);
    this.list = sortJobs([...others, job]);
    if (loss) {
      const next = new Map(this.losses);
      next.set(job.id, [...(next.get(job.id) ?? []), loss]);
      this.losses = next;
    }
  }

  byId(id: number | null): JobSummary | undefined {
    return this.list.find((j) => j.id === id);
  }

  /** Cancels one job, or a group of queued ones in one call; a failure is noted on each of them. */
  async cancel(ids: readonly number[]): Promise<void> {
    const errors = new Map(this.cancelErrors);
    for (const id of ids) errors.delete(id);
    try {
      for (const job of await call('jobs.cancel', { ids: [...ids] })) this.changed({ job });
    } catch (error) {
      for (const id of ids) errors.set(id, errorText(error));
    }
    this.cancelErrors = errors;
  }
}

/** Running first, then queued, then the most recent finished. */
function sortJobs(jobs: JobSummary[]): JobSummary[] {
  const rank = (j: JobSummary) => (j.state === 'running' ? 0 : j.state === 'queued' ? 1 : 2);
  return [...jobs].sort((a, b) => rank(a) - rank(b) || b.id - a.id);
}

export const jobs = new Jobs();
