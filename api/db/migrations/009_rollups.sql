-- 009: rollups (issue 16). Per-village daily and monthly sums of the flows (disputes received,
-- concluded and concluded successfully; hazards reported; visits per officer and village), kept
-- by statement triggers in the transaction of every write to dispute, hazard and visit (intake,
-- status change, import, seeding, campaign tagging), so there is no window in which they are
-- stale. village_metrics reads a period's flows and coverage from them: whole months from the
-- month tables, whole days from the day tables, and only the part-days at the window's edges
-- from the raw rows (rollup_ranges). A year's flows then cost about 12 x villages rows whatever
-- the volume stored, where they used to cost every case of the year.
--
-- Not rolled up, on purpose:
--   * open and overdue stocks: read "as of" an instant through the interval (GiST) indexes of
--     001, whose cost follows the cases open at that instant, not the history;
--   * filtered views (categories, statuses, a campaign): the rollups carry no such keys (keyed,
--     they would hold about as many rows as the cases at this county's volume), so a filtered
--     view reads the raw rows of its period, as before.
-- case_rollup_rebuild() and visit_rollup_rebuild() rebuild the tables from the raw rows
-- (npm run rollups:rebuild); api/queries/rollups.db.test.ts holds them to the raw definitions.

CREATE TABLE case_day (
  village_code        text NOT NULL,
  day                 date NOT NULL,
  disputes_received   integer NOT NULL DEFAULT 0,
  disputes_concluded  integer NOT NULL DEFAULT 0,
  disputes_successful integer NOT NULL DEFAULT 0,
  hazards_reported    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, village_code)
);

CREATE TABLE case_month (
  village_code        text NOT NULL,
  month               date NOT NULL CHECK (extract(day FROM month) = 1),
  disputes_received   integer NOT NULL DEFAULT 0,
  disputes_concluded  integer NOT NULL DEFAULT 0,
  disputes_successful integer NOT NULL DEFAULT 0,
  hazards_reported    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, village_code)
);

-- Seen like the cases they sum: a chief reads their township's rows only.
SELECT app_protect('case_day', app_scope_policy('village_code', false));
SELECT app_protect('case_month', app_scope_policy('village_code', false));
GRANT SELECT ON case_day, case_month TO hengyang_county, hengyang_app;

-- What one case adds to the flows, in one place for the triggers and the rebuild: +s at the
-- instant it was received (reported), +s concluded (and successful) at the instant it concluded.
CREATE TYPE case_delta AS (
  village_code        text,
  at                  timestamptz,
  disputes_received   integer,
  disputes_concluded  integer,
  disputes_successful integer,
  hazards_reported    integer
);

CREATE FUNCTION dispute_case_deltas(p_village text, p_received timestamptz, p_concluded timestamptz, p_status text, s integer)
  RETURNS SETOF case_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT p_village, p_received, s, 0, 0, 0
  UNION ALL
  SELECT p_village, p_concluded, 0, s, CASE WHEN p_status = '调解成功' THEN s ELSE 0 END, 0
  WHERE p_concluded IS NOT NULL
$$;

CREATE FUNCTION hazard_case_deltas(p_village text, p_reported timestamptz, s integer)
  RETURNS SETOF case_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT p_village, p_reported, 0, 0, 0, s
$$;

