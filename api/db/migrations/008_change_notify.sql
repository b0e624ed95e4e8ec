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
  -- Who may sign in: a disabled user or changed password, a revoked device, a closed session. A
  -- session's sliding expiry (touched every few minutes) and new sessions are not announced.
  CREATE TRIGGER app_user_notify_change AFTER UPDATE OR DELETE ON app_user
    FOR EACH STATEMENT EXECUTE FUNCTION app_notify_change();
  CREATE TRIGGER device_token_notify_change AFTER UPDATE OR DELETE ON device_token
    FOR EACH STATEMENT EXECUTE FUNCTION app_notify_change();
  CREATE TRIGGER app_session_notify_change AFTER DELETE ON app_session
    FOR EACH STATEMENT EXECUTE FUNCTION app_notify_change();
END $$;
