-- Evaluation runs, their case results and an index of the variants each run's report covers.
-- JSON is TEXT in the forms of dev.promptops.core.eval.EvalJson (results, reports) and as submitted
-- (suite, options). Instants are epoch milliseconds. Scores and rates are DOUBLE PRECISION (an
-- 8-byte IEEE double on both databases). Booleans are INTEGER 0 or 1.

CREATE TABLE eval_runs (
  id               TEXT    NOT NULL PRIMARY KEY,
  project          TEXT    NOT NULL REFERENCES projects (name),
  suite_name       TEXT    NOT NULL,
  suite_digest     TEXT    NOT NULL,
  suite            TEXT,
  options          TEXT,
  source           TEXT    NOT NULL,
  status           TEXT    NOT NULL
    CHECK (status IN ('queued', 'running', 'finished', 'interrupted', 'failed')),
  created_by       TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL,
  started_at       BIGINT,
  finished_at      BIGINT,
  report           TEXT,
  error            TEXT,
  cancel_requested INTEGER NOT NULL CHECK (cancel_requested IN (0, 1)),
  -- The worker that holds a running run, and until when; both null when no worker holds it.
  worker           TEXT,
  lease_until      BIGINT,
  CHECK ((worker IS NULL) = (lease_until IS NULL)),
  CHECK (worker IS NULL OR status = 'running')
);

-- What a worker may claim: only runs still queued or running are in this index.
CREATE INDEX eval_runs_claimable ON eval_runs (created_at) WHERE status IN ('queued', 'running');

-- One row per case run; seq counts from 1 within the run. search_text is the lower-cased case
-- name, variables, output text and error, for the results search (a LIKE over it).
CREATE TABLE eval_results (
  run_id      TEXT             NOT NULL REFERENCES eval_runs (id),
  seq         BIGINT           NOT NULL CHECK (seq > 0),
  variant     TEXT             NOT NULL,
  case_index  INTEGER          NOT NULL,
  repeat      INTEGER          NOT NULL,
  pass        INTEGER          NOT NULL CHECK (pass IN (0, 1)),
  score       DOUBLE PRECISION NOT NULL,
  errored     INTEGER          NOT NULL CHECK (errored IN (0, 1)),
  search_text TEXT             NOT NULL,
  result      TEXT             NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- Failing results only, to page through them without scanning the passing ones.
CREATE INDEX eval_results_failing ON eval_results (run_id, seq) WHERE pass = 0 OR errored = 1;

-- The variants of a run's report (written when the run ends), to list runs per prompt version or
-- digest. The same figures are in eval_runs.report.
CREATE TABLE eval_run_variants (
  run_id     TEXT             NOT NULL REFERENCES eval_runs (id),
  variant    TEXT             NOT NULL,
  project    TEXT             NOT NULL,
  prompt     TEXT,
  version    INTEGER,
  digest     TEXT,
  provider   TEXT,
  baseline   INTEGER          NOT NULL CHECK (baseline IN (0, 1)),
  cases      BIGINT           NOT NULL,
  passed     BIGINT           NOT NULL,
  errors     BIGINT           NOT NULL,
  pass_rate  DOUBLE PRECISION NOT NULL,
  mean_score DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, variant)
);

CREATE INDEX eval_run_variants_by_prompt ON eval_run_variants (project, prompt, version);
CREATE INDEX eval_run_variants_by_digest ON eval_run_variants (project, digest);