-- The upsert of one statement's deltas into both tables, as SQL around the query that yields them
-- (case_delta rows): the trigger functions EXECUTE it, because only a trigger function's own
-- statements see its transition tables. Set-based, so a bulk load is one aggregate, with nothing
-- held in memory per row. Keys are sorted and months come before days, so the rows of one statement
-- are locked in one order by every writer.
CREATE FUNCTION case_rollup_sql(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH x AS MATERIALIZED (
      SELECT d.village_code, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day,
             d.disputes_received AS dr, d.disputes_concluded AS dc, d.disputes_successful AS ds, d.hazards_reported AS hr
      FROM (%s) d
    ),
    months AS (
      INSERT INTO case_month AS c (village_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
      SELECT village_code, date_trunc('month', day::timestamp)::date, sum(dr), sum(dc), sum(ds), sum(hr)
      FROM x GROUP BY 1, 2
      HAVING sum(dr) <> 0 OR sum(dc) <> 0 OR sum(ds) <> 0 OR sum(hr) <> 0
      ORDER BY 2, 1
      ON CONFLICT (month, village_code) DO UPDATE SET
        disputes_received = c.disputes_received + EXCLUDED.disputes_received,
        disputes_concluded = c.disputes_concluded + EXCLUDED.disputes_concluded,
        disputes_successful = c.disputes_successful + EXCLUDED.disputes_successful,
        hazards_reported = c.hazards_reported + EXCLUDED.hazards_reported
      RETURNING 1
    ),
    days AS (
      INSERT INTO case_day AS c (village_code, day, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
      SELECT village_code, day, sum(dr), sum(dc), sum(ds), sum(hr)
      FROM x GROUP BY 1, 2
      HAVING sum(dr) <> 0 OR sum(dc) <> 0 OR sum(ds) <> 0 OR sum(hr) <> 0
      ORDER BY 2, 1
      ON CONFLICT (day, village_code) DO UPDATE SET
        disputes_received = c.disputes_received + EXCLUDED.disputes_received,
        disputes_concluded = c.disputes_concluded + EXCLUDED.disputes_concluded,
        disputes_successful = c.disputes_successful + EXCLUDED.disputes_successful,
        hazards_reported = c.hazards_reported + EXCLUDED.hazards_reported
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM months) + (SELECT count(*) FROM days)
  $q$, deltas)
$f$;

-- Both tables again from the raw rows, set-based. Owner only: the rollups CLI and the TRUNCATE
-- triggers. Writers of the cases wait (SHARE locks) until it commits, so none can interleave its
-- row locks with the rebuild's (a deadlock) or add a key the rebuild is about to add.
CREATE FUNCTION case_rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE dispute, hazard IN SHARE MODE;
  DELETE FROM case_month;
  DELETE FROM case_day;
  INSERT INTO case_day (village_code, day, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT x.village_code, (x.at AT TIME ZONE 'Asia/Shanghai')::date,
         sum(x.disputes_received), sum(x.disputes_concluded), sum(x.disputes_successful), sum(x.hazards_reported)
  FROM (
    SELECT y.* FROM dispute d, dispute_case_deltas(d.village_code, d.received_at, d.concluded_at, d.status, 1) y
    UNION ALL
    SELECT y.* FROM hazard h, hazard_case_deltas(h.village_code, h.reported_at, 1) y
  ) x
  GROUP BY 1, 2;
  INSERT INTO case_month (village_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT village_code, date_trunc('month', day::timestamp)::date,
         sum(disputes_received), sum(disputes_concluded), sum(disputes_successful), sum(hazards_reported)
  FROM case_day GROUP BY 1, 2;
END $$;
REVOKE EXECUTE ON FUNCTION case_rollup_rebuild() FROM PUBLIC;

-- Statement triggers with transition tables. An UPDATE subtracts the old rows and adds the new
-- ones, leaving out the rows whose counted columns did not change (a campaign tag, a summary).
-- Executable by no one but the owner: a SECURITY DEFINER trigger function that anyone could
-- attach to a table of their own (a temporary one) would write any township's sums.
CREATE FUNCTION dispute_rollup() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.dispute'::regclass THEN
    RAISE EXCEPTION 'dispute_rollup() keeps the rollups of public.dispute only';
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE case_rollup_sql($d$
      SELECT y.* FROM new_rows n, dispute_case_deltas(n.village_code, n.received_at, n.concluded_at, n.status, 1) y $d$);
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE case_rollup_sql($d$
      SELECT y.* FROM new_rows n, dispute_case_deltas(n.village_code, n.received_at, n.concluded_at, n.status, 1) y
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id
                          AND (o.village_code, o.received_at, o.concluded_at, o.status) IS NOT DISTINCT FROM (n.village_code, n.received_at, n.concluded_at, n.status))
      UNION ALL
      SELECT y.* FROM old_rows o, dispute_case_deltas(o.village_code, o.received_at, o.concluded_at, o.status, -1) y
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id
                          AND (o.village_code, o.received_at, o.concluded_at, o.status) IS NOT DISTINCT FROM (n.village_code, n.received_at, n.concluded_at, n.status)) $d$);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE case_rollup_sql($d$
      SELECT y.* FROM old_rows o, dispute_case_deltas(o.village_code, o.received_at, o.concluded_at, o.status, -1) y $d$);
  ELSE
    PERFORM case_rollup_rebuild();
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION dispute_rollup() FROM PUBLIC;

CREATE FUNCTION hazard_rollup() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.hazard'::regclass THEN
    RAISE EXCEPTION 'hazard_rollup() keeps the rollups of public.hazard only';
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE case_rollup_sql($d$ SELECT y.* FROM new_rows n, hazard_case_deltas(n.village_code, n.reported_at, 1) y $d$);
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE case_rollup_sql($d$
      SELECT y.* FROM new_rows n, hazard_case_deltas(n.village_code, n.reported_at, 1) y
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND (o.village_code, o.reported_at) IS NOT DISTINCT FROM (n.village_code, n.reported_at))
      UNION ALL
      SELECT y.* FROM old_rows o, hazard_case_deltas(o.village_code, o.reported_at, -1) y
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND (o.village_code, o.reported_at) IS NOT DISTINCT FROM (n.village_code, n.reported_at)) $d$);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE case_rollup_sql($d$ SELECT y.* FROM old_rows o, hazard_case_deltas(o.village_code, o.reported_at, -1) y $d$);
  ELSE
    PERFORM case_rollup_rebuild();
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION hazard_rollup() FROM PUBLIC;

