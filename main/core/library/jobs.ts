/**
 * The job queue in the database. A job is queued, then claimed by one runner (its pid and a
 * heartbeat are recorded), then done, failed or cancelled. A job whose runner died (its pid is
 * gone, or its heartbeat is stale) is queued again, so a fit, import or learning interrupted by
 * a crash or a kill resumes on the next start.
 *
 * Owner of the jobs table: every statement on it is here, prepared once per connection.
 */
import { z } from 'zod';
import type { Library } from './library.js';
import { now } from './clock.js';
import { LibraryError } from './errors.js';
import { ownStatements, statementFor } from './statements.js';
import type { JobKind, JobState } from '../../common/vocabulary.js';
import { JOB_KINDS } from '../../common/vocabulary.js';

export type { JobKind, JobState };

export const FitJobPayload = z.object({
  presetIds: z.array(z.number().int().positive()).min(1),
  name: z.string().min(1).optional(),
  units: z.number().int().positive().optional(),
  layers: z.number().int().nonnegative().optional(),
  steps: z.number().int().positive().optional(),
  seed: z.number().int().nonnegative().optional(),
});
export type FitJobPayload = z.infer<typeof FitJobPayload>;

export const ImportJobPayload = z.object({
  paths: z.array(z.string().min(1)).min(1),
  queueFits: z.boolean().default(true),
});
export type ImportJobPayload = z.infer<typeof ImportJobPayload>;

/** Learning compact looks: these LUT presets, or (absent) every LUT preset without a current look. */
export const LearnJobPayload = z.object({
  presetIds: z.array(z.number().int().positive()).min(1).optional(),
});
export type LearnJobPayload = z.infer<typeof LearnJobPayload>;

/** Each job kind's payload. */
export interface JobPayloads {
  readonly fit: FitJobPayload;
  readonly import: ImportJobPayload;
  readonly learn: LearnJobPayload;
}

export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  readonly state: JobState;
  readonly payload: unknown;
  readonly progress: number;
  readonly message: string;
  readonly result: unknown;
  readonly error: string | null;
  readonly cancelRequested: boolean;
  readonly runnerPid: number | null;
  readonly attempts: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

