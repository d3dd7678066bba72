-- Environment policies (issue 6): each change of a project's policies is a new version; the
-- newest is in force. Versions are never rewritten, so what applied when is always known.
CREATE TABLE policies (
  project    TEXT    NOT NULL REFERENCES projects (name),
  version    INTEGER NOT NULL CHECK (version > 0),
  body       TEXT    NOT NULL,
  created_at BIGINT  NOT NULL,
  created_by TEXT    NOT NULL,
  reason     TEXT,
  PRIMARY KEY (project, version)
);

-- A deployment made by an administrator past the policy ("break-glass") is flagged in the ledger.
ALTER TABLE deployments ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0;