CREATE TRIGGER dispute_rollup_insert AFTER INSERT ON dispute REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_rollup();
CREATE TRIGGER dispute_rollup_update AFTER UPDATE ON dispute REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_rollup();
CREATE TRIGGER dispute_rollup_delete AFTER DELETE ON dispute REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_rollup();
CREATE TRIGGER dispute_rollup_truncate AFTER TRUNCATE ON dispute
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_rollup();
CREATE TRIGGER hazard_rollup_insert AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_rollup();
CREATE TRIGGER hazard_rollup_update AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_rollup();
CREATE TRIGGER hazard_rollup_delete AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_rollup();
CREATE TRIGGER hazard_rollup_truncate AFTER TRUNCATE ON hazard
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_rollup();

SELECT case_rollup_rebuild();

-- How a window [a, b) splits for the rollups: whole months [m0, m1) from the month tables, the
-- other whole days [d0, g0) and [g1, d1) from the day tables, and the part-days at either edge,
-- [a, e0) and [e1, b), from the raw rows. Local (Asia/Shanghai) days; an empty range has lo = hi.
CREATE FUNCTION rollup_ranges(a timestamptz, b timestamptz)
RETURNS TABLE (m0 date, m1 date, d0 date, g0 date, g1 date, d1 date, e0 timestamptz, e1 timestamptz)
LANGUAGE sql IMMUTABLE AS $$
WITH
-- the whole days [d0, d1) inside [a, b); none: d1 = d0
d AS (
  SELECT d0, greatest(d0, d1) AS d1
  FROM (
    SELECT CASE WHEN la = date_trunc('day', la) THEN la::date ELSE la::date + 1 END AS d0, lb::date AS d1
    FROM (SELECT a AT TIME ZONE 'Asia/Shanghai' AS la, b AT TIME ZONE 'Asia/Shanghai' AS lb) l
  ) x
),
-- the whole months [m0, m1) inside the whole days; none: m1 = m0
m AS (
  SELECT d0, d1, m0, greatest(m0, m1) AS m1
  FROM (
    SELECT d0, d1,
           CASE WHEN extract(day FROM d0) = 1 THEN d0 ELSE (date_trunc('month', d0::timestamp) + interval '1 month')::date END AS m0,
           date_trunc('month', d1::timestamp)::date AS m1
    FROM d
  ) x
)
SELECT m0, m1, d0,
       CASE WHEN m0 < m1 THEN m0 ELSE d1 END,
       CASE WHEN m0 < m1 THEN m1 ELSE d1 END,
       d1,
       CASE WHEN d0 < d1 THEN d0::timestamp AT TIME ZONE 'Asia/Shanghai' ELSE b END,
       CASE WHEN d0 < d1 THEN d1::timestamp AT TIME ZONE 'Asia/Shanghai' ELSE b END
FROM m
$$;