interface JobRow {
  id: number;
  kind: JobKind;
  state: JobState;
  payload: string;
  progress: number;
  message: string;
  result: string | null;
  error: string | null;
  cancel_requested: number;
  runner_pid: number | null;
  heartbeat_at: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const statements = ownStatements({
  insert: 'INSERT INTO jobs (kind, payload, created_at) VALUES (?, ?, ?)',
  byId: 'SELECT * FROM jobs WHERE id = ?',
  all: 'SELECT * FROM jobs ORDER BY id',
  claimNext: "UPDATE jobs SET state = 'running', runner_pid = ?, heartbeat_at = ?, started_at = ?, attempts = attempts + 1, error = NULL WHERE id = ?",
  claim: "UPDATE jobs SET state = 'running', runner_pid = ?, heartbeat_at = ?, started_at = ?, attempts = attempts + 1 WHERE id = ?",
  progress: "UPDATE jobs SET progress = ?, message = ?, heartbeat_at = ? WHERE id = ? AND state = 'running'",
  cancelRequested: { pluck: 'SELECT cancel_requested FROM jobs WHERE id = ?' },
  finish:
    "UPDATE jobs SET state = ?, result = ?, error = ?, progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END, finished_at = ?, runner_pid = NULL WHERE id = ?",
  pause: "UPDATE jobs SET state = 'queued', runner_pid = NULL, message = 'paused; queued again' WHERE id = ?",
  cancelQueued: "UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at = ? WHERE id = ?",
  flagCancel: 'UPDATE jobs SET cancel_requested = 1 WHERE id = ?',
  running: "SELECT id, runner_pid, heartbeat_at, cancel_requested FROM jobs WHERE state = 'running'",
  cancelOrphan: "UPDATE jobs SET state = 'cancelled', runner_pid = NULL, finished_at = ? WHERE id = ?",
  requeueOrphan: "UPDATE jobs SET state = 'queued', runner_pid = NULL, message = 'interrupted; queued again' WHERE id = ?",
  pendingFits: {
    pluck:
      "SELECT id FROM jobs WHERE kind = 'fit' AND state IN ('queued', 'running') AND EXISTS (SELECT 1 FROM json_each(json_extract(payload, '$.presetIds')) WHERE value = ?) ORDER BY id",
  },
  pendingLearns: {
    pluck: `SELECT id FROM jobs WHERE kind = 'learn' AND state IN ('queued', 'running')
      AND (json_extract(payload, '$.presetIds') IS NULL OR EXISTS (SELECT 1 FROM json_each(json_extract(payload, '$.presetIds')) WHERE value = ?)) ORDER BY id`,
  },
  queuedLearnAll: {
    pluck: "SELECT id FROM jobs WHERE kind = 'learn' AND state = 'queued' AND json_extract(payload, '$.presetIds') IS NULL ORDER BY id LIMIT 1",
  },
});

/** Jobs this process is running now: a job of ours not in here was left by a crash. */
const activeJobs = new Set<number>();

/** A runner that has not beaten its heartbeat for this long is presumed dead. */
export const STALE_HEARTBEAT_MS = 5 * 60_000;

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    payload: JSON.parse(row.payload) as unknown,
    progress: row.progress,
    message: row.message,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error,
    cancelRequested: row.cancel_requested === 1,
    runnerPid: row.runner_pid,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function enqueueJob<K extends JobKind>(library: Library, kind: K, payload: JobPayloads[K]): number {
  const info = statements(library).insert.run(kind, JSON.stringify(payload), now());
  return Number(info.lastInsertRowid);
}

/**
 * The queued job that learns every LUT preset without a current look: the one already queued,
 * else a new one. Not a running one: it chose its presets when it started, so presets added
 * since need a job of their own.
 */
export function ensureLearnJob(library: Library): number {
  const ensure = library.db.transaction(() => (statements(library).queuedLearnAll.get() as number | undefined) ?? enqueueJob(library, 'learn', {}));
  return ensure.immediate();
}

export function getJob(library: Library, id: number): Job {
  const row = statements(library).byId.get(id) as JobRow | undefined;
  if (!row) throw new LibraryError(library.file, `has no job ${id}`, 'not-found');
  return toJob(row);
}

export function listJobs(library: Library, states?: readonly JobState[]): Job[] {
  const rows = (
    states && states.length > 0
      ? statementFor(library, `SELECT * FROM jobs WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY id`).all(...states)
      : statements(library).all.all()
  ) as JobRow[];
  return rows.map(toJob);
}

/** Atomically takes the oldest queued job for this process, or returns undefined. */
export function claimNextJob(library: Library, kinds: readonly JobKind[] = JOB_KINDS): Job | undefined {
  const claim = library.db.transaction(() => {
    const row = statementFor(library, `SELECT * FROM jobs WHERE state = 'queued' AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id LIMIT 1`).get(
      ...kinds,
    ) as JobRow | undefined;
    if (!row) return undefined;
    const time = now();
    statements(library).claimNext.run(process.pid, time, time, row.id);
    activeJobs.add(row.id);
    return getJob(library, row.id);
  });
  return claim.immediate();
}

/** Claims a specific queued job (a door that just queued work and runs it in the foreground). */
export function claimJob(library: Library, id: number): Job {
  const claim = library.db.transaction(() => {
    const job = getJob(library, id);
    if (job.state !== 'queued') throw new LibraryError(library.file, `job ${id} is ${job.state}, not queued`, 'rejected');
    const time = now();
    statements(library).claim.run(process.pid, time, time, id);
    activeJobs.add(id);
    return getJob(library, id);
  });
  return claim.immediate();
}

/** Records progress and beats the heartbeat; returns whether cancellation was requested. */
export function reportJobProgress(library: Library, id: number, progress: number, message: string): boolean {
  statements(library).progress.run(Math.min(1, Math.max(0, progress)), message, now(), id);
  return cancelRequested(library, id);
}

/** Whether someone asked for this job to be cancelled (false for a job that does not exist). */
export function cancelRequested(library: Library, id: number): boolean {
  return statements(library).cancelRequested.get(id) === 1;
}

/** The queued or running fit jobs that will fit this preset, oldest first. */
export function pendingFitJobsFor(library: Library, presetId: number): number[] {
  return statements(library).pendingFits.all(presetId) as number[];
}

/** The queued or running learn jobs that name this preset or learn every look missing, oldest first. */
export function pendingLearnJobsFor(library: Library, presetId: number): number[] {
  return statements(library).pendingLearns.all(presetId) as number[];
}

export function finishJob(
  library: Library,
  id: number,
  outcome: { state: 'done'; result: unknown } | { state: 'failed'; error: string } | { state: 'cancelled' },
): void {
  const result = outcome.state === 'done' ? JSON.stringify(outcome.result) : null;
  const error = outcome.state === 'failed' ? outcome.error : null;
  activeJobs.delete(id);
  statements(library).finish.run(outcome.state, result, error, outcome.state, now(), id);
}

/** Puts a running job of this process back in the queue (its runner is stopping, not the job). */
export function pauseJob(library: Library, id: number): void {
  activeJobs.delete(id);
  statements(library).pause.run(id);
}

/**
 * Cancels a job: a queued one at once; a running one is flagged and its runner stops at its
 * next progress report. Finished jobs are left as they are.
 */
export function cancelJob(library: Library, id: number): Job {
  const cancel = library.db.transaction(() => {
    const job = getJob(library, id);
    if (job.state === 'queued') statements(library).cancelQueued.run(now(), id);
    else if (job.state === 'running') statements(library).flagCancel.run(id);
    return getJob(library, id);
  });
  return cancel.immediate();
}

/** Cancels several jobs in one transaction: all of them, or none when one does not exist. */
export function cancelJobs(library: Library, ids: readonly number[]): Job[] {
  return library.db.transaction(() => ids.map((id) => cancelJob(library, id))).immediate();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Queues again every running job whose runner is gone. Returns their ids. */
export function requeueOrphanedJobs(library: Library): number[] {
  const requeue = library.db.transaction(() => {
    const rows = statements(library).running.all() as Pick<JobRow, 'id' | 'runner_pid' | 'heartbeat_at' | 'cancel_requested'>[];
    const ids: number[] = [];
    for (const row of rows) {
      const ours = row.runner_pid === process.pid;
      const stale = row.heartbeat_at === null || Date.now() - Date.parse(row.heartbeat_at) > STALE_HEARTBEAT_MS;
      const dead = row.runner_pid === null || (ours ? !activeJobs.has(row.id) : !processAlive(row.runner_pid));
      if (!dead && !stale) continue;
      if (row.cancel_requested === 1) statements(library).cancelOrphan.run(now(), row.id);
      else statements(library).requeueOrphan.run(row.id);
      ids.push(row.id);
    }
    return ids;
  });
  return requeue.immediate();
}
