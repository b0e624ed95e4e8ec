-- 014: the summary's silence, county-wide, from the raw rows' time indexes (issue 16).
-- scope_totals (012) found the villages heard from in the silence window (a visit or a hazard
-- report in the last p_silence_days before p_cov_ref) by summing the rollups over the window:
-- case_flow_sums builds every flow column of every village and day of the window, to keep the
-- villages with a report. County-wide that is the window's day rows (about 330,000 at province
-- scale: 188 ms of a 591 ms call, and the visits' 40 more), where the window's reports and visits
-- themselves are read from an index alone: hazard_reported_idx (reported_at) INCLUDE
-- (village_code) and visit_time_idx (visited_at) INCLUDE (village_code).
-- pgbench, one call, the running week, before -> after: the county at 1x 3.9-4.1 -> 3.2-3.3 ms,
-- at 10x 10.0-10.2 -> 8.2-8.3 ms, the province 467-520 -> 317-322 ms. A township's call reads its
-- rollups as before: probing each of its villages' rows instead cost 25% more at 10x. A window
-- longer than eight weeks (SILENCE_WEEKS goes to 52) reads the rollups too: their month rows cost
-- less than months of reports and visits.
-- Only `heard` changes; the rest is 012's function as it was (a migration redefines a function
-- whole), and api/queries/summary.db.test.ts holds the totals, silence included, to the sums of
-- village_metrics.

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
  -- the county's silence window from its rows up to eight weeks (SILENCE_WEEKS is 4 by default);
  -- a longer one costs less from the rollups' month rows (at 10x, one call: 56 days 11.3 ms raw
  -- against 13.6, 91 days 14.2 against 11.1, a year 38 against 13)
  raw_heard  boolean := county AND coalesce(p_silence_days <= 56, false);
  t record;
  late_c integer;
  late_s integer;
  d_recv integer; d_conc integer; d_succ integer; h_rep integer;
  d_open integer;
  h record;
  c record;
BEGIN
  -- flows of [p_from, p_to); outcomes known by p_ref
  IF unfiltered THEN
    SELECT coalesce(sum(f.disputes_received), 0)::int AS dr, coalesce(sum(f.disputes_concluded), 0)::int AS dc,
           coalesce(sum(f.disputes_successful), 0)::int AS ds, coalesce(sum(f.hazards_reported), 0)::int AS hr
    INTO t FROM case_flow_sums(p_from, p_to, p_township) f;
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

  -- coverage and silence at p_cov_ref, one row per village as village_metrics has (an officer is
  -- linked to one village, officer.village_code is unique)
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
  INTO c FROM fc;

  RETURN QUERY SELECT c.villages, d_recv, d_conc, d_succ, d_open, h_rep, h.open, h.overdue, h.s1, h.s2, h.s3, h.s4,
                      c.met, c.at_risk, c.missed, c.silent;
END $$;
