-- The deployment ledger and the audit log are append-only: refuse UPDATE and DELETE.

CREATE TRIGGER deployments_no_update BEFORE UPDATE ON deployments
BEGIN
  SELECT RAISE(ABORT, 'deployments is append-only: UPDATE refused');
END;

CREATE TRIGGER deployments_no_delete BEFORE DELETE ON deployments
BEGIN
  SELECT RAISE(ABORT, 'deployments is append-only: DELETE refused');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
