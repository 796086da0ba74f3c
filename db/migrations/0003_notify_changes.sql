-- Custom migration: every statement that writes the audit log (imports, corrections, withdrawals,
-- restores, expiries) tells listeners that published data changed, once per transaction (PostgreSQL
-- folds identical notifications). The web server empties its short-lived page cache on it.
CREATE OR REPLACE FUNCTION notify_portal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portal_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_notify_portal_changed AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION notify_portal_changed();
