-- The approver role (issue 6). SQLite cannot change a CHECK constraint in place: the table is
-- rebuilt with the same rows.
CREATE TABLE api_key_roles_v8 (
  key_id  TEXT NOT NULL REFERENCES api_keys (id),
  project TEXT NOT NULL,
  role    TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'deployer', 'approver', 'admin')),
  PRIMARY KEY (key_id, project)
);
INSERT INTO api_key_roles_v8 (key_id, project, role)
  SELECT key_id, project, role FROM api_key_roles;
DROP TABLE api_key_roles;
ALTER TABLE api_key_roles_v8 RENAME TO api_key_roles;
