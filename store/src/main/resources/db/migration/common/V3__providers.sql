-- The model providers of each project. The API key is never stored in plain text: it is encrypted
-- with AES-256-GCM under the server's master key (PROMPTOPS_MASTER_KEY or master.key), with a
-- random nonce per secret and the project and provider name as associated data. secret_nonce and
-- secret_ciphertext (ciphertext then tag) are base64; secret_key_id names the master key. All three
-- are null when no key is stored (the server's environment may provide one).
CREATE TABLE providers (
  project             TEXT    NOT NULL REFERENCES projects (name),
  name                TEXT    NOT NULL,
  type                TEXT    NOT NULL,
  base_url            TEXT,
  options             TEXT    NOT NULL,
  timeout_ms          BIGINT  NOT NULL CHECK (timeout_ms > 0),
  max_retries         INTEGER NOT NULL CHECK (max_retries >= 0),
  max_concurrent      INTEGER NOT NULL CHECK (max_concurrent >= 0),
  requests_per_minute INTEGER NOT NULL CHECK (requests_per_minute >= 0),
  secret_key_id       TEXT,
  secret_nonce        TEXT,
  secret_ciphertext   TEXT,
  updated_at          BIGINT  NOT NULL,
  updated_by          TEXT    NOT NULL,
  PRIMARY KEY (project, name),
  CHECK ((secret_key_id IS NULL) = (secret_ciphertext IS NULL)),
  CHECK ((secret_nonce IS NULL) = (secret_ciphertext IS NULL))
);
