-- 018: the flows summed per township as well as per village (issue 16). A county-wide summary
-- read its flows from the per-village rollups of 009: at province scale (30,491 units in 1,525
-- townships) twelve months were 334,871 month rows and 320,626 day rows (the days of the month
-- not yet whole), 175-300 ms of a call, and a summary makes two calls. Per township the same
-- window is about a tenth of the rows (one per township and month or day: 58,000 against 655,000).
--
-- case_township_day and case_township_month hold what case_day and case_month hold, summed by
-- township (left(village_code, 9), the convention of 010's indexes). The same statement of every
-- write keeps them (case_rollup_sql below), before the village rows: township months, township
-- days, village months, village days. First, so that a writer never holds a village's rows while
-- it waits for its township's: an intake (one statement) then cannot deadlock with a ledger
-- import of several statements that holds the township's rows (village rows first, the intake
-- would hold its village's and wait for the township's, while the import's next statement waits
-- for that village's). Two transactions of several statements each can still deadlock on them, as
-- on the village rows before (the victim is answered 503). What this costs writers: two writes in
-- one township and month now meet on its month row until the first commits (they met before only
-- when they wrote the same village): an intake waits for a ledger import of its township to
-- commit, for as long as the import takes; intakes alone hold the row for milliseconds.
--
-- Who may read them: the county role, and a township's chief their own township's rows. An
-- officer scoped to some villages of a township must not see the township's sums (the other
-- villages' cases): their rows are none, and case_flow_totals reads the village rollups for them
-- (as it did for everyone), which row-level security narrows to their villages.
-- api/queries/rollups.db.test.ts holds the tables to the raw rows through every kind of write;
-- summary.db.test.ts holds scope_totals to the per-village metrics under each scope.

CREATE TABLE case_township_day (
  township_code       text NOT NULL,
  day                 date NOT NULL,
  disputes_received   integer NOT NULL DEFAULT 0,
  disputes_concluded  integer NOT NULL DEFAULT 0,
  disputes_successful integer NOT NULL DEFAULT 0,
  hazards_reported    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, township_code)
);

CREATE TABLE case_township_month (
  township_code       text NOT NULL,
  month               date NOT NULL CHECK (extract(day FROM month) = 1),
  disputes_received   integer NOT NULL DEFAULT 0,
  disputes_concluded  integer NOT NULL DEFAULT 0,
  disputes_successful integer NOT NULL DEFAULT 0,
  hazards_reported    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, township_code)
);

-- a township's chief: their township's rows; an officer of some villages, and anyone else: none
SELECT app_protect(t, $p$CASE current_setting('app.scope', true) WHEN 'township' THEN township_code = current_setting('app.township', true)
                                                                 ELSE false END$p$)
FROM unnest(ARRAY['case_township_day', 'case_township_month']) t;
GRANT SELECT ON case_township_day, case_township_month TO hengyang_county, hengyang_app;

