/**
 * The jobs list as the jobs view shows it: queued or cancelled jobs of one kind as one row with
 * a count (fitting model after model from the blend view, or the CLI's `library fit` per preset,
 * queues many; 25 identical "queued" rows — or, after one "Cancel all", 25 identical "cancelled"
 * ones — say less than "25 fits queued"), every running,
 * done or failed job on a row of its own (each has its own progress, result or error).
 */
import type { JobSummary } from '../../main/contract/contract.js';
import { duration } from './format.js';

/** The states whose jobs have nothing of their own to show. */
const GROUPED_STATES = ['queued', 'cancelled'] as const;
export type GroupedState = (typeof GROUPED_STATES)[number];

export type JobRow =
  | { readonly type: 'job'; readonly job: JobSummary }
  | { readonly type: 'group'; readonly kind: JobSummary['kind']; readonly state: GroupedState; readonly jobs: readonly JobSummary[] };

function isGrouped(state: JobSummary['state']): state is GroupedState {
  return (GROUPED_STATES as readonly string[]).includes(state);
}

/** Rows in the list's order; a group stands where its first job stood. A lone job keeps its own row. */
export function jobRows(jobs: readonly JobSummary[]): JobRow[] {
  const rows: JobRow[] = [];
  const groups = new Map<string, JobSummary[]>();
  for (const job of jobs) {
    if (!isGrouped(job.state)) {
      rows.push({ type: 'job', job });
      continue;
    }
    const key = `${job.kind} ${job.state}`;
    const group = groups.get(key);
    if (group) group.push(job);
    else {
      const first = [job];
      groups.set(key, first);
      rows.push({ type: 'group', kind: job.kind, state: job.state, jobs: first });
    }
  }
  return rows.map((row) => (row.type === 'group' && row.jobs.length === 1 ? { type: 'job', job: row.jobs[0] } : row));
}

/** "25 fits queued", "2 imports cancelled". */
export function groupLabel(kind: JobSummary['kind'], state: GroupedState, count: number): string {
  return `${count} ${kind}${count === 1 ? '' : 's'} ${state}`;
}

/** The first few titles of a group, then how many more: which presets the count is about. */
export function groupTitles(jobs: readonly JobSummary[], shown = 3): string {
  const titles = jobs.slice(0, shown).map((j) => j.title);
  const more = jobs.length - titles.length;
  return more > 0 ? `${titles.join(', ')} and ${more} more` : titles.join(', ');
}

/** When a job ran, in the viewer's clock: "queued 10:02", "started 10:02, 14 s", "10:02, took 1 min 5 s". */
export function jobTimes(job: Pick<JobSummary, 'createdAt' | 'startedAt' | 'finishedAt'>, now = Date.now()): string {
  const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const seconds = (from: string, to: number) => Math.max(0, (to - Date.parse(from)) / 1000);
  if (!job.startedAt) return `queued ${clock(job.createdAt)}`;
  if (!job.finishedAt) return `started ${clock(job.startedAt)}, ${duration(seconds(job.startedAt, now))} so far`;
  return `${clock(job.startedAt)}, took ${duration(seconds(job.startedAt, Date.parse(job.finishedAt)))}`;
}
