-- 016: a township's villages found through their index, and village_metrics' coverage read from
-- the kept day (both below; issue 16). village_metrics (013) and
-- scope_coverage's reading from the rollups (015) chose the villages in scope with
--   WHERE coalesce(p_township, '') = '' OR township_code = p_township
-- and both run generic plans (plan_cache_mode = force_generic_plan: a custom plan of these long
-- statements costs more to plan than to run). A generic plan cannot know which side of the OR
-- holds, so it read the whole village table for one township: at province scale (30,491 units) a
-- sequential scan of 5.3-5.5 ms in a 10-13 ms township call. A village tile there makes one call
-- per township it reaches (two or three at z12), and a township's summary two (its period and the
-- one before), so half of each went to reading the other 1,524 townships' villages.
--
-- Now the villages in scope are two branches: a township's by village_township_idx, and the
-- county's, all of them, behind a test of the parameter alone, which the plan checks once and
-- which skips the branch for a township. That branch keeps the old OR beside the test on purpose:
-- it gives the planner the same small row estimate the old predicate gave (a generic plan's
-- estimate of "coalesce(p_township, '') = ''" is the default selectivity), and with it the joins
-- the old plans chose. Without it the county's branch is estimated at every village, and the plans
-- turn to hash joins over the whole officer and village_latest tables: a township call at province
-- scale went from 10 to 18.7 ms in that version.
--
-- Measured (pgbench, mean of 100 calls, the default twelve months): a township's village_metrics
-- at province scale 9.2-10.7 -> 5.1-5.4 ms; the county's, at 1x and 10x, unchanged (6.6 and 14.2
-- ms).
--
-- The village layer's coverage from the kept day. Migration 015 keeps, for the
-- days the live views read (today's, the comparison's), every village's visits of the quarter before
-- midnight (coverage_village) and each officer's visits of the 181 days before it
-- (coverage_rhythm), and scope_coverage reads the summary's coverage from them. village_metrics
-- (the map's village layer and tiles, the rankings, a village's detail) still summed the quarter's
-- visits and every officer's 182 days from the rollups on every call: at 10x the county's volume
-- 3.6 of its 15.7 ms, growing with the visits stored, and in a township's call at province scale
-- 2.4 of its 5 ms.
--
-- Now, on a kept day of "as of", village_metrics reads, per village in scope, its kept quarter and
-- its officer's kept rhythm (an index probe per village with an officer), and adds the day's visits
-- up to "as of" and the end of the day 182 days back, as scope_coverage does for the county (015);
-- here for any scope. Any other instant reads the rollups as before. The day's visits are read
-- county-wide even for a township (the rhythm counts its officers' visits anywhere; at province
-- scale about 1,400 a day), so a township's call costs what it did (5.2-5.6 ms at province scale,
-- the index alone: 5.2-5.4); the county's gains with the visits stored (pgbench, the default 12
-- months: 1x 6.9-7.3 against the index alone's 7.5, 10x 13.3-13.7 against 16.0-16.6; an instant on no kept day, read from
-- the rollups, 8.0-8.1 against 7.6-7.8 and 20.0-20.7 against 20.2-20.3). Both readings answer alike:
-- api/queries/village-metrics-kept.db.test.ts holds them equal at every instant of a kept day, with
-- visits at every edge of its windows, for the county, townships and row-level security.
-- What is kept is unchanged: 015's triggers keep it in every write's transaction. The villages
-- route and the tiles ask for today's day as the summary does (api/queries/coverage-base.ts).
--
-- Everything else is the definition it replaces: village_metrics as 013 left it, scope_coverage as
-- 015 made it.

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
-- (the county through the interval index, which finds the cases open at p_ref among all; a
-- township as its villages' cases open now and those concluded since p_ref, so that its cost is
-- its own stock, not the whole area's)
d_open_parts AS (
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') = ''
    AND tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') <> '' AND d.concluded_at IS NULL
    AND left(d.village_code, 9) = p_township AND d.received_at <= p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
  UNION ALL
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE coalesce(p_township, '') <> '' AND d.concluded_at > p_ref
    AND left(d.village_code, 9) = p_township AND d.received_at <= p_ref
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
  FROM hazard h
  WHERE coalesce(p_township, '') = ''
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
    AND left(h.village_code, 9) = p_township AND h.reported_at <= p_ref
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
    AND left(h.village_code, 9) = p_township AND h.reported_at <= p_ref
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
    -- the villages in scope, as village_metrics finds them (above)
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
