-- The deployment ledger and the audit log are append-only: refuse UPDATE, DELETE and TRUNCATE.

CREATE FUNCTION promptops_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER deployments_no_update BEFORE UPDATE ON deployments
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();

CREATE TRIGGER deployments_no_delete BEFORE DELETE ON deployments
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();

CREATE TRIGGER deployments_no_truncate BEFORE TRUNCATE ON deployments
  FOR EACH STATEMENT EXECUTE FUNCTION promptops_refuse_change();

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION promptops_refuse_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION promptops_refuse_change();
