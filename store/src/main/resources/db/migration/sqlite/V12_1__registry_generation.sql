-- Raise the registry generation whenever a table a server may cache changes (see V12__cluster).

CREATE TRIGGER projects_registry_insert AFTER INSERT ON projects
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER projects_registry_update AFTER UPDATE ON projects
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER projects_registry_delete AFTER DELETE ON projects
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER environments_registry_insert AFTER INSERT ON environments
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER environments_registry_update AFTER UPDATE ON environments
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER environments_registry_delete AFTER DELETE ON environments
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompts_registry_insert AFTER INSERT ON prompts
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompts_registry_update AFTER UPDATE ON prompts
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompts_registry_delete AFTER DELETE ON prompts
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompt_versions_registry_insert AFTER INSERT ON prompt_versions
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompt_versions_registry_update AFTER UPDATE ON prompt_versions
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER prompt_versions_registry_delete AFTER DELETE ON prompt_versions
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER pins_registry_insert AFTER INSERT ON pins
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER pins_registry_update AFTER UPDATE ON pins
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER pins_registry_delete AFTER DELETE ON pins
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_keys_registry_insert AFTER INSERT ON api_keys
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_keys_registry_update AFTER UPDATE ON api_keys
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_keys_registry_delete AFTER DELETE ON api_keys
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_key_roles_registry_insert AFTER INSERT ON api_key_roles
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_key_roles_registry_update AFTER UPDATE ON api_key_roles
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;

CREATE TRIGGER api_key_roles_registry_delete AFTER DELETE ON api_key_roles
BEGIN
  UPDATE registry_generation SET value = value + 1;
END;
