-- 002: per-village metrics for a period: the one definition that the village layer, the township
-- layer, the summary and the rankings all aggregate, so their numbers always agree.
--
-- Flows count what was received or reported in [p_from, p_to); the mediation success rate counts
-- the disputes concluded in the period (调解成功 / all concluded). Stocks (open, overdue, coverage)
-- are measured "as of" p_ref (the end of the period, or now if that is earlier) from the event
-- timestamps, so a past week reads as it stood then, not as it stands today.
--
-- Coverage (千警入万户): met with p_required visits in the quarter so far. Otherwise the forecast
-- decides: the officer's own rhythm (their visits over the last 182 days) projected over the days
-- left in the quarter; at_risk if that still reaches p_required, missed (unreachable) if not.
-- Silence: no hazard report and no visit in the p_silence_days before p_ref = "no information",
-- which is not the same as "no incidents".
-- p_categories / p_statuses (NULL = all) filter the disputes and hazards counted, as the
-- dashboard's filters do; a row counts when its category and its status are in the lists.
-- SECURITY INVOKER (the default): row-level security on the tables applies inside.

CREATE FUNCTION village_metrics(
  p_from     timestamptz,
  p_to       timestamptz,
  p_ref      timestamptz,
  p_required integer,
  p_township text,
  p_silence_days integer,
  p_categories text[] DEFAULT NULL,
  p_statuses text[] DEFAULT NULL
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
-- disputes received in the period; outcomes known by p_ref
d_flow AS (
  SELECT d.village_code, count(*)::int AS disputes
  FROM dispute d
  WHERE d.received_at >= p_from AND d.received_at < p_to
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
  GROUP BY d.village_code
),
-- disputes concluded in the period, whenever received: the success rate of the period's work
-- (a week's rate then rests on that week's ~100 conclusions, not on the few of its own intake)
d_done AS (
  SELECT d.village_code,
         count(*)::int AS concluded,
         count(*) FILTER (WHERE d.status = '调解成功')::int AS successful
  FROM dispute d
  WHERE d.concluded_at >= p_from AND d.concluded_at < p_to AND d.concluded_at <= p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
  GROUP BY d.village_code
),
-- disputes open at p_ref, whenever received
d_open AS (
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
  GROUP BY d.village_code
),
h_flow AS (
  SELECT h.village_code, count(*)::int AS reported
  FROM hazard h
  WHERE h.reported_at >= p_from AND h.reported_at < p_to
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
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
  GROUP BY h.village_code
),
-- officer visits in the quarter so far
vis AS (
  SELECT x.village_code, count(*)::int AS quarter
  FROM visit x, q
  WHERE x.visited_at >= q.q_start AND x.visited_at <= p_ref
  GROUP BY x.village_code
),
-- each officer's visits over the last 182 days: their rhythm
rhythm AS (
  SELECT x.officer_id, count(*)::int AS recent
  FROM visit x
  WHERE x.visited_at > p_ref - interval '182 days' AND x.visited_at <= p_ref
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
