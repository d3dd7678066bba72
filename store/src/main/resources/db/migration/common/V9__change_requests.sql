-- Change requests (issue 6): a proposal to deploy one prompt version to one environment, and its
-- reviews. A request moves once out of 'open'; reviews are only ever added.
CREATE TABLE change_requests (
  project       TEXT    NOT NULL REFERENCES projects (name),
  number        INTEGER NOT NULL CHECK (number > 0),
  prompt        TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  digest        TEXT    NOT NULL,
  environment   TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  author        TEXT    NOT NULL,
  auto_merge    INTEGER NOT NULL DEFAULT 0,
  state         TEXT    NOT NULL CHECK (state IN ('open', 'merged', 'closed', 'superseded')),
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  closed_by     TEXT,
  outcome       TEXT    NOT NULL DEFAULT '',
  deployment_id BIGINT  NOT NULL DEFAULT 0,
  PRIMARY KEY (project, number),
  FOREIGN KEY (project, prompt, version) REFERENCES prompt_versions (project, prompt, version)
);

CREATE INDEX change_requests_open ON change_requests (project, prompt, environment, state);

CREATE TABLE change_reviews (
  project  TEXT    NOT NULL,
  number   INTEGER NOT NULL,
  seq      INTEGER NOT NULL,
  reviewer TEXT    NOT NULL,
  role     TEXT    NOT NULL,
  verdict  TEXT    NOT NULL CHECK (verdict IN ('approve', 'request_changes')),
  comment  TEXT    NOT NULL,
  at       BIGINT  NOT NULL,
  PRIMARY KEY (project, number, seq),
  FOREIGN KEY (project, number) REFERENCES change_requests (project, number)
);
