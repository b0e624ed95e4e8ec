-- 019: the county's kept coverage read from the villages the day can change (issue 16). 018 read
-- the county's kept day (015) row by row: every village's kept row joined with the day's visits,
-- and every officer hashed for the short ones. At province scale (30,491 villages) that was 35-38
-- ms a call, and a summary makes two (its comparison's is the same point of the previous quarter):
-- about 75 of the province's running-week summary's 130-150 ms.
--
-- A village's quarter only grows through the day (visits are added), and a silent village is
-- one whose latest visit or report before the day's midnight is older than the window's start
-- (p_cov_ref less the window) and that has none of its own that day. So the county's statement
-- reads the villages short of p_required at midnight (2,085-3,267 of 30,491 on the kept days of
-- the province) and those whose latest is older than the window's start (23-66), each by an index
-- of its own, and counts the rest: met is every village less those still short. The number of
-- villages is kept with the day (a trigger counts them as the build inserts the day; the village
-- table is locked while it builds, and a change to it drops the days), and read by the county's
-- role, whose policy shows every row; any other role's rows are counted, under its row-level
-- security. coverage_base_day stays readable by every role (015): the number it now holds, the
-- villages of the map, is public (the NBS lists them). The answers are the same
-- (coverage-base.db.test.ts holds them to the rollups' reading at every instant, window and
-- scope); 36.2 -> 18.5 ms a call at province scale, 1.07 -> 1.15 at the county's volume.

ALTER TABLE coverage_base_day ADD COLUMN villages integer;
CREATE FUNCTION coverage_base_day_villages() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  NEW.villages := (SELECT count(*) FROM village);
  RETURN NEW;
END $$;
CREATE TRIGGER coverage_base_day_villages BEFORE INSERT ON coverage_base_day
  FOR EACH ROW EXECUTE FUNCTION coverage_base_day_villages();
UPDATE coverage_base_day k SET villages = (SELECT count(*) FROM coverage_village c WHERE c.day = k.day);

CREATE INDEX coverage_village_quarter_idx ON coverage_village (day, quarter);
CREATE INDEX coverage_village_heard_idx ON coverage_village (day, last_heard);

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
    -- the county: the villages whose answer the day may still change (short of the quarter's
    -- visits at midnight, their latest older than the window's start), by the indexes above, and
    -- the others counted
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
    -- the rhythm's visits outside the kept day: the day's own, and the end of the day 182 days back
    extra AS (
      SELECT s.officer_id, count(*)::int AS n
      FROM (SELECT t.officer_id FROM today t
            UNION ALL
            SELECT x.officer_id FROM visit x WHERE x.visited_at > p_cov_ref - interval '182 days' AND x.visited_at < k.r0) s
      GROUP BY s.officer_id
    ),
    -- the villages short of the quarter's visits at the day's midnight (the others are met), with
    -- the day's own visits: some of them are met now
    cv AS MATERIALIZED (
      SELECT c.quarter + coalesce(tv.n, 0) AS quarter,
             (SELECT o.id FROM officer o WHERE o.village_code = c.village_code) AS officer_id
      FROM coverage_village c
      LEFT JOIN today_v tv ON tv.village_code = c.village_code
      WHERE c.day = k.day AND c.quarter < p_required
    ),
    -- what each short village's officer's rhythm still fits before the quarter ends
    short AS MATERIALIZED (
      SELECT cv.quarter
               + floor((coalesce((SELECT sum(r.visits) FROM coverage_rhythm r WHERE r.day = k.day AND r.officer_id = cv.officer_id), 0) + coalesce(e.n, 0))
                       / 182.0 * extract(epoch FROM (q.q_end - p_cov_ref)) / 86400)::int AS expected
      FROM cv
      CROSS JOIN q
      LEFT JOIN extra e ON e.officer_id = cv.officer_id
      WHERE cv.quarter < p_required
    ),
    -- every village of the day: counted when built, for the county's role (its policy shows every
    -- row); any other role counts the rows it may see
    whole AS (
      SELECT CASE WHEN k.villages IS NOT NULL AND current_user = 'hengyang_county' THEN k.villages
                  ELSE (SELECT count(*)::int FROM coverage_village c WHERE c.day = k.day) END AS villages
    ),
    -- their latest before midnight older than the window's start, and no visit or report since
    silent AS (
      SELECT count(*)::int AS n
      FROM coverage_village c
      WHERE c.day = k.day AND (c.last_heard IS NULL OR c.last_heard < p_cov_ref - make_interval(days => p_silence_days))
        AND NOT EXISTS (SELECT 1 FROM visit x WHERE x.village_code = c.village_code AND x.visited_at >= k.d0 AND x.visited_at <= p_cov_ref)
        AND NOT EXISTS (SELECT 1 FROM hazard y WHERE y.village_code = c.village_code AND y.reported_at >= k.d0 AND y.reported_at <= p_cov_ref)
    ),
    split AS (
      SELECT count(*)::int AS short,
             count(*) FILTER (WHERE s.expected >= p_required)::int AS at_risk,
             count(*) FILTER (WHERE s.expected < p_required)::int AS missed
      FROM short s
    )
    -- (no required number: none met, as the rollups' reading counts)
    SELECT w.villages, CASE WHEN p_required IS NULL THEN 0 ELSE w.villages - sp.short END, sp.at_risk, sp.missed, si.n
    FROM whole w CROSS JOIN split sp CROSS JOIN silent si;
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