-- The flows of [a, b) per village, as village_metrics counts them from the raw rows (see
-- rollup_ranges). p_township (NULL: all) narrows to one township. Every range is one scalar bound
-- pair (InitPlans), so each branch is one index range scan. PL/pgSQL, not SQL, on purpose: an SQL
-- function is inlined and planned again inside every query that calls it (23 ms of planning per
-- village_metrics call), where PL/pgSQL keeps its plan for the session.
CREATE FUNCTION case_flow_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (village_code text, disputes_received integer, disputes_concluded integer, disputes_successful integer, hazards_reported integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.village_code, c.disputes_received AS dr, c.disputes_concluded AS dc, c.disputes_successful AS ds, c.hazards_reported AS hr
  FROM case_month c WHERE c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT x.village_code, 1, 0, 0, 0 FROM dispute x WHERE x.received_at >= a AND x.received_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.village_code, 1, 0, 0, 0 FROM dispute x WHERE x.received_at >= (SELECT e1 FROM g) AND x.received_at < b
  UNION ALL
  SELECT x.village_code, 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0
  FROM dispute x WHERE x.concluded_at >= a AND x.concluded_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.village_code, 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0
  FROM dispute x WHERE x.concluded_at >= (SELECT e1 FROM g) AND x.concluded_at < b
  UNION ALL
  SELECT x.village_code, 0, 0, 0, 1 FROM hazard x WHERE x.reported_at >= a AND x.reported_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.village_code, 0, 0, 0, 1 FROM hazard x WHERE x.reported_at >= (SELECT e1 FROM g) AND x.reported_at < b
)
SELECT village_code, sum(dr)::int, sum(dc)::int, sum(ds)::int, sum(hr)::int
FROM parts
WHERE coalesce(p_township, '') = '' OR left(village_code, 9) = p_township
GROUP BY village_code;
END $$;

-- Visits per officer and village, the same way: coverage counts a quarter's visits per village
-- and each officer's visits over 182 days (their rhythm).
CREATE TABLE visit_day (
  officer_id   text NOT NULL,
  village_code text NOT NULL,
  day          date NOT NULL,
  visits       integer NOT NULL,
  PRIMARY KEY (day, officer_id, village_code)
);
CREATE TABLE visit_month (
  officer_id   text NOT NULL,
  village_code text NOT NULL,
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  visits       integer NOT NULL,
  PRIMARY KEY (month, officer_id, village_code)
);
SELECT app_protect('visit_day', app_scope_policy('village_code', false));
SELECT app_protect('visit_month', app_scope_policy('village_code', false));
GRANT SELECT ON visit_day, visit_month TO hengyang_county, hengyang_app;

CREATE TYPE visit_delta AS (officer_id text, village_code text, at timestamptz, visits integer);

-- As case_rollup_sql, for visit_delta rows.
CREATE FUNCTION visit_rollup_sql(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH x AS MATERIALIZED (
      SELECT d.officer_id, d.village_code, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day, d.visits FROM (%s) d
    ),
    months AS (
      INSERT INTO visit_month AS c (officer_id, village_code, month, visits)
      SELECT officer_id, village_code, date_trunc('month', day::timestamp)::date, sum(visits) FROM x GROUP BY 1, 2, 3
      HAVING sum(visits) <> 0 ORDER BY 3, 1, 2
      ON CONFLICT (month, officer_id, village_code) DO UPDATE SET visits = c.visits + EXCLUDED.visits
      RETURNING 1
    ),
    days AS (
      INSERT INTO visit_day AS c (officer_id, village_code, day, visits)
      SELECT officer_id, village_code, day, sum(visits) FROM x GROUP BY 1, 2, 3
      HAVING sum(visits) <> 0 ORDER BY 3, 1, 2
      ON CONFLICT (day, officer_id, village_code) DO UPDATE SET visits = c.visits + EXCLUDED.visits
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM months) + (SELECT count(*) FROM days)
  $q$, deltas)
$f$;

CREATE FUNCTION visit_rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE visit IN SHARE MODE;
  DELETE FROM visit_month;
  DELETE FROM visit_day;
  INSERT INTO visit_day (officer_id, village_code, day, visits)
  SELECT officer_id, village_code, (visited_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM visit GROUP BY 1, 2, 3;
  INSERT INTO visit_month (officer_id, village_code, month, visits)
  SELECT officer_id, village_code, date_trunc('month', day::timestamp)::date, sum(visits) FROM visit_day GROUP BY 1, 2, 3;
END $$;
REVOKE EXECUTE ON FUNCTION visit_rollup_rebuild() FROM PUBLIC;

CREATE FUNCTION visit_rollup() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.visit'::regclass THEN
    RAISE EXCEPTION 'visit_rollup() keeps the rollups of public.visit only';
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE visit_rollup_sql($d$ SELECT n.officer_id, n.village_code, n.visited_at AS at, 1 AS visits FROM new_rows n $d$);
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE visit_rollup_sql($d$
      SELECT n.officer_id, n.village_code, n.visited_at AS at, 1 AS visits FROM new_rows n
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id
                          AND (o.officer_id, o.village_code, o.visited_at) IS NOT DISTINCT FROM (n.officer_id, n.village_code, n.visited_at))
      UNION ALL
      SELECT o.officer_id, o.village_code, o.visited_at, -1 FROM old_rows o
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id
                          AND (o.officer_id, o.village_code, o.visited_at) IS NOT DISTINCT FROM (n.officer_id, n.village_code, n.visited_at)) $d$);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE visit_rollup_sql($d$ SELECT o.officer_id, o.village_code, o.visited_at AS at, -1 AS visits FROM old_rows o $d$);
  ELSE
    PERFORM visit_rollup_rebuild();
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION visit_rollup() FROM PUBLIC;

