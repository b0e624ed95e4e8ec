-- 013: each village's latest visit and latest hazard report, kept (issue 16). village_metrics
-- found them with two index probes per village (max(visited_at), max(reported_at) up to "as
-- of"): at the county's 10x volume about a third of a county-wide call, at province scale
-- (30,491 units) 1.1 s of 3.9 s. The layer, the tiles and the rankings show them (lastVisitAt,
-- lastReportAt, "no information" when both are older than the silence window).
--
-- village_latest holds the latest of all time, one row per village and kind ('visit' from visit,
-- 'report' from hazard): a visit ledger being imported and a hazard reported in the same village
-- lock different rows and do not wait for each other. "As of" an instant at or after the kept
-- latest, which is the case of every live view, the answer is the kept value; only the villages
-- whose latest lies after "as of" (a view of the past) still probe, so the answers do not change
-- (api/queries/latest.db.test.ts holds them to max() over the raw rows).
--
-- Kept in the transaction of every write, like the rollups of 009:
--   insert            the greatest of the kept value and the new rows' (an upsert: concurrent
--                     inserts meet on the row lock, and the greatest does not depend on order);
--   update, delete    the villages whose multiset of (village, instant) changed (an update
--                     that rewrites only a status, a tag or even the id touches none) are locked
--                     in code order by one upsert, then their latest is found again from the raw
--                     rows by a later statement, whose snapshot sees whatever a writer that held
--                     the lock before had committed;
--   truncate          the kind's kept values emptied (the table is empty after it).
-- village_latest_rebuild() builds the table again from the raw rows (npm run rollups:rebuild).
-- Two transactions that each write several tables can still deadlock on these rows and the
-- rollups' (as they could on the rollups alone): the victim is rolled back whole, answered 503.
CREATE TABLE village_latest (
  village_code text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('visit', 'report')),
  at           timestamptz,
  PRIMARY KEY (village_code, kind)
);
SELECT app_protect('village_latest', app_scope_policy('village_code', false));
GRANT SELECT ON village_latest TO hengyang_county, hengyang_app;

-- The table again from the raw rows. Owner only: the rollups CLI.
CREATE FUNCTION village_latest_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE visit, hazard IN SHARE MODE;
  DELETE FROM village_latest;
  INSERT INTO village_latest (village_code, kind, at)
  SELECT x.village_code, 'visit', max(x.visited_at) FROM visit x GROUP BY 1
  UNION ALL
  SELECT h.village_code, 'report', max(h.reported_at) FROM hazard h GROUP BY 1
  ORDER BY 1, 2;
END $$;
REVOKE EXECUTE ON FUNCTION village_latest_rebuild() FROM PUBLIC;

-- The raw rows of a kind: the one place the two kinds differ, and the allow-list of the table
-- and column names the statements below are built with.
CREATE FUNCTION village_latest_source(p_kind text, OUT tab text, OUT col text) LANGUAGE sql IMMUTABLE AS $$
  SELECT s.tab, s.col FROM (VALUES ('visit', 'visit', 'visited_at'), ('report', 'hazard', 'reported_at')) s(kind, tab, col)
  WHERE s.kind = p_kind
$$;

