-- The background job queue: fits and folder imports. A running job names the process that
-- runs it and beats a heartbeat, so a job whose process died is found and queued again.

CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('fit', 'import')),
  state         TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  payload       TEXT    NOT NULL,               -- JSON: what to do
  progress      REAL    NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  message       TEXT    NOT NULL DEFAULT '',
  result        TEXT,                           -- JSON, when done
  error         TEXT,                           -- when failed
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  runner_pid    INTEGER,
  heartbeat_at  TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT    NOT NULL,
  started_at    TEXT,
  finished_at   TEXT
);
CREATE INDEX jobs_state ON jobs(state, id);