CREATE TRIGGER visit_rollup_insert AFTER INSERT ON visit REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup();
CREATE TRIGGER visit_rollup_update AFTER UPDATE ON visit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup();
CREATE TRIGGER visit_rollup_delete AFTER DELETE ON visit REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup();
CREATE TRIGGER visit_rollup_truncate AFTER TRUNCATE ON visit
  FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup();

SELECT visit_rollup_rebuild();

-- Visits of [a, b) per officer and village (see rollup_ranges); p_township as above.
CREATE FUNCTION visit_flow_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (officer_id text, village_code text, visits integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.officer_id, c.village_code, c.visits FROM visit_month c WHERE c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= a AND x.visited_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= (SELECT e1 FROM g) AND x.visited_at < b
)
SELECT officer_id, village_code, sum(visits)::int
FROM parts
WHERE coalesce(p_township, '') = '' OR left(village_code, 9) = p_township
GROUP BY officer_id, village_code
HAVING sum(visits) <> 0;
END $$;

-- village_metrics reads its flows from the rollups when nothing filters the cases; its
-- definitions do not change (api/queries/rollups.db.test.ts compares both paths). Same
-- signature, so CREATE OR REPLACE keeps every caller and grant.
CREATE OR REPLACE FUNCTION village_metrics(
  p_from     timestamptz,
  p_to       timestamptz,
  p_ref      timestamptz,
  p_required integer,
  p_township text,
  p_silence_days integer,
  p_categories text[] DEFAULT NULL,
  p_statuses text[] DEFAULT NULL,
  p_campaign text DEFAULT NULL
) RETURNS TABLE (
  village_code        text,
  township_code       text,
  population          integer,
  disputes            integer,
  disputes_concluded  integer,
  disputes_successful integer,
  disputes_open       integer,
  hazards             integer,
  hazards_open        integer,
  hazards_overdue     integer,
  hazards_open_s1     integer,
  hazards_open_s2     integer,
  hazards_open_s3     integer,
  hazards_open_s4     integer,
  visits_quarter      integer,
  last_visit_at       timestamptz,
  officer_id          text,
  expected_visits     integer,
  coverage_status     text,
  last_report_at      timestamptz,
  silent              boolean
) LANGUAGE sql STABLE AS $$
WITH
-- the villages in scope
v AS (
  SELECT code, township_code, population
  FROM village
  WHERE coalesce(p_township, '') = '' OR township_code = p_township
),
-- the calendar quarter (Asia/Shanghai) that contains p_ref
q AS (
  SELECT date_trunc('quarter', p_ref AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS q_start,
         (date_trunc('quarter', p_ref AT TIME ZONE 'Asia/Shanghai') + interval '3 months') AT TIME ZONE 'Asia/Shanghai' AS q_end
),
-- the flows of the period from the rollups, when no filter narrows the cases (the default views);
-- the success rate counts only what concluded by p_ref (r_late takes the rest off). The test of
-- the filters is written on the parameters alone, so the planner makes it a one-time filter and
-- never starts the path not taken (joined to a CTE, it scanned the raw index before testing it)
r_in AS (
  SELECT f.* FROM case_flow_sums(p_from, p_to, p_township) f WHERE p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL
),
-- conclusions in the period but after p_ref, taken off the rolled-up ones (an index range that is
-- empty unless the period runs on past "as of"): cheaper than a second pass over the rollups
r_late AS (
  SELECT d.village_code, count(*)::int AS concluded, count(*) FILTER (WHERE d.status = '调解成功')::int AS successful
  FROM dispute d
  WHERE p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL AND d.concluded_at > p_ref AND d.concluded_at >= p_from AND d.concluded_at < p_to
  GROUP BY d.village_code
),
-- disputes received in the period; outcomes known by p_ref
d_flow AS (
  SELECT r_in.village_code, r_in.disputes_received AS disputes FROM r_in
  UNION ALL
  SELECT d.village_code, count(*)::int AS disputes
  FROM dispute d
  WHERE NOT (p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL)
    AND d.received_at >= p_from AND d.received_at < p_to
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
-- disputes concluded in the period, whenever received: the success rate of the period's work
-- (a week's rate then rests on that week's ~100 conclusions, not on the few of its own intake)
d_done AS (
  SELECT r_in.village_code, r_in.disputes_concluded - coalesce(l.concluded, 0) AS concluded,
         r_in.disputes_successful - coalesce(l.successful, 0) AS successful
  FROM r_in LEFT JOIN r_late l ON l.village_code = r_in.village_code
  UNION ALL
  SELECT d.village_code,
         count(*)::int AS concluded,
         count(*) FILTER (WHERE d.status = '调解成功')::int AS successful
  FROM dispute d
  WHERE NOT (p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL)
    AND d.concluded_at >= p_from AND d.concluded_at < p_to AND d.concluded_at <= p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
-- disputes open at p_ref, whenever received
d_open AS (
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
h_flow AS (
  SELECT r_in.village_code, r_in.hazards_reported AS reported FROM r_in
  UNION ALL
  SELECT h.village_code, count(*)::int AS reported
  FROM hazard h
  WHERE NOT (p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL)
    AND h.reported_at >= p_from AND h.reported_at < p_to
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
),
-- hazards open at p_ref, whenever reported; overdue when past their deadline at p_ref
h_open AS (
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h
  WHERE tstzrange(h.reported_at, coalesce(h.closed_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
),
-- officer visits in the quarter so far: [q_start, p_ref]
vis AS (
  SELECT x.village_code, sum(x.visits)::int AS quarter
  FROM visit_flow_sums((SELECT q_start FROM q), p_ref + interval '1 microsecond', p_township) x
  GROUP BY x.village_code
),
-- each officer's visits over the last 182 days, (p_ref - 182 days, p_ref]: their rhythm (wherever
-- they were, so every township's)
rhythm AS (
  SELECT x.officer_id, sum(x.visits)::int AS recent
  FROM visit_flow_sums(p_ref - interval '182 days' + interval '1 microsecond', p_ref + interval '1 microsecond', NULL) x
  GROUP BY x.officer_id
),
-- the projection: this quarter's visits plus what the officer's rhythm fits into the days left
fc AS MATERIALIZED (
  SELECT v.code,
         o.id AS officer_id,
         coalesce(vis.quarter, 0) AS quarter,
         coalesce(vis.quarter, 0)
           + floor(coalesce(r.recent, 0) / 182.0 * extract(epoch FROM (q.q_end - p_ref)) / 86400)::int AS expected,
         (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = v.code AND x.visited_at <= p_ref) AS last_visit,
         (SELECT max(h.reported_at) FROM hazard h WHERE h.village_code = v.code AND h.reported_at <= p_ref) AS last_report
  FROM v
  CROSS JOIN q
  LEFT JOIN vis ON vis.village_code = v.code
  LEFT JOIN officer o ON o.village_code = v.code
  LEFT JOIN rhythm r ON r.officer_id = o.id
)
SELECT v.code, v.township_code, v.population,
       coalesce(df.disputes, 0), coalesce(dd.concluded, 0), coalesce(dd.successful, 0), coalesce(dop.open, 0),
       coalesce(hf.reported, 0), coalesce(hop.open, 0), coalesce(hop.overdue, 0),
       coalesce(hop.s1, 0), coalesce(hop.s2, 0), coalesce(hop.s3, 0), coalesce(hop.s4, 0),
       fc.quarter,
       fc.last_visit,
       fc.officer_id,
       fc.expected,
       CASE
         WHEN fc.quarter >= p_required THEN 'met'
         WHEN fc.expected >= p_required THEN 'at_risk'
         ELSE 'missed'
       END,
       fc.last_report,
       coalesce(greatest(fc.last_visit, fc.last_report), '-infinity'::timestamptz) < p_ref - make_interval(days => p_silence_days)
FROM v
JOIN fc ON fc.code = v.code
LEFT JOIN d_flow df ON df.village_code = v.code
LEFT JOIN d_done dd ON dd.village_code = v.code
LEFT JOIN d_open dop ON dop.village_code = v.code
LEFT JOIN h_flow hf ON hf.village_code = v.code
LEFT JOIN h_open hop ON hop.village_code = v.code
$$;
