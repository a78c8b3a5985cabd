/**
 * The jobs list as the jobs view shows it: queued jobs of one kind as one row with a count (a
 * folder import queues a fit per LUT, and 25 identical "queued" rows say less than "25 fits
 * queued"), every running or finished job on a row of its own.
 */
import type { JobSummary } from '../../main/ipc/contract.js';

export type JobRow =
  | { readonly type: 'job'; readonly job: JobSummary }
  | { readonly type: 'queued'; readonly kind: JobSummary['kind']; readonly jobs: readonly JobSummary[] };

/** Rows in the list's order; a group stands where its first job stood. A lone queued job keeps its own row. */
export function jobRows(jobs: readonly JobSummary[]): JobRow[] {
  const rows: JobRow[] = [];
  const queued = new Map<JobSummary['kind'], JobSummary[]>();
  for (const job of jobs) {
    if (job.state !== 'queued') {
      rows.push({ type: 'job', job });
      continue;
    }
    const group = queued.get(job.kind);
    if (group) group.push(job);
    else {
      const first = [job];
      queued.set(job.kind, first);
      rows.push({ type: 'queued', kind: job.kind, jobs: first });
    }
  }
  return rows.map((row) => (row.type === 'queued' && row.jobs.length === 1 ? { type: 'job', job: row.jobs[0] } : row));
}

/** "25 fits queued", "2 imports queued". */
export function queuedLabel(kind: JobSummary['kind'], count: number): string {
  return `${count} ${kind}${count === 1 ? '' : 's'} queued`;
}

/** The first few titles of a group, then how many more: which presets the count is about. */
export function groupTitles(jobs: readonly JobSummary[], shown = 3): string {
  const titles = jobs.slice(0, shown).map((j) => j.title);
  const more = jobs.length - titles.length;
  return more > 0 ? `${titles.join(', ')} and ${more} more` : titles.join(', ');
}