-- 009's upsert of one statement's deltas, with the townships' rows, before the villages' (see the
-- header: a write holds a village's rows only while it holds its township's).
CREATE OR REPLACE FUNCTION case_rollup_sql(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH x AS MATERIALIZED (
      SELECT d.village_code, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day,
             d.disputes_received AS dr, d.disputes_concluded AS dc, d.disputes_successful AS ds, d.hazards_reported AS hr
      FROM (%s) d
    ),
    tmonths AS (
      INSERT INTO case_township_month AS c (township_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
      SELECT left(village_code, 9), date_trunc('month', day::timestamp)::date, sum(dr), sum(dc), sum(ds), sum(hr)
      FROM x GROUP BY 1, 2
      HAVING sum(dr) <> 0 OR sum(dc) <> 0 OR sum(ds) <> 0 OR sum(hr) <> 0
      ORDER BY 2, 1
      ON CONFLICT (month, township_code) DO UPDATE SET
        disputes_received = c.disputes_received + EXCLUDED.disputes_received,
        disputes_concluded = c.disputes_concluded + EXCLUDED.disputes_concluded,
        disputes_successful = c.disputes_successful + EXCLUDED.disputes_successful,
        hazards_reported = c.hazards_reported + EXCLUDED.hazards_reported
      RETURNING 1
    ),
    tdays AS (
      INSERT INTO case_township_day AS c (township_code, day, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
      SELECT left(village_code, 9), day, sum(dr), sum(dc), sum(ds), sum(hr)
      FROM x GROUP BY 1, 2
      HAVING sum(dr) <> 0 OR sum(dc) <> 0 OR sum(ds) <> 0 OR sum(hr) <> 0
      ORDER BY 2, 1
      ON CONFLICT (day, township_code) DO UPDATE SET
        disputes_received = c.disputes_received + EXCLUDED.disputes_received,
        disputes_concluded = c.disputes_concluded + EXCLUDED.disputes_concluded,
        disputes_successful = c.disputes_successful + EXCLUDED.disputes_successful,
        hazards_reported = c.hazards_reported + EXCLUDED.hazards_reported
      RETURNING 1
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
    SELECT (SELECT count(*) FROM tmonths) + (SELECT count(*) FROM tdays) + (SELECT count(*) FROM months) + (SELECT count(*) FROM days)
  $q$, deltas)
$f$;

-- The case rollups' triggers renamed so that they fire before the other statement triggers of
-- hazard (AFTER triggers of one event fire in name order): hazard_coverage_* and hazard_latest_*
-- lock the village's kept coverage and latest rows. Fired after them, an intake would hold its
-- village's latest row while waiting for its township's month row, which a ledger import holds
-- while its next statement waits for that latest row: a deadlock (rollups.db.test.ts). Fired
-- first, a writer waits for the township's rows holding nothing of that township. dispute's are
-- renamed alike, for one rule.
ALTER TRIGGER hazard_rollup_insert ON hazard RENAME TO hazard_case_rollup_insert;
ALTER TRIGGER hazard_rollup_update ON hazard RENAME TO hazard_case_rollup_update;
ALTER TRIGGER hazard_rollup_delete ON hazard RENAME TO hazard_case_rollup_delete;
ALTER TRIGGER hazard_rollup_truncate ON hazard RENAME TO hazard_case_rollup_truncate;
ALTER TRIGGER dispute_rollup_insert ON dispute RENAME TO dispute_case_rollup_insert;
ALTER TRIGGER dispute_rollup_update ON dispute RENAME TO dispute_case_rollup_update;
ALTER TRIGGER dispute_rollup_delete ON dispute RENAME TO dispute_case_rollup_delete;
ALTER TRIGGER dispute_rollup_truncate ON dispute RENAME TO dispute_case_rollup_truncate;

-- The townships' rows from the villages' (the same sums, in key order).
CREATE FUNCTION case_township_fill() RETURNS void LANGUAGE sql AS $$
  INSERT INTO case_township_day (township_code, day, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT left(village_code, 9), day, sum(disputes_received), sum(disputes_concluded), sum(disputes_successful), sum(hazards_reported)
  FROM case_day GROUP BY 1, 2
  ORDER BY 2, 1;
  INSERT INTO case_township_month (township_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT left(village_code, 9), month, sum(disputes_received), sum(disputes_concluded), sum(disputes_successful), sum(hazards_reported)
  FROM case_month GROUP BY 1, 2
  ORDER BY 2, 1;
$$;
REVOKE EXECUTE ON FUNCTION case_township_fill() FROM PUBLIC;

-- 013's rebuild, the townships' rows too.
CREATE OR REPLACE FUNCTION case_rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE dispute, hazard IN SHARE MODE;
  DELETE FROM case_month;
  DELETE FROM case_day;
  DELETE FROM case_township_month;
  DELETE FROM case_township_day;
  INSERT INTO case_day (village_code, day, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT x.village_code, (x.at AT TIME ZONE 'Asia/Shanghai')::date,
         sum(x.disputes_received), sum(x.disputes_concluded), sum(x.disputes_successful), sum(x.hazards_reported)
  FROM (
    SELECT y.* FROM dispute d, dispute_case_deltas(d.village_code, d.received_at, d.concluded_at, d.status, 1) y
    UNION ALL
    SELECT y.* FROM hazard h, hazard_case_deltas(h.village_code, h.reported_at, 1) y
  ) x
  GROUP BY 1, 2
  ORDER BY 2, 1;
  INSERT INTO case_month (village_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT village_code, date_trunc('month', day::timestamp)::date,
         sum(disputes_received), sum(disputes_concluded), sum(disputes_successful), sum(hazards_reported)
  FROM case_day GROUP BY 1, 2
  ORDER BY 2, 1;
  PERFORM case_township_fill();
END $$;

SELECT case_township_fill();
ANALYZE case_township_day, case_township_month;

-- a township's rows in time order, for a township's flows (case_flow_totals below)
CREATE INDEX case_township_day_township_idx ON case_township_day (township_code, day);
CREATE INDEX case_township_month_township_idx ON case_township_month (township_code, month);

-- 015's county flows, from the townships' rows, and a township's (p_township) from its own rows;
-- an officer of some villages (who may read no township's rows, above) still from the villages'.
-- A township's summary summed its villages' rollups (case_flow_sums): 0.76 ms of a chief's 2.2
-- ms call at 1x under bench:load. The county's parts and a township's are separate branches,
-- each behind a test of the parameter alone, so that a township's reads its rows by the index
-- above (a test written `county OR township_code = p_township` reads every township's rows of
-- the period: at province scale 100,000 for twelve months). A new third argument (default NULL:
-- the county), so the function is dropped and made again; it is granted to PUBLIC as before.
DROP FUNCTION case_flow_totals(timestamptz, timestamptz);
CREATE FUNCTION case_flow_totals(a timestamptz, b timestamptz, p_township text DEFAULT NULL)
RETURNS TABLE (dr integer, dc integer, ds integer, hr integer)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  county     boolean := coalesce(p_township, '') = '';
  -- the township rows, or for an officer of some villages the village rows (see the header)
  by_village boolean := current_setting('app.scope', true) IS NOT DISTINCT FROM 'villages';
  by_county  boolean := NOT by_village AND county;
  by_one     boolean := NOT by_village AND NOT county;
BEGIN
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  -- the county: every township's rows
  SELECT c.disputes_received AS dr, c.disputes_concluded AS dc, c.disputes_successful AS ds, c.hazards_reported AS hr
  FROM case_township_month c WHERE by_county AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_township_day c WHERE by_county AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_township_day c WHERE by_county AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  -- a township: its own rows
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_township_month c
  WHERE by_one AND c.township_code = p_township AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_township_day c
  WHERE by_one AND c.township_code = p_township AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_township_day c
  WHERE by_one AND c.township_code = p_township AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  -- an officer of some villages: the village rows (row-level security narrows them)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_month c
  WHERE by_village AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g) AND (county OR left(c.village_code, 9) = p_township)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c
  WHERE by_village AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g) AND (county OR left(c.village_code, 9) = p_township)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c
  WHERE by_village AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g) AND (county OR left(c.village_code, 9) = p_township)
  -- the raw rows of the partial days at either end (a few hours: the township tested on each)
  UNION ALL
  SELECT 1, 0, 0, 0 FROM dispute x
  WHERE x.received_at >= a AND x.received_at < (SELECT e0 FROM g) AND (county OR left(x.village_code, 9) = p_township)
  UNION ALL
  SELECT 1, 0, 0, 0 FROM dispute x
  WHERE x.received_at >= (SELECT e1 FROM g) AND x.received_at < b AND (county OR left(x.village_code, 9) = p_township)
  UNION ALL
  SELECT 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0 FROM dispute x
  WHERE x.concluded_at >= a AND x.concluded_at < (SELECT e0 FROM g) AND (county OR left(x.village_code, 9) = p_township)
  UNION ALL
  SELECT 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0 FROM dispute x
  WHERE x.concluded_at >= (SELECT e1 FROM g) AND x.concluded_at < b AND (county OR left(x.village_code, 9) = p_township)
  UNION ALL
  SELECT 0, 0, 0, 1 FROM hazard x
  WHERE x.reported_at >= a AND x.reported_at < (SELECT e0 FROM g) AND (county OR left(x.village_code, 9) = p_township)
  UNION ALL
  SELECT 0, 0, 0, 1 FROM hazard x
  WHERE x.reported_at >= (SELECT e1 FROM g) AND x.reported_at < b AND (county OR left(x.village_code, 9) = p_township)
)
SELECT coalesce(sum(parts.dr), 0)::int, coalesce(sum(parts.dc), 0)::int, coalesce(sum(parts.ds), 0)::int, coalesce(sum(parts.hr), 0)::int
FROM parts;
END $$;

-- 016's scope_coverage, its kept-day reading counting the villages short of the quarter's visits
-- apart instead of joining them back to every village (at province scale, per call, 46-49 ms ->
-- 39 ms: the join sorted 30,491 rows and the 3,267 short ones), and a township read from the kept
-- day too, village by village: 016 summed its quarter and every officer's 182 days from the
-- rollups, two thirds of a summary's database time under bench:load's 25 chiefs (3.3 of 4.9 ms a
-- call at 1x; at province scale 4.8 -> 0.6 ms). Not the county's statement narrowed: its generic
-- plan hashes every officer of the map (under a chief's policy testing each, 8.8 ms at province
-- scale), and the county's own statement, given a township's branch beside it, cost 10% more. A
-- village whose kept row row-level security hides is not one the caller sees (village has the
-- same policy). The rollups' reading is 016's, for any other instant.
CREATE OR REPLACE FUNCTION scope_coverage(p_cov_ref timestamptz, p_required integer, p_township text, p_silence_days integer)
RETURNS TABLE (villages integer, met integer, at_risk integer, missed integer, silent integer)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  county     boolean := coalesce(p_township, '') = '';
  -- the county's silence window from its rows up to eight weeks (SILENCE_WEEKS is 4 by default);
  -- a longer one costs less from the rollups' month rows (at 10x, one call: 56 days 11.3 ms raw
  -- against 13.6, 91 days 14.2 against 11.1, a year 38 against 13)
  raw_heard  boolean := county AND coalesce(p_silence_days <= 56, false);
  -- a township's villages, as village_metrics finds them (found only for the kept day's statement)
  codes      text[];
  k coverage_base_day;
  kept       boolean;
BEGIN
  SELECT * INTO k FROM coverage_base_day b WHERE b.day = (p_cov_ref AT TIME ZONE 'Asia/Shanghai')::date;
  -- the kept day answers when the windows split at its midnights: the silence window starts at or
  -- before the day's midnight, and the rhythm's 182 days start in the day before r0 (not so, for a
  -- one-day window or the rhythm, only where the session's time zone has daylight saving)
  kept := k.day IS NOT NULL AND p_cov_ref - make_interval(days => p_silence_days) <= k.d0
          AND p_cov_ref - interval '182 days' < k.r0 AND p_cov_ref - interval '182 days' >= k.r0 - interval '1 day';
  IF kept AND NOT county THEN
    -- a township: each of its villages' kept row, and the day's own visits and reports by index
    codes := ARRAY(SELECT vl.code FROM village vl WHERE vl.township_code = p_township);
    RETURN QUERY
    WITH
    q AS (
      SELECT ((date_trunc('quarter', p_cov_ref AT TIME ZONE 'Asia/Shanghai') + interval '3 months') AT TIME ZONE 'Asia/Shanghai') AS q_end
    ),
    -- what the officers' rhythm holds outside the kept day, as the county's reading below counts it
    extra AS (
      SELECT x.officer_id, count(*)::int AS n
      FROM visit x
      WHERE (x.visited_at >= k.d0 AND x.visited_at <= p_cov_ref)
         OR (x.visited_at > p_cov_ref - interval '182 days' AND x.visited_at < k.r0)
      GROUP BY x.officer_id
    ),
    cv AS MATERIALIZED (
      SELECT c.quarter
               + (SELECT count(*) FROM visit x WHERE x.village_code = t.code AND x.visited_at >= k.d0 AND x.visited_at <= p_cov_ref)::int AS quarter,
             coalesce(c.last_heard >= p_cov_ref - make_interval(days => p_silence_days), false)
               OR EXISTS (SELECT 1 FROM visit x WHERE x.village_code = t.code AND x.visited_at >= k.d0 AND x.visited_at <= p_cov_ref)
               OR EXISTS (SELECT 1 FROM hazard y WHERE y.village_code = t.code AND y.reported_at >= k.d0 AND y.reported_at <= p_cov_ref) AS heard,
             (SELECT o.id FROM officer o WHERE o.village_code = t.code) AS officer_id
      FROM unnest(codes) t(code)
      JOIN coverage_village c ON c.day = k.day AND c.village_code = t.code
    ),
    fc AS (
      SELECT cv.quarter, cv.heard,
             cv.quarter
               + floor((coalesce((SELECT sum(r.visits) FROM coverage_rhythm r WHERE r.day = k.day AND r.officer_id = cv.officer_id), 0) + coalesce(e.n, 0))
                       / 182.0 * extract(epoch FROM (q.q_end - p_cov_ref)) / 86400)::int AS expected
      FROM cv
      CROSS JOIN q
      LEFT JOIN extra e ON e.officer_id = cv.officer_id
    )
    SELECT count(*)::int AS villages,
           count(*) FILTER (WHERE fc.quarter >= p_required)::int AS met,
           count(*) FILTER (WHERE fc.quarter < p_required AND fc.expected >= p_required)::int AS at_risk,
           count(*) FILTER (WHERE fc.quarter < p_required AND fc.expected < p_required)::int AS missed,
           count(*) FILTER (WHERE NOT fc.heard)::int AS silent
    FROM fc;
  ELSIF kept THEN
    RETURN QUERY
    WITH
    q AS (
      SELECT ((date_trunc('quarter', p_cov_ref AT TIME ZONE 'Asia/Shanghai') + interval '3 months') AT TIME ZONE 'Asia/Shanghai') AS q_end
    ),
    -- the day's visits up to p_cov_ref
    today AS MATERIALIZED (
      SELECT x.officer_id, x.village_code FROM visit x WHERE x.visited_at >= k.d0 AND x.visited_at <= p_cov_ref
    ),
    today_v AS (
      SELECT t.village_code, count(*)::int AS n FROM today t GROUP BY t.village_code
    ),
    heard_today AS (
      SELECT t.village_code FROM today t
      UNION
      SELECT y.village_code FROM hazard y WHERE y.reported_at >= k.d0 AND y.reported_at <= p_cov_ref
    ),
    -- each village's visits of the quarter so far: the kept whole days and the day's own
    cv AS (
      SELECT c.village_code, c.quarter + coalesce(tv.n, 0) AS quarter, c.last_heard
      FROM coverage_village c
      LEFT JOIN today_v tv ON tv.village_code = c.village_code
      WHERE c.day = k.day
    ),
    -- the rhythm's visits outside the kept day: the day's own, and the end of the day 182 days back
    extra AS (
      SELECT s.officer_id, count(*)::int AS n
      FROM (SELECT t.officer_id FROM today t
            UNION ALL
            SELECT x.officer_id FROM visit x WHERE x.visited_at > p_cov_ref - interval '182 days' AND x.visited_at < k.r0) s
      GROUP BY s.officer_id
    ),
    -- a village short of the quarter's visits: what its officer's rhythm still fits before the
    -- quarter ends (computed once per village, then counted: not joined back to every village;
    -- one row per village because officer.village_code is UNIQUE, which the counts rely on)
    short AS MATERIALIZED (
      SELECT cv.quarter
               + floor((coalesce((SELECT sum(r.visits) FROM coverage_rhythm r WHERE r.day = k.day AND r.officer_id = o.id), 0) + coalesce(e.n, 0))
                       / 182.0 * extract(epoch FROM (q.q_end - p_cov_ref)) / 86400)::int AS expected
      FROM cv
      CROSS JOIN q
      LEFT JOIN officer o ON o.village_code = cv.village_code
      LEFT JOIN extra e ON e.officer_id = o.id
      WHERE cv.quarter < p_required
    ),
    whole AS (
      SELECT count(*)::int AS villages,
             count(*) FILTER (WHERE cv.quarter >= p_required)::int AS met,
             count(*) FILTER (WHERE NOT coalesce(cv.last_heard >= p_cov_ref - make_interval(days => p_silence_days), false)
                                AND cv.village_code NOT IN (SELECT h.village_code FROM heard_today h))::int AS silent
      FROM cv
    ),
    split AS (
      SELECT count(*) FILTER (WHERE s.expected >= p_required)::int AS at_risk,
             count(*) FILTER (WHERE s.expected < p_required)::int AS missed
      FROM short s
    )
    SELECT w.villages, w.met, sp.at_risk, sp.missed, w.silent
    FROM whole w CROSS JOIN split sp;
  ELSE
    -- 014's reading: the quarter's visits and the rhythm from the rollups, silence as 014 says
    RETURN QUERY
    WITH
    -- the villages in scope, as village_metrics finds them (016)
    v AS (
      SELECT vl.code FROM village vl WHERE vl.township_code = p_township
      UNION ALL
      SELECT vl.code FROM village vl
      WHERE county AND (coalesce(p_township, '') = '' OR vl.township_code = p_township)
    ),
    q AS (
      SELECT (date_trunc('quarter', p_cov_ref AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') AS q_start,
             ((date_trunc('quarter', p_cov_ref AT TIME ZONE 'Asia/Shanghai') + interval '3 months') AT TIME ZONE 'Asia/Shanghai') AS q_end
    ),
    vis AS (
      SELECT x.village_code, sum(x.visits)::int AS quarter
      FROM visit_flow_sums((SELECT q_start FROM q), p_cov_ref + interval '1 microsecond', p_township) x
      GROUP BY x.village_code
    ),
    rhythm AS (
      SELECT x.officer_id, x.visits AS recent
      FROM officer_visit_sums(p_cov_ref - interval '182 days' + interval '1 microsecond', p_cov_ref + interval '1 microsecond', p_township) x
    ),
    -- heard from in [p_cov_ref - silence, p_cov_ref]: a visit or a hazard report. The county reads
    -- the window's rows from the time indexes alone (hazard_reported_idx and visit_time_idx carry the
    -- village) when the window is eight weeks or less; a township, or a longer window, the rollups.
    heard AS (
      SELECT y.village_code FROM hazard y
      WHERE raw_heard AND y.reported_at >= p_cov_ref - make_interval(days => p_silence_days) AND y.reported_at <= p_cov_ref
      UNION ALL
      SELECT x.village_code FROM visit x
      WHERE raw_heard AND x.visited_at >= p_cov_ref - make_interval(days => p_silence_days) AND x.visited_at <= p_cov_ref
      UNION ALL
      SELECT x.village_code FROM visit_flow_sums(p_cov_ref - make_interval(days => p_silence_days), p_cov_ref + interval '1 microsecond', p_township) x
      WHERE NOT raw_heard
      UNION ALL
      SELECT f.village_code FROM case_flow_sums(p_cov_ref - make_interval(days => p_silence_days), p_cov_ref + interval '1 microsecond', p_township) f
      WHERE NOT raw_heard AND f.hazards_reported > 0
    ),
    fc AS (
      SELECT v.code,
             coalesce(vis.quarter, 0) AS quarter,
             coalesce(vis.quarter, 0)
               + floor(coalesce(r.recent, 0) / 182.0 * extract(epoch FROM (q.q_end - p_cov_ref)) / 86400)::int AS expected
      FROM v
      CROSS JOIN q
      LEFT JOIN vis ON vis.village_code = v.code
      LEFT JOIN officer o ON o.village_code = v.code
      LEFT JOIN rhythm r ON r.officer_id = o.id
    )
    SELECT count(*)::int AS villages,
           count(*) FILTER (WHERE fc.quarter >= p_required)::int AS met,
           count(*) FILTER (WHERE fc.quarter < p_required AND fc.expected >= p_required)::int AS at_risk,
           count(*) FILTER (WHERE fc.quarter < p_required AND fc.expected < p_required)::int AS missed,
           -- DISTINCT: the generic plan guesses the raw branches' rows from the tables' size, and past
           -- the hash's memory a NOT IN rescans the window once per village; the distinct villages fit
           count(*) FILTER (WHERE fc.code NOT IN (SELECT DISTINCT heard.village_code FROM heard))::int AS silent
    FROM fc;
  END IF;
END $$;

-- 016's village_metrics, the county's unfiltered open stock at a recent "as of" counted as
-- scope_totals counts it (012): the cases open now and those closed since, each from an index
-- that now carries the village too (index-only), instead of the interval (GiST) indexes, whose
-- matches are read from the table, sorted and grouped. At 10x the county's volume (2,602 open
-- disputes, 2,721 open hazards) that part of a county-wide call was about 5 of its 14 ms; the
-- recent test is scope_totals' (the latest report less 92 days). The rest is 016's.
-- A township's open stock under its chief's row-level security. village_metrics and scope_totals
-- found a township's cases open now and closed since "as of" with left(village_code, 9) =
-- p_township, through the township indexes of 010 (expression indexes on left(village_code, 9)).
-- Under a policy that is not simply true (a chief's, an officer's), PostgreSQL may use a
-- condition as an index condition only if its functions are leakproof, and left() is not: the
-- chief's own summary then read every hazard ever reported before "as of" through
-- hazard_reported_idx. At province scale a chief's running-week summary took 1.3-2.1 s (8.5 ms as
-- the county), its village metrics 1.1 s; at the county's volume 15 ms against 5. The township's
-- villages are now named (village_code = ANY of them: text equality is leakproof), each read
-- through an index led by the village. In the cases closed since "as of", the test on the
-- received (reported) instant is written `(...) IS TRUE`, which no index answers: written plainly
-- it was an index condition, and the generic plan ANDed the township's few rows with every case
-- reported before "as of" (a bitmap of hazard_reported_idx, 347,594 rows at 10x: 10 ms of a call
-- that takes 6 without it). Statements whose window already bounds them (the period's raw rows
-- under a case filter, the conclusions after "as of") keep left(): their index is the instant's.
-- The indexes carry no other column: every reader also tests the category, status and campaigns.
CREATE INDEX dispute_open_village_idx ON dispute (village_code, received_at) WHERE concluded_at IS NULL;
CREATE INDEX dispute_concluded_village_idx ON dispute (village_code, concluded_at) WHERE concluded_at IS NOT NULL;
CREATE INDEX hazard_open_village_idx ON hazard (village_code, reported_at) WHERE closed_at IS NULL;
CREATE INDEX hazard_closed_village_idx ON hazard (village_code, closed_at) WHERE closed_at IS NOT NULL;

DROP INDEX dispute_open_now_idx;
CREATE INDEX dispute_open_now_idx ON dispute (received_at) INCLUDE (village_code) WHERE concluded_at IS NULL;
DROP INDEX dispute_concluded_idx;
CREATE INDEX dispute_concluded_idx ON dispute (concluded_at) INCLUDE (received_at, village_code) WHERE concluded_at IS NOT NULL;
DROP INDEX hazard_open_now_idx;
CREATE INDEX hazard_open_now_idx ON hazard (reported_at) INCLUDE (deadline, severity, village_code) WHERE closed_at IS NULL;
DROP INDEX hazard_closed_idx;
CREATE INDEX hazard_closed_idx ON hazard (closed_at) INCLUDE (reported_at, deadline, severity, village_code) WHERE closed_at IS NOT NULL;
ANALYZE dispute, hazard;

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
) LANGUAGE plpgsql STABLE ROWS 500 SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  k coverage_base_day;
  use_kept boolean;
  -- the county's unfiltered open stock as of a recent instant: open now plus closed since, from
  -- the covering indexes (as scope_totals counts it, 012); further back, the interval indexes
  recent boolean := coalesce(p_township, '') = '' AND p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL
                    AND coalesce(p_ref >= (SELECT max(y.reported_at) FROM hazard y) - interval '92 days', false);
  -- a township's villages (the cases' village_code = ANY, see the indexes above)
  codes text[] := CASE WHEN coalesce(p_township, '') = '' THEN NULL ELSE ARRAY(SELECT vl.code FROM village vl WHERE vl.township_code = p_township) END;
