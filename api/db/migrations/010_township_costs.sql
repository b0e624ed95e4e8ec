-- 010: a township's question costs its township (issue 16). A chief's views, and a county
-- leader's township, read only that township's rollup rows, its villages' cases and its own
-- officers' visits, where they used to read the whole area's and keep the township's part: at
-- province scale (1,525 townships) the village layer of one township took 2.5 s, as long as a
-- province-wide one. The definitions do not change; api/queries/rollups.db.test.ts holds a
-- township's answer to the county's answer for its villages.
--
-- The rollup readers (case_flow_sums, visit_flow_sums, officer_visit_sums) hold two statements,
-- the county's and a township's, each with its plan kept for the session: one plan for both read
-- every row and kept the township's part, and a plan made for each call (plan_cache_mode =
-- force_custom_plan) cost 6.5 ms of planning per call, more than the reading it saved.

-- A township's rows of a window: its code, then the day or month range.
CREATE INDEX case_day_township_idx ON case_day (left(village_code, 9), day);
CREATE INDEX case_month_township_idx ON case_month (left(village_code, 9), month);
CREATE INDEX visit_day_township_idx ON visit_day (left(village_code, 9), day);
CREATE INDEX visit_month_township_idx ON visit_month (left(village_code, 9), month);
-- An officer's rows of a window, wherever the visits were (the 182-day rhythm).
CREATE INDEX visit_day_officer_idx ON visit_day (officer_id, day);
CREATE INDEX visit_month_officer_idx ON visit_month (officer_id, month);

-- A township's open stock (village_metrics): its cases open now, plus those concluded (closed)
-- after "as of", each through an index led by the township, instead of its whole history or the
-- whole area's open stock (the interval GiST index has no village).
CREATE INDEX dispute_open_township_idx ON dispute (left(village_code, 9), received_at) WHERE concluded_at IS NULL;
CREATE INDEX dispute_concluded_township_idx ON dispute (left(village_code, 9), concluded_at) WHERE concluded_at IS NOT NULL;
CREATE INDEX hazard_open_township_idx ON hazard (left(village_code, 9), reported_at) WHERE closed_at IS NULL;
CREATE INDEX hazard_closed_township_idx ON hazard (left(village_code, 9), closed_at) WHERE closed_at IS NOT NULL;

CREATE OR REPLACE FUNCTION case_flow_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (village_code text, disputes_received integer, disputes_concluded integer, disputes_successful integer, hazards_reported integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
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

-- Visits of [a, b) per officer, wherever they were, for the officers linked to a village of
-- p_township (NULL: every officer). See rollup_ranges for how the window splits.
CREATE FUNCTION officer_visit_sums(a timestamptz, b timestamptz, p_township text)
RETURNS TABLE (officer_id text, visits integer)
LANGUAGE plpgsql STABLE ROWS 500 AS $$
#variable_conflict use_column
DECLARE
  mine text[];
BEGIN
  IF coalesce(p_township, '') = '' THEN
    RETURN QUERY
      SELECT x.officer_id, sum(x.visits)::int FROM visit_flow_sums(a, b, NULL) x GROUP BY x.officer_id;
    RETURN;
  END IF;
  mine := ARRAY(SELECT o.id FROM officer o WHERE o.village_code BETWEEN p_township || '000' AND p_township || '999');
  RETURN QUERY
WITH
g AS MATERIALIZED (SELECT * FROM rollup_ranges(a, b)),
parts AS (
  SELECT c.officer_id, c.visits FROM visit_month c WHERE c.officer_id = ANY(mine) AND c.month >= (SELECT m0 FROM g) AND c.month < (SELECT m1 FROM g)
  UNION ALL
  SELECT c.officer_id, c.visits FROM visit_day c WHERE c.officer_id = ANY(mine) AND c.day >= (SELECT d0 FROM g) AND c.day < (SELECT g0 FROM g)
  UNION ALL
  SELECT c.officer_id, c.visits FROM visit_day c WHERE c.officer_id = ANY(mine) AND c.day >= (SELECT g1 FROM g) AND c.day < (SELECT d1 FROM g)
  UNION ALL
  SELECT x.officer_id, 1 FROM visit x WHERE x.visited_at >= a AND x.visited_at < (SELECT e0 FROM g) AND x.officer_id = ANY(mine)
  UNION ALL
  SELECT x.officer_id, 1 FROM visit x WHERE x.visited_at >= (SELECT e1 FROM g) AND x.visited_at < b AND x.officer_id = ANY(mine)
)
SELECT officer_id, sum(visits)::int
FROM parts
GROUP BY officer_id
HAVING sum(visits) <> 0;
END $$;

-- village_metrics: the rhythm of the scope's officers only, and the open stocks of a township
-- through its villages (see above). Same signature, so CREATE OR REPLACE keeps every caller and grant.
-- PL/pgSQL now, with one generic plan kept per session: as an SQL function it was inlined into
-- every caller and planned again with it, 12.8 ms of planning per call on top of 40-70 ms of work
-- (three calls per summary). The paths it does not take are cut at run time by the one-time filters
-- on its parameters, which is why each branch tests them and not a joined flag.
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
BEGIN
  RETURN QUERY
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
  GROUP BY x.village_code
),
-- each officer's visits over the last 182 days, (p_ref - 182 days, p_ref]: their rhythm (wherever
-- they were, so every township's), for the officers of the villages in scope only
rhythm AS MATERIALIZED (
  SELECT x.officer_id, x.visits AS recent
  FROM officer_visit_sums(p_ref - interval '182 days' + interval '1 microsecond', p_ref + interval '1 microsecond', p_township) x
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
LEFT JOIN h_open hop ON hop.village_code = v.code;
END $$;
