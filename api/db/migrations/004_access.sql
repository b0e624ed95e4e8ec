-- 004: who may see what. Users, sessions, wall devices and the audit log; row-level security on
-- every table that holds township data, enforced for the table owner too (FORCE).
--
-- Request transactions never run as the connection's role (the schema owner, which runs
-- migrations and seeding): each drops to one of two roles with set_config('role', ..., true),
-- i.e. SET LOCAL ROLE. Both are NOLOGIN, without BYPASSRLS, and own nothing:
--   hengyang_county  county leaders, the wall, admins: every row (a policy of its own, USING true,
--                    so county-wide aggregates pay nothing per row)
--   hengyang_app     township chiefs and officers: rows of the scope in transaction-local settings
--     app.scope     'township' or 'villages'; anything else (unset, 'none') sees nothing
--     app.township  the township code
--     app.villages  comma-separated village codes (an officer's own villages)
-- A role with no policy on a table sees none of its rows: the default is deny.

DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['hengyang_county', 'hengyang_app'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS NOSUPERUSER NOINHERIT', r);
    END IF;
    -- The connection role must be able to SET ROLE to it (superusers always can).
    IF NOT pg_has_role(current_user, r, 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', r, current_user);
    END IF;
  END LOOP;
END $$;

-- hengyang_app's test for a row: a CASE on the settings (kept per row on purpose: scalar-subquery
-- settings stop PostgreSQL from answering max() from an index, which cost more than they saved).
CREATE FUNCTION app_scope_policy(col text, township_level boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN township_level THEN
    format($p$CASE current_setting('app.scope', true) WHEN 'township' THEN %1$I = current_setting('app.township', true)
                                                       WHEN 'villages' THEN %1$I = current_setting('app.township', true)
                                                       ELSE false END$p$, col)
  ELSE
    format($p$CASE current_setting('app.scope', true) WHEN 'township' THEN left(%1$I, 9) = current_setting('app.township', true)
                                                       WHEN 'villages' THEN %1$I = ANY (string_to_array(current_setting('app.villages', true), ','))
                                                       ELSE false END$p$, col)
  END
$$;

-- Three policies per table: the owner's (migrations, seeding, CLIs), the county role's, and the
-- scoped role's. Policies of one table are OR-ed, but each applies only to its own role.
CREATE FUNCTION app_protect(tab text, scoped_using text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tab);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tab);
  EXECUTE format('CREATE POLICY %I ON %I TO %I USING (true) WITH CHECK (true)', tab || '_owner', tab, current_user);
  EXECUTE format('CREATE POLICY %I ON %I TO hengyang_county USING (true) WITH CHECK (true)', tab || '_county', tab);
  IF scoped_using IS NOT NULL THEN
    EXECUTE format('CREATE POLICY %I ON %I TO hengyang_app USING (%s) WITH CHECK (%s)', tab || '_scope', tab, scoped_using, scoped_using);
  END IF;
END $$;

SELECT app_protect('township', app_scope_policy('code', true));
SELECT app_protect('village', app_scope_policy('code', false));
SELECT app_protect('officer', app_scope_policy('village_code', false));
SELECT app_protect('guardian', app_scope_policy('village_code', false));
SELECT app_protect('visit', app_scope_policy('village_code', false));
SELECT app_protect('dispute', app_scope_policy('village_code', false));
SELECT app_protect('hazard', app_scope_policy('village_code', false));
-- A status change is visible with the dispute or hazard it belongs to (their own policies apply
-- inside the subqueries).
SELECT app_protect('status_change',
  $p$EXISTS (SELECT 1 FROM dispute d WHERE entity = 'dispute' AND d.id = entity_id)
     OR EXISTS (SELECT 1 FROM hazard z WHERE entity = 'hazard' AND z.id = entity_id)$p$);
-- A township chief imports their own township's ledgers and sees only those batches.
ALTER TABLE import_batch ADD COLUMN township_code text;
SELECT app_protect('import_batch', app_scope_policy('township_code', true));

-- Where a row lives, whatever the caller may see: tells "another township's" (403) from "no
-- such row" (404). Answers only the village code, never the row.
CREATE FUNCTION app_village_of(kind text, row_id text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
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
  SET search_path = public, pg_temp AS $$
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

-- The routing and deadline rules are edited in the database by the county's administrators: every
-- change is audited there, whoever makes it (the database role, or app.actor when the API sets it).
CREATE FUNCTION audit_rule_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log (actor, role, action, target, detail)
  VALUES (coalesce(nullif(current_setting('app.actor', true), ''), 'db:' || session_user), NULL, 'rule.change', TG_TABLE_NAME,
          jsonb_build_object('op', TG_OP,
                             'old', CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                             'new', CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END));
  RETURN NULL;
END $$;
CREATE TRIGGER hazard_routing_audit AFTER INSERT OR UPDATE OR DELETE ON hazard_routing
  FOR EACH ROW EXECUTE FUNCTION audit_rule_change();
CREATE TRIGGER hazard_deadline_audit AFTER INSERT OR UPDATE OR DELETE ON hazard_deadline
  FOR EACH ROW EXECUTE FUNCTION audit_rule_change();

-- What the request roles may do. Reads everywhere (RLS filters), writes only where the API writes.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['hengyang_county', 'hengyang_app'] LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', r);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', r);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', r);
    EXECUTE format('GRANT INSERT, UPDATE ON dispute, hazard, visit TO %I', r);
    EXECUTE format('GRANT INSERT ON status_change, import_batch TO %I', r);
    EXECUTE format('GRANT UPDATE (geom, boundary_source) ON village, township TO %I', r);
    EXECUTE format('GRANT INSERT, UPDATE ON app_user, device_token TO %I', r);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON app_session TO %I', r);
    EXECUTE format('GRANT INSERT ON audit_log TO %I', r);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', r);
    EXECUTE format('REVOKE ALL ON schema_migrations FROM %I', r);
    EXECUTE format('GRANT EXECUTE ON FUNCTION app_village_of(text, text), app_village_at(double precision, double precision) TO %I', r);
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION app_village_of(text, text), app_village_at(double precision, double precision) FROM PUBLIC;
-- Chiefs' and officers' transactions never need the accounts: sign-in, sessions and the admin
-- pages run as hengyang_county. They may add audit entries (their intake), not read them.
REVOKE ALL ON app_user, app_session, device_token FROM hengyang_app;
REVOKE SELECT ON audit_log FROM hengyang_app;
