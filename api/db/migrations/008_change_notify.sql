-- 008: every committed change to what the answers count, or to who may sign in, is announced on
-- the channel hengyang_changes (payload: the table's name), so every API server listening
-- (api/db/change-feed.ts) drops its cached answers or sessions within moments, whichever server,
-- CLI or import made the change. NOTIFY is sent at commit, never for a rolled-back transaction,
-- and repeats of one payload in a transaction are folded into one: one notice per table and
-- transaction, whatever the rows.

CREATE FUNCTION app_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hengyang_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  -- What the cached answers count (cases, visits, boundaries, officers, campaigns, routing).
  FOREACH t IN ARRAY ARRAY['county', 'river', 'township', 'village', 'officer', 'guardian', 'visit', 'dispute', 'hazard',
                           'hazard_routing', 'hazard_deadline', 'status_change', 'import_batch', 'campaign'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION app_notify_change()', t || '_notify_change', t);
  END LOOP;
  -- Who may sign in: a user changed or removed, a device revoked, a session closed. Row triggers
  -- and column lists, so the routine writes are not announced: a sign-in's last_login_at and its
  -- sweep of expired sessions (usually no row), a session's sliding expiry, a device's last use.
  CREATE TRIGGER app_user_notify_change
    AFTER UPDATE OF role, township_code, officer_id, password_hash, disabled, display_name OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION app_notify_change();
  CREATE TRIGGER device_token_notify_change AFTER UPDATE OF revoked_at OR DELETE ON device_token
    FOR EACH ROW EXECUTE FUNCTION app_notify_change();
  CREATE TRIGGER app_session_notify_change AFTER DELETE ON app_session
    FOR EACH ROW EXECUTE FUNCTION app_notify_change();
END $$;
