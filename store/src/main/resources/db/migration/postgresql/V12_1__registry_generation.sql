-- Raise the registry generation whenever a table a server may cache changes (see V12__cluster),
-- once per statement, and tell every listening instance: the notification is delivered when the
-- transaction commits, and several in one transaction arrive as one.

CREATE FUNCTION promptops_registry_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE registry_generation SET value = value + 1;
  PERFORM pg_notify('promptops_registry', '');
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'environments', 'prompts', 'prompt_versions', 'pins',
                           'api_keys', 'api_key_roles']
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
      ' FOR EACH STATEMENT EXECUTE FUNCTION promptops_registry_changed()',
      t || '_registry_changed', t);
  END LOOP;
END;
$$;
