-- Webhook subscriptions of each project and their deliveries (an outbox: a delivery row is
-- inserted in the transaction of the change it announces, then sent by whichever server claims
-- it). The signing secret is stored like provider API keys: AES-256-GCM under the server's master
-- key, base64 nonce and ciphertext, the id of the master key beside them. Events are a JSON array
-- of names as TEXT. After a rotation that keeps the previous secret for a while, it is in the
-- previous_secret_* columns (sealed the same way) until previous_secret_until; all four null
-- otherwise. Instants are epoch milliseconds; booleans INTEGER 0 or 1.
CREATE TABLE webhook_subscriptions (
  id                TEXT    NOT NULL PRIMARY KEY,
  project           TEXT    NOT NULL REFERENCES projects (name),
  url               TEXT    NOT NULL,
  events            TEXT    NOT NULL,
  enabled           INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  secret_key_id     TEXT    NOT NULL,
  secret_nonce      TEXT    NOT NULL,
  secret_ciphertext TEXT    NOT NULL,
  previous_secret_key_id     TEXT,
  previous_secret_nonce      TEXT,
  previous_secret_ciphertext TEXT,
  previous_secret_until      BIGINT,
  created_at        BIGINT  NOT NULL,
  created_by        TEXT    NOT NULL,
  updated_at        BIGINT  NOT NULL,
  updated_by        TEXT    NOT NULL,
  CHECK ((previous_secret_key_id IS NULL) = (previous_secret_until IS NULL)),
  CHECK ((previous_secret_nonce IS NULL) = (previous_secret_until IS NULL)),
  CHECK ((previous_secret_ciphertext IS NULL) = (previous_secret_until IS NULL))
);

CREATE INDEX webhook_subscriptions_by_project ON webhook_subscriptions (project, created_at);

-- One event for one subscription. body is the JSON exactly as sent, so every attempt carries the
-- same bytes. seq orders the log (the next number at insert; writes are serialised). attempts counts the attempts since the delivery was queued or last redelivered.
-- lease_owner and lease_until name the worker sending it, and until when; both null otherwise.
CREATE TABLE webhook_deliveries (
  id               TEXT    NOT NULL PRIMARY KEY,
  seq              BIGINT  NOT NULL UNIQUE,
  subscription_id  TEXT    NOT NULL REFERENCES webhook_subscriptions (id),
  project          TEXT    NOT NULL REFERENCES projects (name),
  event            TEXT    NOT NULL,
  audit_seq        BIGINT,
  body             TEXT    NOT NULL,
  status           TEXT    NOT NULL
    CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  next_attempt_at  BIGINT,
  last_status_code INTEGER,
  last_error       TEXT,
  lease_owner      TEXT,
  lease_until      BIGINT,
  created_at       BIGINT  NOT NULL,
  last_attempt_at  BIGINT,
  delivered_at     BIGINT,
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
  CHECK (lease_owner IS NULL OR status = 'delivering'),
  CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
);

-- The delivery log of a subscription, newest first.
CREATE INDEX webhook_deliveries_by_subscription
  ON webhook_deliveries (subscription_id, seq);

-- What a worker may claim: only deliveries still to send are in this index.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE status IN ('pending', 'delivering');
