-- Eval suites registered with the server (issue 6), self-contained, by name.
CREATE TABLE suites (
  project    TEXT   NOT NULL REFERENCES projects (name),
  name       TEXT   NOT NULL,
  body       TEXT   NOT NULL,
  digest     TEXT   NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT   NOT NULL,
  PRIMARY KEY (project, name)
);
