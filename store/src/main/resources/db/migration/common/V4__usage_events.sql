-- One row per execution (run endpoint, gateway, SDK reports later): what ran, where, what it used
-- and cost, how long it took, how it ended. Written in batches off the request path.
CREATE TABLE usage_events (
  id             BIGINT  NOT NULL PRIMARY KEY,
  created_at     BIGINT  NOT NULL,
  project        TEXT    NOT NULL,
  prompt         TEXT    NOT NULL,
  version        INTEGER NOT NULL,
  digest         TEXT    NOT NULL,
  environment    TEXT,
  source         TEXT    NOT NULL,
  provider       TEXT    NOT NULL,
  model          TEXT    NOT NULL,
  input_tokens   BIGINT  NOT NULL,
  output_tokens  BIGINT  NOT NULL,
  cost           TEXT,
  latency_ms     BIGINT  NOT NULL,
  outcome        TEXT    NOT NULL,
  attempts       INTEGER NOT NULL
);

CREATE INDEX usage_events_by_project_time ON usage_events (project, created_at);
CREATE INDEX usage_events_by_prompt ON usage_events (project, prompt, environment, created_at);