BEGIN
  -- the kept day of "as of" (migration 015), when the rhythm's 182 days start in the day before
  -- its r0 (as scope_coverage reads it; not so only where the session's time zone has daylight saving)
  SELECT * INTO k FROM coverage_base_day b WHERE b.day = (p_ref AT TIME ZONE 'Asia/Shanghai')::date;
  use_kept := k.day IS NOT NULL AND p_ref - interval '182 days' < k.r0 AND p_ref - interval '182 days' >= k.r0 - interval '1 day';
  RETURN QUERY
WITH
-- the villages in scope: a township's through village_township_idx, the county's all of them (see
-- the header for the second branch's repeated test)
v AS (
  SELECT code, township_code, population FROM village WHERE township_code = p_township
  UNION ALL
  SELECT code, township_code, population FROM village
  WHERE coalesce(p_township, '') = '' AND (coalesce(p_township, '') = '' OR township_code = p_township)
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
-- (the county, unfiltered and recent, as its cases open now and those concluded since p_ref from
-- the covering indexes; otherwise through the interval index, which finds the cases open at p_ref
-- among all; a township as its villages' cases open now and those concluded since p_ref, each
-- village through its own index range, so that its cost is its own stock, not the whole area's)
d_open_parts AS (
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d WHERE recent AND d.concluded_at IS NULL AND d.received_at <= p_ref
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d WHERE recent AND d.concluded_at > p_ref AND d.received_at <= p_ref
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') = '' AND NOT recent
    AND tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') <> '' AND d.concluded_at IS NULL
    AND d.village_code = ANY(codes) AND d.received_at <= p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') <> '' AND d.concluded_at > p_ref
    AND d.village_code = ANY(codes) AND (d.received_at <= p_ref) IS TRUE
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
d_open AS (
  SELECT village_code, sum(open)::int AS open FROM d_open_parts GROUP BY village_code
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
h_open_parts AS (
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h WHERE recent AND h.closed_at IS NULL AND h.reported_at <= p_ref
  GROUP BY h.village_code
  UNION ALL
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h WHERE recent AND h.closed_at > p_ref AND h.reported_at <= p_ref
  GROUP BY h.village_code
  UNION ALL
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h
  WHERE coalesce(p_township, '') = '' AND NOT recent
    AND tstzrange(h.reported_at, coalesce(h.closed_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
  UNION ALL
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h
  WHERE coalesce(p_township, '') <> '' AND h.closed_at IS NULL
    AND h.village_code = ANY(codes) AND h.reported_at <= p_ref
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
  UNION ALL
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h
  WHERE coalesce(p_township, '') <> '' AND h.closed_at > p_ref
    AND h.village_code = ANY(codes) AND (h.reported_at <= p_ref) IS TRUE
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
),
h_open AS (
  SELECT village_code, sum(open)::int AS open, sum(overdue)::int AS overdue,
         sum(s1)::int AS s1, sum(s2)::int AS s2, sum(s3)::int AS s3, sum(s4)::int AS s4
  FROM h_open_parts GROUP BY village_code
),
-- officer visits in the quarter so far: [q_start, p_ref]
vis AS (
  SELECT x.village_code, sum(x.visits)::int AS quarter
  FROM visit_flow_sums((SELECT q_start FROM q), p_ref + interval '1 microsecond', p_township) x
  WHERE NOT use_kept
  GROUP BY x.village_code
),
-- each officer's visits over the last 182 days, (p_ref - 182 days, p_ref]: their rhythm (wherever
-- they were, so every township's), for the officers of the villages in scope only
rhythm AS MATERIALIZED (
  SELECT x.officer_id, x.visits AS recent
  FROM officer_visit_sums(p_ref - interval '182 days' + interval '1 microsecond', p_ref + interval '1 microsecond', p_township) x
  WHERE NOT use_kept
),
-- from a kept day: the day's visits up to p_ref (every officer's: the rhythm counts their visits
-- anywhere), and what the rhythm adds outside the kept 181 days (the day's own, and the end of the
-- day 182 days back)
today AS MATERIALIZED (
  SELECT x.officer_id, x.village_code FROM visit x WHERE use_kept AND x.visited_at >= k.d0 AND x.visited_at <= p_ref
),
today_v AS (
  SELECT t.village_code, count(*)::int AS n FROM today t GROUP BY t.village_code
),
extra AS (
  SELECT s.officer_id, count(*)::int AS n
  FROM (SELECT t.officer_id FROM today t
        UNION ALL
        SELECT x.officer_id FROM visit x WHERE use_kept AND x.visited_at > p_ref - interval '182 days' AND x.visited_at < k.r0) s
  GROUP BY s.officer_id
),
-- per village in scope, its visits of the quarter and its officer's rhythm: from the rollups, or
-- from the kept day (the village's kept row, and its officer's kept visits summed through the
-- primary key of coverage_rhythm). One SELECT that picks, not two branches: a UNION ALL doubled
-- the row estimate of everything after it, and the plan then read village_latest whole twice for
-- a township (a township's call at province scale took 31-38 ms instead of 17-21). The sources of
-- the reading not taken are empty (their one-time filters), and the CASE never runs the other's
-- subquery.
qr AS MATERIALIZED (
  SELECT v.code, o.id AS officer_id,
         CASE WHEN use_kept THEN coalesce(c.quarter, 0) + coalesce(tv.n, 0) ELSE coalesce(vis.quarter, 0) END AS quarter,
         CASE WHEN use_kept
              THEN coalesce((SELECT sum(cr.visits) FROM coverage_rhythm cr WHERE cr.day = k.day AND cr.officer_id = o.id), 0)::int + coalesce(e.n, 0)
              ELSE coalesce(r.recent, 0)
         END AS recent
  FROM v
  LEFT JOIN vis ON vis.village_code = v.code
  LEFT JOIN officer o ON o.village_code = v.code
  LEFT JOIN rhythm r ON r.officer_id = o.id
  LEFT JOIN coverage_village c ON use_kept AND c.day = k.day AND c.village_code = v.code
  LEFT JOIN today_v tv ON tv.village_code = v.code
  LEFT JOIN extra e ON e.officer_id = o.id
),
-- the projection: this quarter's visits plus what the officer's rhythm fits into the days left
fc AS MATERIALIZED (
  SELECT qr.code,
         qr.officer_id,
         qr.quarter,
         qr.quarter + floor(qr.recent / 182.0 * extract(epoch FROM (q.q_end - p_ref)) / 86400)::int AS expected,
         -- the kept latest when it is not after "as of" (a live view); a view of the past probes
         CASE WHEN lv.at <= p_ref THEN lv.at
              WHEN lv.at > p_ref THEN (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = qr.code AND x.visited_at <= p_ref)
         END AS last_visit,
         CASE WHEN lr.at <= p_ref THEN lr.at
              WHEN lr.at > p_ref THEN (SELECT max(h.reported_at) FROM hazard h WHERE h.village_code = qr.code AND h.reported_at <= p_ref)
         END AS last_report
  FROM qr
  CROSS JOIN q
  LEFT JOIN village_latest lv ON lv.village_code = qr.code AND lv.kind = 'visit'
  LEFT JOIN village_latest lr ON lr.village_code = qr.code AND lr.kind = 'report'
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
LEFT JOIN h_open hop ON hop.village_code = v.code;
END $$;

-- 015's scope_totals, a township's open stock by its villages (above). The rest is 015's.
CREATE OR REPLACE FUNCTION scope_totals(
  p_from         timestamptz,
  p_to           timestamptz,
  p_ref          timestamptz,
  p_cov_ref      timestamptz,
  p_required     integer,
  p_township     text,
  p_silence_days integer,
  p_categories   text[] DEFAULT NULL,
  p_statuses     text[] DEFAULT NULL,
  p_campaign     text DEFAULT NULL
) RETURNS TABLE (
  villages            integer,
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
  coverage_met        integer,
  coverage_at_risk    integer,
  coverage_missed     integer,
  silent              integer
) LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  county     boolean := coalesce(p_township, '') = '';
  unfiltered boolean := p_categories IS NULL AND p_statuses IS NULL AND p_campaign IS NULL;
  -- a township's villages (its open stock by village_code = ANY, above)
  codes      text[] := CASE WHEN coalesce(p_township, '') = '' THEN NULL ELSE ARRAY(SELECT v.code FROM village v WHERE v.township_code = p_township) END;
  t record;
  late_c integer;
  late_s integer;
  d_recv integer; d_conc integer; d_succ integer; h_rep integer;
  d_open integer;
  h record;
  c record;
BEGIN
  -- flows of [p_from, p_to); outcomes known by p_ref
  -- the county and a township from the townships' rows (case_flow_totals); a township asked by
  -- an officer of some villages from its villages' rows, by their index (case_flow_sums)
  IF unfiltered AND (county OR current_setting('app.scope', true) IS DISTINCT FROM 'villages') THEN
    SELECT * INTO t FROM case_flow_totals(p_from, p_to, p_township);
  ELSIF unfiltered THEN
    SELECT coalesce(sum(f.disputes_received), 0)::int AS dr, coalesce(sum(f.disputes_concluded), 0)::int AS dc,
           coalesce(sum(f.disputes_successful), 0)::int AS ds, coalesce(sum(f.hazards_reported), 0)::int AS hr
    INTO t FROM case_flow_sums(p_from, p_to, p_township) f;
  END IF;
  IF unfiltered THEN
    -- the rollups count every conclusion of the period; those after p_ref come off
    SELECT count(*)::int, count(*) FILTER (WHERE d.status = '调解成功')::int INTO late_c, late_s
    FROM dispute d
    WHERE d.concluded_at > p_ref AND d.concluded_at >= p_from AND d.concluded_at < p_to
      AND (county OR left(d.village_code, 9) = p_township);
    d_recv := t.dr; d_conc := t.dc - late_c; d_succ := t.ds - late_s; h_rep := t.hr;
  ELSE
    SELECT count(*)::int INTO d_recv FROM dispute d
    WHERE d.received_at >= p_from AND d.received_at < p_to
      AND (county OR left(d.village_code, 9) = p_township)
      AND (p_categories IS NULL OR d.category = ANY(p_categories))
      AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign]);
    SELECT count(*)::int, count(*) FILTER (WHERE d.status = '调解成功')::int INTO d_conc, d_succ FROM dispute d
    WHERE d.concluded_at >= p_from AND d.concluded_at < p_to AND d.concluded_at <= p_ref
      AND (county OR left(d.village_code, 9) = p_township)
      AND (p_categories IS NULL OR d.category = ANY(p_categories))
      AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign]);
    SELECT count(*)::int INTO h_rep FROM hazard x
    WHERE x.reported_at >= p_from AND x.reported_at < p_to
      AND (county OR left(x.village_code, 9) = p_township)
      AND (p_categories IS NULL OR x.category = ANY(p_categories))
      AND (p_statuses IS NULL OR x.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR x.campaigns @> ARRAY[p_campaign]);
  END IF;

  -- open at p_ref, whenever received; hazards overdue when past their deadline at p_ref
  -- "Recent" is counted back from the latest report, not from the clock: what closed since p_ref
  -- (the cost of this path) follows the data, and a copy restored later, or the tests' fixed
  -- clock, choose as the live data would. A report dated in the future only sends more instants
  -- to the GiST path, which answers the same.
  IF county AND unfiltered AND p_ref >= (SELECT max(y.reported_at) FROM hazard y) - interval '92 days' THEN
    -- recent: open now, plus closed since p_ref (see the indexes above)
    SELECT (SELECT count(*) FROM dispute d WHERE d.concluded_at IS NULL AND d.received_at <= p_ref)
         + (SELECT count(*) FROM dispute d WHERE d.concluded_at > p_ref AND d.received_at <= p_ref)
    INTO d_open;
    SELECT count(*)::int AS open, count(*) FILTER (WHERE x.deadline < p_ref)::int AS overdue,
           count(*) FILTER (WHERE x.severity = 1)::int AS s1, count(*) FILTER (WHERE x.severity = 2)::int AS s2,
           count(*) FILTER (WHERE x.severity = 3)::int AS s3, count(*) FILTER (WHERE x.severity = 4)::int AS s4
    INTO h FROM (
      SELECT y.deadline, y.severity FROM hazard y WHERE y.closed_at IS NULL AND y.reported_at <= p_ref
      UNION ALL
      SELECT y.deadline, y.severity FROM hazard y WHERE y.closed_at > p_ref AND y.reported_at <= p_ref
    ) x;
  ELSIF county THEN
    SELECT count(*)::int INTO d_open FROM dispute d
    WHERE tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
      AND (p_categories IS NULL OR d.category = ANY(p_categories))
      AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign]);
    SELECT count(*)::int AS open, count(*) FILTER (WHERE x.deadline < p_ref)::int AS overdue,
           count(*) FILTER (WHERE x.severity = 1)::int AS s1, count(*) FILTER (WHERE x.severity = 2)::int AS s2,
           count(*) FILTER (WHERE x.severity = 3)::int AS s3, count(*) FILTER (WHERE x.severity = 4)::int AS s4
    INTO h FROM hazard x
    WHERE tstzrange(x.reported_at, coalesce(x.closed_at, 'infinity'::timestamptz), '[)') @> p_ref
      AND (p_categories IS NULL OR x.category = ANY(p_categories))
      AND (p_statuses IS NULL OR x.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR x.campaigns @> ARRAY[p_campaign]);
  ELSE
    -- its cases open now, plus those concluded since p_ref: each through its partial index
    SELECT count(*)::int INTO d_open FROM (
      SELECT d.category, d.status, d.campaigns FROM dispute d
      WHERE d.village_code = ANY(codes) AND d.concluded_at IS NULL AND d.received_at <= p_ref
      UNION ALL
      SELECT d.category, d.status, d.campaigns FROM dispute d
      WHERE d.village_code = ANY(codes) AND d.concluded_at > p_ref AND (d.received_at <= p_ref) IS TRUE
    ) d
    WHERE (p_categories IS NULL OR d.category = ANY(p_categories))
      AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign]);
    SELECT count(*)::int AS open, count(*) FILTER (WHERE x.deadline < p_ref)::int AS overdue,
           count(*) FILTER (WHERE x.severity = 1)::int AS s1, count(*) FILTER (WHERE x.severity = 2)::int AS s2,
           count(*) FILTER (WHERE x.severity = 3)::int AS s3, count(*) FILTER (WHERE x.severity = 4)::int AS s4
    INTO h FROM (
      SELECT y.deadline, y.severity, y.category, y.status, y.campaigns FROM hazard y
      WHERE y.village_code = ANY(codes) AND y.closed_at IS NULL AND y.reported_at <= p_ref
      UNION ALL
      SELECT y.deadline, y.severity, y.category, y.status, y.campaigns FROM hazard y
      WHERE y.village_code = ANY(codes) AND y.closed_at > p_ref AND (y.reported_at <= p_ref) IS TRUE
    ) x
    WHERE (p_categories IS NULL OR x.category = ANY(p_categories))
      AND (p_statuses IS NULL OR x.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR x.campaigns @> ARRAY[p_campaign]);
  END IF;

  -- coverage and silence at p_cov_ref (scope_coverage, below)
  SELECT * INTO c FROM scope_coverage(p_cov_ref, p_required, p_township, p_silence_days);

  RETURN QUERY SELECT c.villages, d_recv, d_conc, d_succ, d_open, h_rep, h.open, h.overdue, h.s1, h.s2, h.s3, h.s4,
                      c.met, c.at_risk, c.missed, c.silent;
END $$;

-- The rollups of a township, for the same reason (a chief's summary at province scale read every
-- village's day rows of its window: 112 ms for the silence window's case days alone): 010's
-- case_flow_sums and visit_flow_sums, asked by a chief or an officer (a policy that is not simply
-- true), name the township's villages and read them through indexes led by the village. The
-- county's requests keep 010's statement and its indexes on left(village_code, 9): one index range
-- per window part instead of one per village (at the county's volume a township's week took 1.7
-- ms the village way against about 1 before). 010's open-stock indexes on left(village_code, 9),
-- which no statement reads any longer (above), go.
DROP INDEX dispute_open_township_idx, dispute_concluded_township_idx, hazard_open_township_idx, hazard_closed_township_idx;
CREATE INDEX case_day_village_idx ON case_day (village_code, day);
CREATE INDEX case_month_village_idx ON case_month (village_code, month);
CREATE INDEX visit_day_village_idx ON visit_day (village_code, day);
CREATE INDEX visit_month_village_idx ON visit_month (village_code, month);

CREATE OR REPLACE FUNCTION case_flow_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (village_code text, disputes_received integer, disputes_concluded integer, disputes_successful integer, hazards_reported integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
DECLARE
  codes text[] := CASE WHEN coalesce(p_township, '') = '' THEN NULL ELSE ARRAY(SELECT v.code FROM village v WHERE v.township_code = p_township) END;
BEGIN
  IF coalesce(p_township, '') = '' THEN
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
GROUP BY village_code;
ELSIF current_setting('app.scope', true) IN ('township', 'villages') THEN
  -- the same for one township asked under a scoped policy: its villages' rollup rows, each
  -- village through its own index range (left() is no index condition there, see above)
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.village_code, c.disputes_received AS dr, c.disputes_concluded AS dc, c.disputes_successful AS ds, c.hazards_reported AS hr
  FROM case_month c WHERE c.village_code = ANY(codes) AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.village_code = ANY(codes) AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.village_code = ANY(codes) AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
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
WHERE left(village_code, 9) = p_township
GROUP BY village_code;
ELSE
  -- the same for one township: its rollup rows through the township indexes
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.village_code, c.disputes_received AS dr, c.disputes_concluded AS dc, c.disputes_successful AS ds, c.hazards_reported AS hr
  FROM case_month c WHERE left(c.village_code, 9) = p_township AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE left(c.village_code, 9) = p_township AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.village_code, c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE left(c.village_code, 9) = p_township AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
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
WHERE left(village_code, 9) = p_township
GROUP BY village_code;
END IF;
END $$;

CREATE OR REPLACE FUNCTION visit_flow_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (officer_id text, village_code text, visits integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
DECLARE
  codes text[] := CASE WHEN coalesce(p_township, '') = '' THEN NULL ELSE ARRAY(SELECT v.code FROM village v WHERE v.township_code = p_township) END;
BEGIN
  IF coalesce(p_township, '') = '' THEN
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
GROUP BY officer_id, village_code
HAVING sum(visits) <> 0;
ELSIF current_setting('app.scope', true) IN ('township', 'villages') THEN
  -- the same for one township asked under a scoped policy: its villages' rollup rows, each
  -- village through its own index range (left() is no index condition there, see above)
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.officer_id, c.village_code, c.visits FROM visit_month c WHERE c.village_code = ANY(codes) AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE c.village_code = ANY(codes) AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE c.village_code = ANY(codes) AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= a AND x.visited_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= (SELECT e1 FROM g) AND x.visited_at < b
)
SELECT officer_id, village_code, sum(visits)::int
FROM parts
WHERE left(village_code, 9) = p_township
GROUP BY officer_id, village_code
HAVING sum(visits) <> 0;
ELSE
  -- the same for one township: its rollup rows through the township indexes
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.officer_id, c.village_code, c.visits FROM visit_month c WHERE left(c.village_code, 9) = p_township AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE left(c.village_code, 9) = p_township AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.officer_id, c.village_code, c.visits FROM visit_day c WHERE left(c.village_code, 9) = p_township AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= a AND x.visited_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT x.officer_id, x.village_code, 1 FROM visit x WHERE x.visited_at >= (SELECT e1 FROM g) AND x.visited_at < b
)
SELECT officer_id, village_code, sum(visits)::int
FROM parts
WHERE left(village_code, 9) = p_township
GROUP BY officer_id, village_code
HAVING sum(visits) <> 0;
END IF;
END $$;
