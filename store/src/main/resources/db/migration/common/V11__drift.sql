-- Drift detection (issue 7). What each running instance (an SDK in an application, or the server
-- itself for gateway and run executions) reports it served, the incidents the server opens when
-- that differs from what is registered and deployed, and the convergence of each deployment.
-- Instants are epoch milliseconds; booleans INTEGER 0 or 1.

-- One row per instance of a project: who it is and when it last reported (reports are also its
-- heartbeat). dropped is the instance's own count of uses it could not report.
CREATE TABLE drift_instances (
  project      TEXT    NOT NULL REFERENCES projects (name),
  instance     TEXT    NOT NULL,
  application  TEXT    NOT NULL,
  host         TEXT    NOT NULL,
  sdk          TEXT    NOT NULL,
  source       TEXT    NOT NULL CHECK (source IN ('sdk', 'server')),
  started_at   BIGINT,
  first_seen   BIGINT  NOT NULL,
  last_seen    BIGINT  NOT NULL,
  reports      BIGINT  NOT NULL,
  dropped      BIGINT  NOT NULL,
  PRIMARY KEY (project, instance)
);

-- What an instance served: one row per (environment, prompt, digest, fallback or not), with how
-- many uses and when the first and last were. environment is '' for lookups by exact version.
CREATE TABLE drift_served (
  project      TEXT    NOT NULL,
  instance     TEXT    NOT NULL,
  environment  TEXT    NOT NULL,
  prompt       TEXT    NOT NULL,
  digest       TEXT    NOT NULL,
  fallback     INTEGER NOT NULL CHECK (fallback IN (0, 1)),
  version      INTEGER,
  uses         BIGINT  NOT NULL,
  first_seen   BIGINT  NOT NULL,
  last_seen    BIGINT  NOT NULL,
  PRIMARY KEY (project, instance, environment, prompt, digest, fallback),
  FOREIGN KEY (project, instance) REFERENCES drift_instances (project, instance)
);

CREATE INDEX drift_served_recent ON drift_served (project, last_seen);

-- Incidents, numbered per project. One open incident per (environment, prompt, kind, digest): the
-- partial unique index keeps two evaluations from opening the same one twice. instances is a JSON
-- array of the instance ids involved; state moves open -> acknowledged -> resolved (or straight
-- to resolved); a resolved incident never reopens (a new one is numbered).
CREATE TABLE drift_incidents (
  project         TEXT    NOT NULL REFERENCES projects (name),
  number          INTEGER NOT NULL CHECK (number > 0),
  environment     TEXT    NOT NULL,
  prompt          TEXT    NOT NULL,
  kind            TEXT    NOT NULL
    CHECK (kind IN ('stale', 'unknown', 'orphan', 'fallback', 'behaviour')),
  digest          TEXT    NOT NULL,
  version         INTEGER,
  expected_digest TEXT,
  expected_version INTEGER,
  instances       TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  opened_at       BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  resolved_at     BIGINT,
  acknowledged_by TEXT,
  acknowledged_at BIGINT,
  note            TEXT,
  PRIMARY KEY (project, number),
  CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);

CREATE UNIQUE INDEX drift_incidents_one_open
  ON drift_incidents (project, environment, prompt, kind, digest)
  WHERE state <> 'resolved';

-- The convergence of each deployment to an environment: pending until every active instance that
-- serves the prompt there serves the new digest, then confirmed with the time it took; superseded
-- when another deployment moved the pin first.
CREATE TABLE deployment_confirmations (
  deployment_id  BIGINT  NOT NULL PRIMARY KEY,
  project        TEXT    NOT NULL REFERENCES projects (name),
  environment    TEXT    NOT NULL,
  prompt         TEXT    NOT NULL,
  version        INTEGER NOT NULL,
  digest         TEXT    NOT NULL,
  deployed_at    BIGINT  NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'superseded')),
  converged      TEXT    NOT NULL,
  lagging        TEXT    NOT NULL,
  checked_at     BIGINT  NOT NULL,
  confirmed_at   BIGINT,
  took_ms        BIGINT,
  CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL))
);

CREATE INDEX deployment_confirmations_by_prompt
  ON deployment_confirmations (project, prompt, environment, deployment_id);
CREATE INDEX deployment_confirmations_pending
  ON deployment_confirmations (state) WHERE state = 'pending';

-- Behavioural drift: a suite re-run on a schedule against an environment's deployed versions.
-- A server claims a due schedule under a lease (so one instance runs it), starts the run and
-- moves next_run_at on; last_run names the run it started.
CREATE TABLE drift_schedules (
  project      TEXT    NOT NULL REFERENCES projects (name),
  suite        TEXT    NOT NULL,
  environment  TEXT    NOT NULL,
  every_s      BIGINT  NOT NULL CHECK (every_s > 0),
  margin       DOUBLE PRECISION NOT NULL CHECK (margin >= 0),
  next_run_at  BIGINT  NOT NULL,
  last_run     TEXT,
  lease_owner  TEXT,
  lease_until  BIGINT,
  updated_at   BIGINT  NOT NULL,
  updated_by   TEXT    NOT NULL,
  PRIMARY KEY (project, suite, environment),
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);
