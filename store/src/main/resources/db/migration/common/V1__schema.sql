-- The PromptOps schema, shared by SQLite and PostgreSQL. Only types that behave the same on both:
-- TEXT, INTEGER, BIGINT. Instants are epoch milliseconds (BIGINT), JSON is TEXT. There are no
-- auto-increment columns: ids are assigned in code inside the serialised write transaction.

CREATE TABLE projects (
  name        TEXT   NOT NULL PRIMARY KEY,
  description TEXT   NOT NULL,
  created_at  BIGINT NOT NULL,
  created_by  TEXT   NOT NULL
);

-- The ordered environment chain of a project (position 0 is the first stage).
CREATE TABLE environments (
  project  TEXT    NOT NULL REFERENCES projects (name),
  name     TEXT    NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (project, name),
  UNIQUE (project, position)
);

CREATE TABLE prompts (
  project    TEXT   NOT NULL REFERENCES projects (name),
  name       TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project, name)
);

-- Immutable: never updated, never deleted.
CREATE TABLE prompt_versions (
  project      TEXT    NOT NULL,
  prompt       TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version > 0),
  digest       TEXT    NOT NULL,
  front_matter TEXT    NOT NULL,
  template     TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  components   TEXT    NOT NULL,
  message      TEXT    NOT NULL,
  created_at   BIGINT  NOT NULL,
  created_by   TEXT    NOT NULL,
  PRIMARY KEY (project, prompt, version),
  UNIQUE (project, prompt, digest),
  FOREIGN KEY (project, prompt) REFERENCES prompts (project, name)
);

-- Where each environment and label of a prompt points.
CREATE TABLE pins (
  project    TEXT    NOT NULL,
  prompt     TEXT    NOT NULL,
  target     TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('env', 'label')),
  version    INTEGER NOT NULL,
  updated_at BIGINT  NOT NULL,
  PRIMARY KEY (project, prompt, target),
  FOREIGN KEY (project, prompt, version) REFERENCES prompt_versions (project, prompt, version)
);

CREATE INDEX pins_by_target ON pins (project, target);

-- The deployment ledger. Append-only: the dialect migrations add triggers that refuse changes.
CREATE TABLE deployments (
  id           BIGINT  NOT NULL PRIMARY KEY,
  project      TEXT    NOT NULL,
  prompt       TEXT    NOT NULL,
  target       TEXT    NOT NULL,
  target_kind  TEXT    NOT NULL CHECK (target_kind IN ('env', 'label')),
  from_version INTEGER,
  to_version   INTEGER,
  kind         TEXT    NOT NULL CHECK (kind IN ('deploy', 'promote', 'rollback', 'unpin')),
  actor        TEXT    NOT NULL,
  reason       TEXT,
  created_at   BIGINT  NOT NULL,
  FOREIGN KEY (project, prompt) REFERENCES prompts (project, name),
  FOREIGN KEY (project, prompt, from_version) REFERENCES prompt_versions (project, prompt, version),
  FOREIGN KEY (project, prompt, to_version) REFERENCES prompt_versions (project, prompt, version)
);

CREATE INDEX deployments_history ON deployments (project, prompt, target, id);

-- The hash-chained audit log. Append-only, like the ledger.
CREATE TABLE audit_log (
  seq        BIGINT NOT NULL PRIMARY KEY,
  created_at BIGINT NOT NULL,
  actor      TEXT   NOT NULL,
  action     TEXT   NOT NULL,
  project    TEXT,
  target     TEXT,
  details    TEXT   NOT NULL,
  prev_hash  TEXT   NOT NULL,
  hash       TEXT   NOT NULL
);

CREATE INDEX audit_by_project ON audit_log (project, seq);
CREATE INDEX audit_by_project_target ON audit_log (project, target, seq);
CREATE INDEX audit_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_by_action ON audit_log (action, seq);
CREATE INDEX audit_by_time ON audit_log (created_at);

-- API keys: never the secret, only its SHA-256.
CREATE TABLE api_keys (
  id          TEXT   NOT NULL PRIMARY KEY,
  name        TEXT   NOT NULL UNIQUE,
  secret_hash TEXT   NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL,
  created_by  TEXT   NOT NULL,
  revoked_at  BIGINT
);

CREATE TABLE api_key_roles (
  key_id  TEXT NOT NULL REFERENCES api_keys (id),
  project TEXT NOT NULL,
  role    TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'deployer', 'admin')),
  PRIMARY KEY (key_id, project)
);
