-- 015: the coverage and silence of a day, kept (issue 16). The summary's coverage counts, for every
-- village, its visits of the quarter up to "as of", its officer's visits of the 182 days before
-- (the rhythm that decides "at risk"), and whether anyone was heard from there (a visit or a
-- hazard report) in the silence window. scope_totals (012, 014) summed them from the rollups on
-- every call: at province scale (30,491 units) about 180 ms of a 265 ms call, and the summary
-- makes two (the period and the one before, whose coverage is the same point of the previous
-- quarter). A township's call reads only its own rows and is left as it was.
--
-- What changes during a day is that day's rows. So the whole days before a day D are kept once:
--   coverage_village  per village (every village), its visits of [quarter start, D) and its
--                     latest visit or report before D's midnight (Asia/Shanghai);
--   coverage_rhythm   per officer and village, the visits of [D - 181 days, D).
-- An instant of D is then the kept row plus the raw rows of D up to it (visit_time_idx,
-- hazard_reported_idx) and, for the rhythm, the part of the day 182 days back that the window
-- still holds. Only the villages short of the quarter's visits need their officer's rhythm, and
-- only theirs is read (an index probe each). Per village, the visits and the latest are what the
-- row-level security of a village shows; the rhythm stays per officer and village, since an
-- officer's visits elsewhere count only where the caller may see them (as officer_visit_sums).
-- scope_coverage reads the kept day when it is kept and the county is asked, and as before (014)
-- otherwise; api/queries/coverage-base.db.test.ts holds the two equal.
--
-- Which days: the API asks for today's and the same day of the previous quarter's (the live
-- views' "as of" and their comparison's), at most once a minute each (coverage-base.ts), in the
-- background: the asking request does not wait for it, and reads as before until it is there. A
-- build keeps the days built in the last 36 hours, at most six, so what the triggers below
-- maintain stays small.
--
-- Kept in the transaction of every write, like the rollups (009) and village_latest (013):
--   a visit added or removed (insert, delete, or an update that changed its officer, village or
--   instant, compared by value) moves the counts of every kept day whose windows hold it, one
--   upsert per table in key order (concurrent writers add, in either order);
--   an instant heard added raises the kept latest (greatest, in either order); one removed locks
--   the villages' rows in key order (the same upsert) and finds their latest again from the raw
--   rows in a later statement (it sees what the previous holder committed), as 013 does;
--   truncate of visit or hazard, and a village added, removed or re-coded, drop every kept day
--   (they are built again when asked).
-- A build takes SHARE on visit, hazard, village, the visit rollups and village_latest (writers
-- wait for it: 0.6-1.0 s at province scale, 21-35 ms at the county, twice a day and after whatever
-- drops the days; it never queues for them and gives up after 2 s of finding them held) and an
-- advisory lock (two servers asking for the same day build it once). On the embedded database,
-- one connection, requests wait for a build too.

