-- 017: the map's version (issue 16). The village layer is 362 KB of JSON for the county's 491
-- villages, and two thirds of it (240 KB) never change with the filter: each village's geometry, names,
-- kind, population, boundary source and label point. villages.sql wrote all of it on every
-- request (writing it cost about 4 of the 13 ms of the statement, and moving 391 KB from the
-- database to the API 1.4 ms more at the median, 5.5 at the 95th percentile). The API now keeps those parts
-- (api/queries/village-heads.ts) and asks the database only for the metrics; the kept parts are
-- valid for one token of map_version, which changes with every statement that writes to village
-- or township (a boundary import, a rename, the seed), in that statement's transaction.
--
-- The token is random, not a counter: two databases (a test's and another, a copy restored in
-- place of the live one) never share one, so a token seen again means the same villages. Every
-- request reads the token in the same statement as its metrics, so its answer never pairs metrics
-- with heads older than the token it read.
--
-- The triggers run BEFORE each statement: a writer takes this one row's lock before any village
-- or township row of its own, so two writers wait for each other in one order (taken after the
-- rows, a boundary import updating one village per statement could deadlock with another writer
-- holding a village it reaches later). Such writes are rare (boundary imports, admins only; the
-- seed). They fire ALWAYS, under session_replication_role = replica too. A table restored with
-- its triggers disabled (pg_restore --disable-triggers) leaves the token as it was: restart the
-- API after one.

CREATE TABLE map_version (
  one   boolean PRIMARY KEY DEFAULT true CHECK (one),
  token text NOT NULL
);
INSERT INTO map_version (token) VALUES (gen_random_uuid()::text);
SELECT app_protect('map_version', 'true');
GRANT SELECT ON map_version TO hengyang_county, hengyang_app;

-- SECURITY DEFINER: the request role that writes villages (hengyang_county, a boundary import)
-- cannot write map_version itself. Executable by no one but the owner, and only on village and
-- township: attached to a table of one's own it would churn the token and hold its lock.
CREATE FUNCTION map_version_bump() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID NOT IN ('public.village'::regclass, 'public.township'::regclass) THEN
    RAISE EXCEPTION 'map_version_bump() follows public.village and public.township only';
  END IF;
  UPDATE map_version SET token = gen_random_uuid()::text;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION map_version_bump() FROM PUBLIC;

CREATE TRIGGER village_map_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON village
  FOR EACH STATEMENT EXECUTE FUNCTION map_version_bump();
CREATE TRIGGER township_map_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON township
  FOR EACH STATEMENT EXECUTE FUNCTION map_version_bump();
ALTER TABLE village ENABLE ALWAYS TRIGGER village_map_version;
ALTER TABLE township ENABLE ALWAYS TRIGGER township_map_version;
