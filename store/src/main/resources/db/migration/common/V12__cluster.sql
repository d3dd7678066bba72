-- What several server instances on one database share besides the registry itself.

-- The registry generation: one number the database raises whenever anything a server may cache
-- changes (projects and their environments, prompts, versions, pins, API keys and their roles).
-- The dialect migrations add the triggers that raise it; on PostgreSQL they also notify the
-- channel promptops_registry, so every instance drops its caches at once.
CREATE TABLE registry_generation (
  id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  value BIGINT  NOT NULL
);

INSERT INTO registry_generation (id, value) VALUES (1, 0);

-- Periodic background work (drift evaluation, pruning, audit checkpoints), claimed from here so
-- that each run happens on one instance whichever are up: a run is due at next_run_at; the
-- instance that claims it holds a lease until lease_until, and another takes over once it lapses.
CREATE TABLE jobs (
  name             TEXT    NOT NULL PRIMARY KEY,
  next_run_at      BIGINT  NOT NULL,
  lease_owner      TEXT,
  lease_until      BIGINT,
  runs             BIGINT  NOT NULL,
  last_owner       TEXT,
  last_started_at  BIGINT,
  last_finished_at BIGINT,
  last_error       TEXT,
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);

-- Web console sessions, so that any instance behind the load balancer knows them. Only the
-- SHA-256 of the session token is kept, like API keys.
CREATE TABLE console_sessions (
  token_hash   TEXT   NOT NULL PRIMARY KEY,
  key_hash     TEXT   NOT NULL,
  csrf         TEXT   NOT NULL,
  started_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);

CREATE INDEX console_sessions_by_last_seen ON console_sessions (last_seen_at);