CREATE TABLE coverage_base_day (
  day      date PRIMARY KEY,
  -- the day's midnight, the first instant of its quarter, and the midnight 181 days before
  d0       timestamptz NOT NULL,
  q0       timestamptz NOT NULL,
  r0       timestamptz NOT NULL,
  -- the clock, not the transaction's start: days built in one transaction keep their order
  built_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE coverage_village (
  day          date NOT NULL REFERENCES coverage_base_day ON DELETE CASCADE,
  village_code text NOT NULL,
  quarter      integer NOT NULL,
  last_heard   timestamptz,
  PRIMARY KEY (day, village_code)
);
CREATE TABLE coverage_rhythm (
  day          date NOT NULL REFERENCES coverage_base_day ON DELETE CASCADE,
  officer_id   text NOT NULL,
  village_code text NOT NULL,
  visits       integer NOT NULL,
  PRIMARY KEY (day, officer_id, village_code)
);
-- the days hold no village's data: every role may see which are kept
SELECT app_protect('coverage_base_day', 'true');
SELECT app_protect('coverage_village', app_scope_policy('village_code', false));
SELECT app_protect('coverage_rhythm', app_scope_policy('village_code', false));
GRANT SELECT ON coverage_base_day, coverage_village, coverage_rhythm TO hengyang_county, hengyang_app;

-- Builds day p_day if it is not kept; true when it built. Owner only (the API's background
-- builder runs as the owner, never as a request's role).
CREATE FUNCTION coverage_base_build(p_day date) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  d0 timestamptz := p_day::timestamp AT TIME ZONE 'Asia/Shanghai';
  q0 timestamptz := date_trunc('quarter', p_day::timestamp) AT TIME ZONE 'Asia/Shanghai';
  r0 timestamptz := (p_day - 181)::timestamp AT TIME ZONE 'Asia/Shanghai';
  locked boolean := false;
BEGIN
  IF p_day IS NULL THEN
    RAISE EXCEPTION 'coverage_base_build: no day';
  END IF;
  -- one builder at a time, whichever server, and none while a clear is committing (it holds the
  -- same lock): waited for, 2 s at most; the second builder then finds the day kept
  PERFORM set_config('lock_timeout', '2s', true);
  PERFORM pg_advisory_xact_lock(5015);
  IF EXISTS (SELECT 1 FROM coverage_base_day k WHERE k.day = p_day) THEN
    RETURN false;
  END IF;
  -- Writers wait while the day is counted, and their triggers then see it: visit and hazard, and
  -- what the build reads besides (the villages, and the rollups and latest that rollups:rebuild
  -- rewrites: a day must not be counted from what a rebuild is replacing). All at once or none
  -- (NOWAIT, tried again for up to 2 s): waiting for one while holding another could deadlock
  -- with a writer that takes them in another order, and a builder waiting in the queue would make
  -- every writer behind it wait too. Before anything is written here, so that a writer's trigger
  -- never waits for this transaction. Writers that hold a table longer (a long import) win: the
  -- build fails, and the API asks again at its next summary a minute or more later.
  FOR attempt IN 1..40 LOOP
    BEGIN
      LOCK TABLE visit, hazard, village, visit_day, visit_month, village_latest IN SHARE MODE NOWAIT;
      locked := true;
      EXIT;
    EXCEPTION WHEN lock_not_available THEN
      PERFORM pg_sleep(0.05);
    END;
  END LOOP;
  IF NOT locked THEN
    RAISE EXCEPTION 'coverage_base_build(%): the tables it counts were held by writers for 2 s; not built', p_day
      USING ERRCODE = 'lock_not_available';
  END IF;
  -- the days still live are those built in the last 36 hours (a previous quarter's day can stay
  -- the same for days: May 29-31 all compare with February 28); at most six, the last built, for
  -- two servers on different clocks (an APP_NOW demo beside a live one) and their comparisons
  DELETE FROM coverage_base_day k
  WHERE k.built_at < now() - interval '36 hours'
     OR k.day NOT IN (SELECT b.day FROM coverage_base_day b ORDER BY b.built_at DESC, b.day DESC LIMIT 5);
  INSERT INTO coverage_base_day (day, d0, q0, r0) VALUES (p_day, d0, q0, r0);
  -- whole days only: the rollups' month and day rows
  INSERT INTO coverage_rhythm (day, officer_id, village_code, visits)
  SELECT p_day, r.officer_id, r.village_code, r.visits FROM visit_flow_sums(r0, d0, NULL) r
  ORDER BY 2, 3;
  -- every village; its latest of all time where that lies before the day (most villages, for
  -- today), else a probe
  INSERT INTO coverage_village (day, village_code, quarter, last_heard)
  SELECT p_day, v.code, coalesce(q.visits, 0), greatest(
           CASE WHEN lv.at < d0 THEN lv.at
                ELSE (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = v.code AND x.visited_at < d0) END,
           CASE WHEN lr.at < d0 THEN lr.at
                ELSE (SELECT max(y.reported_at) FROM hazard y WHERE y.village_code = v.code AND y.reported_at < d0) END)
  FROM village v
  LEFT JOIN (SELECT x.village_code, sum(x.visits)::int AS visits FROM visit_flow_sums(q0, d0, NULL) x GROUP BY 1) q ON q.village_code = v.code
  LEFT JOIN village_latest lv ON lv.village_code = v.code AND lv.kind = 'visit'
  LEFT JOIN village_latest lr ON lr.village_code = v.code AND lr.kind = 'report'
  ORDER BY v.code;
  -- the readers' plans need the rows' statistics, and the embedded database has no autovacuum
  -- to gather them: without, scope_coverage took 16.5 ms there against 7.7 from the rollups; with, 3.8
  ANALYZE coverage_base_day, coverage_village, coverage_rhythm;
  RETURN true;
END $$;
REVOKE EXECUTE ON FUNCTION coverage_base_build(date) FROM PUBLIC;

-- Every kept day dropped: npm run rollups:rebuild (what it rebuilds, the days were counted from),
-- and the triggers below when what a day counts can no longer be moved row by row.
CREATE FUNCTION coverage_base_clear() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  -- a build in progress first commits its day (or fails), and the next statement, with a snapshot
  -- taken after, deletes it too
  PERFORM pg_advisory_xact_lock(5015);
  DELETE FROM coverage_base_day;
END $$;
REVOKE EXECUTE ON FUNCTION coverage_base_clear() FROM PUBLIC;

-- Rows added (n = 1) or removed (n = -1), as (officer, village, instant): officer NULL for a
-- hazard report, which only counts as heard. Called by the trigger below.
CREATE FUNCTION coverage_base_apply(p_officers text[], p_villages text[], p_at timestamptz[], p_n integer[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- the days held against a clear (a village added, a truncate, the rollups CLI) until this
  -- transaction ends: a clear then waits for it, or has already removed the days, which the
  -- statements below then no longer see (never an upsert into a day deleted meanwhile)
  PERFORM 1 FROM coverage_base_day ORDER BY day FOR KEY SHARE;
  -- the rhythm, every kept day whose 181 days hold the visit, in key order
  INSERT INTO coverage_rhythm AS c (day, officer_id, village_code, visits)
  SELECT k.day, x.officer_id, x.village_code, sum(x.n)::int
  FROM unnest(p_officers, p_villages, p_at, p_n) x(officer_id, village_code, at, n)
  JOIN coverage_base_day k ON x.at >= k.r0 AND x.at < k.d0
  WHERE x.officer_id IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(x.n) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (day, officer_id, village_code) DO UPDATE SET visits = c.visits + EXCLUDED.visits;
  -- the villages: the quarter's visits moved, the instants added raise the latest, and every
  -- touched row is locked here, in key order
  INSERT INTO coverage_village AS c (day, village_code, quarter, last_heard)
  SELECT k.day, x.village_code, coalesce(sum(x.n) FILTER (WHERE x.officer_id IS NOT NULL AND x.at >= k.q0), 0)::int,
         max(x.at) FILTER (WHERE x.n > 0)
  FROM unnest(p_officers, p_villages, p_at, p_n) x(officer_id, village_code, at, n)
  JOIN coverage_base_day k ON x.at < k.d0
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (day, village_code) DO UPDATE SET quarter = c.quarter + EXCLUDED.quarter, last_heard = greatest(c.last_heard, EXCLUDED.last_heard);
  -- an instant removed: the latest found again, by a statement that sees the previous holder's commit
  UPDATE coverage_village c
  SET last_heard = greatest(
        (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = c.village_code AND x.visited_at < z.d0),
        (SELECT max(y.reported_at) FROM hazard y WHERE y.village_code = c.village_code AND y.reported_at < z.d0))
  FROM (SELECT DISTINCT k.day, k.d0, x.village_code
          FROM unnest(p_villages, p_at, p_n) x(village_code, at, n)
          JOIN coverage_base_day k ON x.at < k.d0
         WHERE x.n < 0) z
  WHERE c.day = z.day AND c.village_code = z.village_code;
END $$;
REVOKE EXECUTE ON FUNCTION coverage_base_apply(text[], text[], timestamptz[], integer[]) FROM PUBLIC;

-- One trigger function for both tables, its kind the argument ('visit' on visit, 'report' on
-- hazard); executable by no one but the owner, and only on its own table (as 009 and 013).
CREATE FUNCTION coverage_base_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  v_kind text := TG_ARGV[0];
  d record;
BEGIN
  IF NOT ((v_kind = 'visit' AND TG_RELID = 'public.visit'::regclass) OR (v_kind = 'report' AND TG_RELID = 'public.hazard'::regclass)) THEN
    RAISE EXCEPTION 'coverage_base_keep(%) keeps public.visit (''visit'') and public.hazard (''report'') only', v_kind;
  END IF;
  -- nothing kept (the embedded database before its first summary, every seed): nothing to do
  IF NOT EXISTS (SELECT 1 FROM coverage_base_day) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM coverage_base_clear();
    RETURN NULL;
  END IF;
  -- the rows as (officer, village, instant, +1 or -1); an update by value: what it changed
  IF v_kind = 'visit' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(r.officer_id) o, array_agg(r.village_code) v, array_agg(r.visited_at) t, array_agg(1) n INTO d FROM new_rows r;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(r.officer_id) o, array_agg(r.village_code) v, array_agg(r.visited_at) t, array_agg(-1) n INTO d FROM old_rows r;
    ELSE
      SELECT array_agg(r.officer_id) o, array_agg(r.village_code) v, array_agg(r.visited_at) t, array_agg(r.n) n INTO d FROM (
        SELECT a.*, 1 AS n FROM (SELECT officer_id, village_code, visited_at FROM new_rows EXCEPT ALL SELECT officer_id, village_code, visited_at FROM old_rows) a
        UNION ALL
        SELECT b.*, -1 FROM (SELECT officer_id, village_code, visited_at FROM old_rows EXCEPT ALL SELECT officer_id, village_code, visited_at FROM new_rows) b
      ) r;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      SELECT NULL::text[] o, array_agg(r.village_code) v, array_agg(r.reported_at) t, array_agg(1) n INTO d FROM new_rows r;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT NULL::text[] o, array_agg(r.village_code) v, array_agg(r.reported_at) t, array_agg(-1) n INTO d FROM old_rows r;
    ELSE
      SELECT NULL::text[] o, array_agg(r.village_code) v, array_agg(r.reported_at) t, array_agg(r.n) n INTO d FROM (
        SELECT a.*, 1 AS n FROM (SELECT village_code, reported_at FROM new_rows EXCEPT ALL SELECT village_code, reported_at FROM old_rows) a
        UNION ALL
        SELECT b.*, -1 FROM (SELECT village_code, reported_at FROM old_rows EXCEPT ALL SELECT village_code, reported_at FROM new_rows) b
      ) r;
    END IF;
  END IF;
  IF d.v IS NOT NULL THEN
    -- a hazard's officers: as many NULLs as rows, so that unnest pairs them
    PERFORM coverage_base_apply(coalesce(d.o, array_fill(NULL::text, ARRAY[cardinality(d.v)])), d.v, d.t, d.n);
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION coverage_base_keep() FROM PUBLIC;

CREATE TRIGGER visit_coverage_insert AFTER INSERT ON visit REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('visit');
CREATE TRIGGER visit_coverage_update AFTER UPDATE ON visit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('visit');
CREATE TRIGGER visit_coverage_delete AFTER DELETE ON visit REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('visit');
CREATE TRIGGER visit_coverage_truncate AFTER TRUNCATE ON visit
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('visit');
CREATE TRIGGER hazard_coverage_insert AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('report');
CREATE TRIGGER hazard_coverage_update AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('report');
CREATE TRIGGER hazard_coverage_delete AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('report');
CREATE TRIGGER hazard_coverage_truncate AFTER TRUNCATE ON hazard
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('report');

-- A village added, removed or re-coded: every village has its row in a kept day, so the days go.
CREATE FUNCTION coverage_base_villages_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.village'::regclass THEN
    RAISE EXCEPTION 'coverage_base_villages_changed() watches public.village only';
  END IF;
  PERFORM coverage_base_clear();
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION coverage_base_villages_changed() FROM PUBLIC;
CREATE TRIGGER village_coverage_changed AFTER INSERT OR DELETE OR TRUNCATE ON village
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_villages_changed();
CREATE TRIGGER village_coverage_recoded AFTER UPDATE OF code ON village
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_villages_changed();

-- Coverage and silence at p_cov_ref, one row per village as village_metrics has (an officer is
-- linked to one village, officer.village_code is unique): the villages, met, at risk, missed and
-- silent. From the kept day when the county is asked and its day is kept; else as 014 did.
CREATE FUNCTION scope_coverage(p_cov_ref timestamptz, p_required integer, p_township text, p_silence_days integer)
RETURNS TABLE (villages integer, met integer, at_risk integer, missed integer, silent integer)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  county     boolean := coalesce(p_township, '') = '';
  -- the county's silence window from its rows up to eight weeks (SILENCE_WEEKS is 4 by default);
  -- a longer one costs less from the rollups' month rows (at 10x, one call: 56 days 11.3 ms raw
  -- against 13.6, 91 days 14.2 against 11.1, a year 38 against 13)
  raw_heard  boolean := county AND coalesce(p_silence_days <= 56, false);
  k coverage_base_day;
BEGIN
  SELECT * INTO k FROM coverage_base_day b WHERE b.day = (p_cov_ref AT TIME ZONE 'Asia/Shanghai')::date;
  -- the kept day answers for the county when the windows split at its midnights: the silence
  -- window starts at or before the day's midnight, and the rhythm's 182 days start in the day
  -- before r0 (not so, for a one-day window or the rhythm, only where the session's time zone has
  -- daylight saving)
  IF county AND k.day IS NOT NULL AND p_cov_ref - make_interval(days => p_silence_days) <= k.d0
     AND p_cov_ref - interval '182 days' < k.r0 AND p_cov_ref - interval '182 days' >= k.r0 - interval '1 day' THEN
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
    cv AS MATERIALIZED (
      SELECT c.village_code, c.quarter + coalesce(tv.n, 0) AS quarter,
             coalesce(c.last_heard >= p_cov_ref - make_interval(days => p_silence_days), false) AS heard
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
    -- a village short of the quarter's visits: what its officer's rhythm still fits before the quarter ends
    short AS (
      SELECT cv.village_code,
             cv.quarter
               + floor((coalesce((SELECT sum(r.visits) FROM coverage_rhythm r WHERE r.day = k.day AND r.officer_id = o.id), 0) + coalesce(e.n, 0))
                       / 182.0 * extract(epoch FROM (q.q_end - p_cov_ref)) / 86400)::int AS expected
      FROM cv
      CROSS JOIN q
      LEFT JOIN officer o ON o.village_code = cv.village_code
      LEFT JOIN extra e ON e.officer_id = o.id
      WHERE cv.quarter < p_required
    )
    SELECT count(*)::int AS villages,
           count(*) FILTER (WHERE cv.quarter >= p_required)::int AS met,
           count(*) FILTER (WHERE cv.quarter < p_required AND s.expected >= p_required)::int AS at_risk,
           count(*) FILTER (WHERE cv.quarter < p_required AND s.expected < p_required)::int AS missed,
           count(*) FILTER (WHERE NOT cv.heard AND cv.village_code NOT IN (SELECT h.village_code FROM heard_today h))::int AS silent
    FROM cv
    LEFT JOIN short s ON s.village_code = cv.village_code;
  ELSE
    -- 014's reading: the quarter's visits and the rhythm from the rollups, silence as 014 says
    RETURN QUERY
    WITH
    v AS (
      SELECT vl.code FROM village vl WHERE county OR vl.township_code = p_township
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

-- The county's flows of [a, b) summed, one row: case_flow_sums' county statement (010) without its
-- grouping by village, which scope_totals then added up again (at province scale a week's 59,000
-- day rows went through a hash of 28,000 villages: 22 of the 38 ms; twelve months' 365,000 month
-- rows through 30,000). Row-level security narrows it as it narrows case_flow_sums.
CREATE FUNCTION case_flow_totals(a timestamptz, b timestamptz)
RETURNS TABLE (dr integer, dc integer, ds integer, hr integer)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.disputes_received AS dr, c.disputes_concluded AS dc, c.disputes_successful AS ds, c.hazards_reported AS hr
  FROM case_month c WHERE c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.disputes_received, c.disputes_concluded, c.disputes_successful, c.hazards_reported
  FROM case_day c WHERE c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT 1, 0, 0, 0 FROM dispute x WHERE x.received_at >= a AND x.received_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT 1, 0, 0, 0 FROM dispute x WHERE x.received_at >= (SELECT e1 FROM g) AND x.received_at < b
  UNION ALL
  SELECT 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0
  FROM dispute x WHERE x.concluded_at >= a AND x.concluded_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT 0, 1, CASE WHEN x.status = '调解成功' THEN 1 ELSE 0 END, 0
  FROM dispute x WHERE x.concluded_at >= (SELECT e1 FROM g) AND x.concluded_at < b
  UNION ALL
  SELECT 0, 0, 0, 1 FROM hazard x WHERE x.reported_at >= a AND x.reported_at < (SELECT e0 FROM g)
  UNION ALL
  SELECT 0, 0, 0, 1 FROM hazard x WHERE x.reported_at >= (SELECT e1 FROM g) AND x.reported_at < b
)
SELECT coalesce(sum(parts.dr), 0)::int, coalesce(sum(parts.dc), 0)::int, coalesce(sum(parts.ds), 0)::int, coalesce(sum(parts.hr), 0)::int
FROM parts;
END $$;

-- scope_totals as in 014, its coverage and silence from scope_coverage (the same query as 014's
-- where no day is kept), the county's unfiltered flows from case_flow_totals. Same signature:
-- CREATE OR REPLACE keeps every caller and grant.
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
  t record;
  late_c integer;
  late_s integer;
  d_recv integer; d_conc integer; d_succ integer; h_rep integer;
  d_open integer;
  h record;
  c record;
BEGIN
  -- flows of [p_from, p_to); outcomes known by p_ref
  IF unfiltered AND county THEN
    SELECT * INTO t FROM case_flow_totals(p_from, p_to);
  END IF;
  IF unfiltered AND NOT county THEN
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
      WHERE left(d.village_code, 9) = p_township AND d.concluded_at IS NULL AND d.received_at <= p_ref
      UNION ALL
      SELECT d.category, d.status, d.campaigns FROM dispute d
      WHERE left(d.village_code, 9) = p_township AND d.concluded_at > p_ref AND d.received_at <= p_ref
    ) d
    WHERE (p_categories IS NULL OR d.category = ANY(p_categories))
      AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
      AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign]);
    SELECT count(*)::int AS open, count(*) FILTER (WHERE x.deadline < p_ref)::int AS overdue,
           count(*) FILTER (WHERE x.severity = 1)::int AS s1, count(*) FILTER (WHERE x.severity = 2)::int AS s2,
           count(*) FILTER (WHERE x.severity = 3)::int AS s3, count(*) FILTER (WHERE x.severity = 4)::int AS s4
    INTO h FROM (
      SELECT y.deadline, y.severity, y.category, y.status, y.campaigns FROM hazard y
      WHERE left(y.village_code, 9) = p_township AND y.closed_at IS NULL AND y.reported_at <= p_ref
      UNION ALL
      SELECT y.deadline, y.severity, y.category, y.status, y.campaigns FROM hazard y
      WHERE left(y.village_code, 9) = p_township AND y.closed_at > p_ref AND y.reported_at <= p_ref
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
