-- The approver role (issue 6).
ALTER TABLE api_key_roles DROP CONSTRAINT api_key_roles_role_check;
ALTER TABLE api_key_roles
  ADD CONSTRAINT api_key_roles_role_check
  CHECK (role IN ('viewer', 'editor', 'deployer', 'approver', 'admin'));
