-- Signed checkpoints of the audit log: the server's Ed25519 key signs the sequence number and hash
-- of an entry, so that removing the log's tail shows. Append-only, like the log (V7_1 per dialect).
CREATE TABLE audit_checkpoints (
  number     BIGINT NOT NULL PRIMARY KEY,
  seq        BIGINT NOT NULL,
  hash       TEXT   NOT NULL,
  entries    BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  key_id     TEXT   NOT NULL,
  signature  TEXT   NOT NULL
);
