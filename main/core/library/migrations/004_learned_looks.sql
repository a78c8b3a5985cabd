-- The library's learned looks (issue 15): one compact look per LUT preset, a coarse lattice
-- fitted to the LUT and stored as its look code (main/core/compact/look-code.ts), with its
-- fidelity against that LUT. All of them together are the library model: exported, one
-- compact looks file (.nilut format 2).
--
-- source_hash is the content hash of the LUT the look was learned from: the look is current
-- while it equals its preset's content_hash, so a LUT whose content changes is learned again.
-- ΔE2000 is measured on held-out photographic colours (mean, p95, max) and on a 33³ grid (mean).
CREATE TABLE learned_looks (
  preset_id     INTEGER PRIMARY KEY REFERENCES presets(id) ON DELETE CASCADE,
  source_hash   TEXT    NOT NULL,
  lattice_size  INTEGER NOT NULL CHECK (lattice_size BETWEEN 2 AND 255),
  code          BLOB    NOT NULL,
  bytes         INTEGER NOT NULL CHECK (bytes = length(code)),
  delta_e_mean  REAL    NOT NULL,
  delta_e_p95   REAL    NOT NULL,
  delta_e_max   REAL    NOT NULL,
  grid_delta_e_mean REAL NOT NULL,
  met_goal      INTEGER NOT NULL CHECK (met_goal IN (0, 1)),
  seconds       REAL,                           -- time spent learning it here; NULL when imported from a looks file
  created_at    TEXT    NOT NULL
);

-- Jobs gain the kind 'learn' (one job learns every look the library lacks). A CHECK
-- constraint cannot be altered in SQLite, so the table is rebuilt and its rows copied. The old
-- table is renamed aside first (SQLite's ALTER TABLE page warns against that only for tables
-- that triggers, views or foreign keys name; nothing names jobs), so the table is created
-- under its own name, as the vocabulary test reads it; its index goes with the old table.
ALTER TABLE jobs RENAME TO jobs_before_learn;
CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('fit', 'import', 'learn')),
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
INSERT INTO jobs SELECT id, kind, state, payload, progress, message, result, error, cancel_requested, runner_pid, heartbeat_at, attempts, created_at, started_at, finished_at
  FROM jobs_before_learn;
DROP TABLE jobs_before_learn;
CREATE INDEX jobs_state ON jobs(state, id);