-- The latest of one kind for the villages named, found again from the raw rows.
CREATE FUNCTION village_latest_refind(p_villages text[], p_kind text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  src record;
BEGIN
  SELECT * INTO src FROM village_latest_source(p_kind);
  IF src.tab IS NULL THEN
    RAISE EXCEPTION 'village_latest has no kind %', p_kind;
  END IF;
  IF cardinality(p_villages) = 0 THEN
    RETURN;
  END IF;
  -- one statement, in code order, inserts the rows missing and locks those there (waiting for
  -- a writer that holds one): locks taken in one order by every writer cannot deadlock here
  INSERT INTO village_latest AS l (village_code, kind)
  SELECT DISTINCT c, p_kind FROM unnest(p_villages) c ORDER BY 1
  ON CONFLICT (village_code, kind) DO UPDATE SET at = l.at;
  -- a statement after the lock: in READ COMMITTED it sees what the lock's previous holder committed
  EXECUTE format('UPDATE village_latest l SET at = (SELECT max(x.%2$I) FROM %1$I x WHERE x.village_code = l.village_code)
                  WHERE l.kind = $1 AND l.village_code = ANY($2)', src.tab, src.col)
  USING p_kind, p_villages;
END $$;
REVOKE EXECUTE ON FUNCTION village_latest_refind(text[], text) FROM PUBLIC;

-- One trigger function for both kinds, its kind the trigger's argument. Executable by no one but
-- the owner, and only on the table of its kind (as the rollup triggers of 009).
CREATE FUNCTION village_latest_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  v_kind text := TG_ARGV[0];
  src record;
  touched text[];
BEGIN
  SELECT * INTO src FROM village_latest_source(v_kind);
  IF src.tab IS NULL OR TG_RELID IS DISTINCT FROM format('public.%I', src.tab)::regclass THEN
    RAISE EXCEPTION 'village_latest_keep(%) keeps public.visit (''visit'') and public.hazard (''report'') only', v_kind;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO village_latest AS l (village_code, kind, at)
                    SELECT n.village_code, $1, max(n.%I) FROM new_rows n GROUP BY 1 ORDER BY 1
                    ON CONFLICT (village_code, kind) DO UPDATE SET at = greatest(l.at, EXCLUDED.at)', src.col)
    USING v_kind;
  ELSIF TG_OP = 'UPDATE' THEN
    -- by value, not by id: a statement may rewrite ids too
    EXECUTE format('SELECT ARRAY(
                      SELECT village_code FROM (SELECT o.village_code, o.%1$I FROM old_rows o EXCEPT ALL SELECT n.village_code, n.%1$I FROM new_rows n) a
                      UNION
                      SELECT village_code FROM (SELECT n.village_code, n.%1$I FROM new_rows n EXCEPT ALL SELECT o.village_code, o.%1$I FROM old_rows o) b)', src.col)
    INTO touched;
    PERFORM village_latest_refind(touched, v_kind);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM village_latest_refind(ARRAY(SELECT DISTINCT o.village_code FROM old_rows o), v_kind);
  ELSE
    UPDATE village_latest l SET at = NULL WHERE l.kind = v_kind;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION village_latest_keep() FROM PUBLIC;

CREATE TRIGGER visit_latest_insert AFTER INSERT ON visit REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('visit');
CREATE TRIGGER visit_latest_update AFTER UPDATE ON visit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('visit');
CREATE TRIGGER visit_latest_delete AFTER DELETE ON visit REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('visit');
CREATE TRIGGER visit_latest_truncate AFTER TRUNCATE ON visit
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('visit');
CREATE TRIGGER hazard_latest_insert AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('report');
CREATE TRIGGER hazard_latest_update AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('report');
CREATE TRIGGER hazard_latest_delete AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('report');
CREATE TRIGGER hazard_latest_truncate AFTER TRUNCATE ON hazard
  FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('report');

SELECT village_latest_rebuild();

-- The rollups' rebuilds of 009 again, writing the rows in the order of their keys (day or month
-- first). The triggers add each day's rows as the days come, so the rows of a window lie
-- together; the rebuild wrote them in the order of a hash aggregate, scattered over the table,
-- and the readers' range scans then visited a page per row: at 10x, village_metrics took 32 ms
-- after a rebuild against 21 ms with the rows in key order (the same contents).
CREATE OR REPLACE FUNCTION case_rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
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
  GROUP BY 1, 2
  ORDER BY 2, 1;
  INSERT INTO case_month (village_code, month, disputes_received, disputes_concluded, disputes_successful, hazards_reported)
  SELECT village_code, date_trunc('month', day::timestamp)::date,
         sum(disputes_received), sum(disputes_concluded), sum(disputes_successful), sum(hazards_reported)
  FROM case_day GROUP BY 1, 2
  ORDER BY 2, 1;
END $$;

CREATE OR REPLACE FUNCTION visit_rollup_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE visit IN SHARE MODE;
  DELETE FROM visit_month;
  DELETE FROM visit_day;
  INSERT INTO visit_day (officer_id, village_code, day, visits)
  SELECT officer_id, village_code, (visited_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM visit GROUP BY 1, 2, 3
  ORDER BY 3, 1, 2;
  INSERT INTO visit_month (officer_id, village_code, month, visits)
  SELECT officer_id, village_code, date_trunc('month', day::timestamp)::date, sum(visits) FROM visit_day GROUP BY 1, 2, 3
  ORDER BY 3, 1, 2;
END $$;

-- The rollups already kept, in key order too: where 009 built them from cases already stored (or
-- npm run rollups:rebuild rebuilt them before 013), its rebuild left them scattered. ACCESS
-- EXCLUSIVE on the four tables while the migration runs: seconds at 10x the county's volume; not
-- measured at province scale, where case_day holds 8.6 million rows.
CLUSTER case_day USING case_day_pkey;
CLUSTER case_month USING case_month_pkey;
CLUSTER visit_day USING visit_day_pkey;
CLUSTER visit_month USING visit_month_pkey;
ANALYZE case_day, case_month, visit_day, visit_month, village_latest;

-- village_metrics as in 010, its last visit and last report from village_latest (fc below).
-- Same signature: CREATE OR REPLACE keeps every caller and grant.
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
         -- the kept latest when it is not after "as of" (a live view); a view of the past probes
         CASE WHEN lv.at <= p_ref THEN lv.at
              WHEN lv.at > p_ref THEN (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = v.code AND x.visited_at <= p_ref)
         END AS last_visit,
         CASE WHEN lr.at <= p_ref THEN lr.at
              WHEN lr.at > p_ref THEN (SELECT max(h.reported_at) FROM hazard h WHERE h.village_code = v.code AND h.reported_at <= p_ref)
         END AS last_report
  FROM v
  CROSS JOIN q
  LEFT JOIN vis ON vis.village_code = v.code
  LEFT JOIN officer o ON o.village_code = v.code
  LEFT JOIN rhythm r ON r.officer_id = o.id
  LEFT JOIN village_latest lv ON lv.village_code = v.code AND lv.kind = 'visit'
  LEFT JOIN village_latest lr ON lr.village_code = v.code AND lr.kind = 'report'
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
