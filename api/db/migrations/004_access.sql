-- 004: who may see what. Users, sessions, wall devices and the audit log; row-level security on
-- every table that holds township data, enforced for the table owner too (FORCE).
--
-- Request transactions run as `hengyang_app` (NOLOGIN, no BYPASSRLS, owns nothing): the server
-- connects as the schema owner, which runs migrations and seeding, and every request drops to
-- hengyang_app with set_config('role', ..., true) (SET LOCAL ROLE). The scope comes in three
-- transaction-local settings (api/db/scope.ts):
--   app.scope     'county' (every row), 'township', 'villages'; anything else sees nothing
--   app.township  the township code for 'township' and 'villages'
--   app.villages  comma-separated village codes for 'villages' (an officer's own villages)

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hengyang_app') THEN
    CREATE ROLE hengyang_app NOLOGIN NOBYPASSRLS NOSUPERUSER NOINHERIT;
  END IF;
  -- The connection role must be able to SET ROLE to it (superusers always can).
  IF NOT pg_has_role(current_user, 'hengyang_app', 'MEMBER') THEN
    EXECUTE format('GRANT hengyang_app TO %I', current_user);
  END IF;
END $$;

-- Default deny: an unset or unknown scope matches no row.
CREATE FUNCTION app_sees_village(v text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.scope', true)
           WHEN 'county' THEN true
           WHEN 'township' THEN left(v, 9) = current_setting('app.township', true)
           WHEN 'villages' THEN v = ANY (string_to_array(current_setting('app.villages', true), ','))
           ELSE false
         END
$$;

CREATE FUNCTION app_sees_township(t text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('app.scope', true)
           WHEN 'county' THEN true
           WHEN 'township' THEN t = current_setting('app.township', true)
           WHEN 'villages' THEN t = current_setting('app.township', true)
           ELSE false
         END
$$;

ALTER TABLE township ENABLE ROW LEVEL SECURITY;
ALTER TABLE township FORCE ROW LEVEL SECURITY;
CREATE POLICY township_scope ON township USING (app_sees_township(code)) WITH CHECK (app_sees_township(code));

ALTER TABLE village ENABLE ROW LEVEL SECURITY;
ALTER TABLE village FORCE ROW LEVEL SECURITY;
CREATE POLICY village_scope ON village USING (app_sees_village(code)) WITH CHECK (app_sees_village(code));

ALTER TABLE officer ENABLE ROW LEVEL SECURITY;
ALTER TABLE officer FORCE ROW LEVEL SECURITY;
CREATE POLICY officer_scope ON officer USING (app_sees_village(village_code)) WITH CHECK (app_sees_village(village_code));

ALTER TABLE guardian ENABLE ROW LEVEL SECURITY;
ALTER TABLE guardian FORCE ROW LEVEL SECURITY;
CREATE POLICY guardian_scope ON guardian USING (app_sees_village(village_code)) WITH CHECK (app_sees_village(village_code));

ALTER TABLE visit ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit FORCE ROW LEVEL SECURITY;
CREATE POLICY visit_scope ON visit USING (app_sees_village(village_code)) WITH CHECK (app_sees_village(village_code));

ALTER TABLE dispute ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute FORCE ROW LEVEL SECURITY;
CREATE POLICY dispute_scope ON dispute USING (app_sees_village(village_code)) WITH CHECK (app_sees_village(village_code));

ALTER TABLE hazard ENABLE ROW LEVEL SECURITY;
ALTER TABLE hazard FORCE ROW LEVEL SECURITY;
CREATE POLICY hazard_scope ON hazard USING (app_sees_village(village_code)) WITH CHECK (app_sees_village(village_code));

-- A status change is visible with the dispute or hazard it belongs to (their own policies apply
-- inside the subqueries).
ALTER TABLE status_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE status_change FORCE ROW LEVEL SECURITY;
CREATE POLICY status_change_scope ON status_change
  USING (EXISTS (SELECT 1 FROM dispute d WHERE entity = 'dispute' AND d.id = entity_id)
      OR EXISTS (SELECT 1 FROM hazard z WHERE entity = 'hazard' AND z.id = entity_id))
  WITH CHECK (EXISTS (SELECT 1 FROM dispute d WHERE entity = 'dispute' AND d.id = entity_id)
      OR EXISTS (SELECT 1 FROM hazard z WHERE entity = 'hazard' AND z.id = entity_id));

-- Imports are county-wide bookkeeping.
ALTER TABLE import_batch ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batch FORCE ROW LEVEL SECURITY;
CREATE POLICY import_batch_scope ON import_batch
  USING (current_setting('app.scope', true) = 'county') WITH CHECK (current_setting('app.scope', true) = 'county');

-- Where a row lives, whatever the caller may see: tells "another township's" (403) from "no
-- such row" (404). Answers only the village code, never the row.
CREATE FUNCTION app_village_of(kind text, row_id text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET app.scope = 'county' AS $$
  SELECT CASE kind
           WHEN 'dispute' THEN (SELECT village_code FROM dispute WHERE id = row_id)
           WHEN 'hazard' THEN (SELECT village_code FROM hazard WHERE id = row_id)
           WHEN 'visit' THEN (SELECT village_code FROM visit WHERE id = row_id)
           WHEN 'village' THEN (SELECT code FROM village WHERE code = row_id)
           WHEN 'officer' THEN (SELECT village_code FROM officer WHERE id = row_id)
         END
$$;

-- The village containing a point, whatever the caller may see (intake: 403 outside one's scope,
-- 422 outside the county).
CREATE FUNCTION app_village_at(lng double precision, lat double precision) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET app.scope = 'county' AS $$
  SELECT code FROM village WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(lng, lat), 4326)) ORDER BY code LIMIT 1
$$;

CREATE TABLE app_user (
  id             serial PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  role           text NOT NULL CHECK (role IN ('county', 'township', 'officer', 'wall', 'admin')),
  township_code  text REFERENCES township (code),
  -- No foreign key: regenerating the synthetic operations truncates and rebuilds officers (same
  -- ids for the same seed); an officer user whose record is gone simply sees nothing.
  officer_id     text,
  password_hash  text NOT NULL,
  disabled       boolean NOT NULL DEFAULT false,
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz,
  -- A township chief has a township; an officer has an officer record (and so its villages).
  CHECK (CASE role
           WHEN 'township' THEN township_code IS NOT NULL AND officer_id IS NULL
           WHEN 'officer' THEN officer_id IS NOT NULL AND township_code IS NULL
           ELSE township_code IS NULL AND officer_id IS NULL
         END)
);

-- A wall screen's long-lived credential; only its SHA-256 is stored, and revoking it ends its sessions.
CREATE TABLE device_token (
  id           serial PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  user_id      integer NOT NULL REFERENCES app_user (id),
  token_sha256 text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Sessions by the SHA-256 of their cookie value, so a leaked table gives no usable cookie.
CREATE TABLE app_session (
  token_sha256 text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user (id),
  device_id    integer REFERENCES device_token (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX app_session_user_idx ON app_session (user_id);

-- Append-only: the app role may add and read entries, and a trigger refuses any change or
-- deletion, whoever asks.
CREATE TABLE audit_log (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  actor   text NOT NULL,
  role    text,
  action  text NOT NULL,
  target  text,
  detail  jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip      text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- What the request role may do. Reads everywhere (RLS filters), writes only where the API writes.
GRANT USAGE ON SCHEMA public TO hengyang_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO hengyang_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hengyang_app;
GRANT INSERT, UPDATE ON dispute, hazard, visit TO hengyang_app;
GRANT INSERT ON status_change, import_batch TO hengyang_app;
GRANT UPDATE (geom, boundary_source) ON village, township TO hengyang_app;
GRANT INSERT, UPDATE ON app_user, device_token TO hengyang_app;
GRANT INSERT, UPDATE, DELETE ON app_session TO hengyang_app;
GRANT INSERT ON audit_log TO hengyang_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM hengyang_app;
REVOKE ALL ON schema_migrations FROM hengyang_app;
