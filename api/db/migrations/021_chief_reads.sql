-- 021: a township chief's village metrics and summary without a row-level test per row read (issue 16).
--
-- Under a chief's role (hengyang_app, app.scope 'township') every row village_metrics reads, in
-- the cases, the rollups, the kept days and the villages, is first tested by its table's policy
-- (004: a CASE on two settings, left() of its village code): 0.5-1.5 ms of a township's 3.5-5.7 ms
-- call (pgbench, one client), and the chiefs' village layers are most of `bench:load`'s
-- database time. The county's role pays nothing per row (its policies are USING (true)).
--
-- So a chief's call for their own township runs as the owner, whose policy is USING (true) too:
-- village_metrics becomes a dispatcher (the caller's rights) that hands such a call to
-- village_metrics_own_township (SECURITY DEFINER), which checks the same settings the policies
-- read before it reads anything. Every other call (the county, an officer's villages, a chief
-- asking for another township) reads as before, under the caller's policies, through the
-- unchanged body, renamed village_metrics_rows. What a chief can learn is what their policies
-- let them read: their township's villages, one row each; the difference is an officer's visits
-- in other townships, which the rhythm counts wherever they were (009), and which the chief's
-- policies hid: a chief's expected visits are now the county's for the same village. (Intake
-- and ledger imports take visits to the officer's own village only, so such visits come from an
-- officer moved between townships; a chief learns their count by day at most, no village or case.)
-- scope_totals is split the same way below, so that a chief's summary stays the sum of their
-- village layer (summary.db.test.ts). api/db/definers.db.test.ts lists every SECURITY DEFINER
-- function a request role may run.
--
-- A later change to the metrics replaces village_metrics_rows (its body) and, with a new column,
-- the type village_metric_row that the two others return (docs/architecture.md).

ALTER FUNCTION village_metrics(timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text)
  RENAME TO village_metrics_rows;

-- The row the three return, in village_metrics_rows' column order.
CREATE TYPE village_metric_row AS (
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
);

-- Whether a call for p_township (none: the caller's map) is a chief's for their own township:
-- the request role, its scope 'township', and that township (never NULL).
CREATE FUNCTION chief_own_township(p_township text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_user = 'hengyang_app'
                  AND current_setting('app.scope', true) = 'township'
                  AND nullif(current_setting('app.township', true), '') IS NOT NULL
                  AND coalesce(nullif(p_township, ''), current_setting('app.township', true)) = current_setting('app.township', true),
                  false)
$$;

-- A chief's own township, read as the owner. Refuses any other caller or township: it can be
-- called directly, so it trusts nothing the dispatcher checked. Executable by the county's role
-- too, which it refuses: PostgreSQL checks the right to run every function of a plan when the plan
-- starts, the branch the dispatcher's test skips included.
CREATE FUNCTION village_metrics_own_township(
  p_from timestamptz, p_to timestamptz, p_ref timestamptz, p_required integer, p_township text, p_silence_days integer,
  p_categories text[], p_statuses text[], p_campaign text
) RETURNS SETOF village_metric_row LANGUAGE plpgsql STABLE ROWS 40 SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(p_township, '') = '' OR current_setting('role') <> 'hengyang_app'
     OR current_setting('app.scope', true) IS DISTINCT FROM 'township'
     OR current_setting('app.township', true) IS DISTINCT FROM p_township THEN
    RAISE EXCEPTION 'village_metrics_own_township: only a chief''s own township' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM village_metrics_rows(p_from, p_to, p_ref, p_required, p_township, p_silence_days, p_categories, p_statuses, p_campaign);
END $$;
REVOKE EXECUTE ON FUNCTION village_metrics_own_township(timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION village_metrics_own_township(timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text) TO hengyang_app, hengyang_county;

-- The entry every query calls (named arguments, as before). A chief's call with no township is
-- their township's (their policies showed no other); one for another township reads under their
-- policies, which show it nothing. One SELECT in SQL, so that the planner inlines it into the
-- caller's statement: the test is a one-time filter on the settings, and the county's call costs
-- no more than before (a PL/pgSQL dispatcher would copy every row once more).
CREATE FUNCTION village_metrics(
  p_from     timestamptz,
  p_to       timestamptz,
  p_ref      timestamptz,
  p_required integer,
  p_township text,
  p_silence_days integer,
  p_categories text[] DEFAULT NULL,
  p_statuses text[] DEFAULT NULL,
  p_campaign text DEFAULT NULL
) RETURNS SETOF village_metric_row LANGUAGE sql STABLE ROWS 500 AS $$
  SELECT * FROM village_metrics_own_township(p_from, p_to, p_ref, p_required, current_setting('app.township', true),
                                             p_silence_days, p_categories, p_statuses, p_campaign)
  WHERE chief_own_township(p_township)
  UNION ALL
  SELECT * FROM village_metrics_rows(p_from, p_to, p_ref, p_required, p_township, p_silence_days, p_categories, p_statuses, p_campaign)
  WHERE NOT chief_own_township(p_township)
$$;

-- The same for a chief's summary: scope_totals (latest body in 020) becomes scope_totals_rows,
-- and scope_totals a dispatcher, a chief's own township read as the owner.
ALTER FUNCTION scope_totals(timestamptz, timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text)
  RENAME TO scope_totals_rows;

CREATE TYPE scope_total_row AS (
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
);

CREATE FUNCTION scope_totals_own_township(
  p_from timestamptz, p_to timestamptz, p_ref timestamptz, p_cov_ref timestamptz, p_required integer, p_township text,
  p_silence_days integer, p_categories text[], p_statuses text[], p_campaign text
) RETURNS SETOF scope_total_row LANGUAGE plpgsql STABLE ROWS 1 SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF coalesce(p_township, '') = '' OR current_setting('role') <> 'hengyang_app'
     OR current_setting('app.scope', true) IS DISTINCT FROM 'township'
     OR current_setting('app.township', true) IS DISTINCT FROM p_township THEN
    RAISE EXCEPTION 'scope_totals_own_township: only a chief''s own township' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT * FROM scope_totals_rows(p_from, p_to, p_ref, p_cov_ref, p_required, p_township, p_silence_days, p_categories, p_statuses, p_campaign);
END $$;
REVOKE EXECUTE ON FUNCTION scope_totals_own_township(timestamptz, timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scope_totals_own_township(timestamptz, timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text) TO hengyang_app, hengyang_county;

CREATE FUNCTION scope_totals(
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
) RETURNS SETOF scope_total_row LANGUAGE sql STABLE ROWS 1 AS $$
  SELECT * FROM scope_totals_own_township(p_from, p_to, p_ref, p_cov_ref, p_required, current_setting('app.township', true),
                                          p_silence_days, p_categories, p_statuses, p_campaign)
  WHERE chief_own_township(p_township)
  UNION ALL
  SELECT * FROM scope_totals_rows(p_from, p_to, p_ref, p_cov_ref, p_required, p_township, p_silence_days, p_categories, p_statuses, p_campaign)
  WHERE NOT chief_own_township(p_township)
$$;

-- case_flow_sums and visit_flow_sums (latest in 018) as they were, but for the test that picks the
-- statement of a township under row-level security (its villages' index ranges, where left() is no
-- index condition): the request role it is, not the scope it has. A chief's call read as the owner
-- (above) keeps app.scope 'township', and took that statement, then tested every rollup row of the
-- township against its 35 village codes as well (0.2-0.3 ms of a 2.7 ms call).
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
ELSIF current_user = 'hengyang_app' THEN
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
ELSIF current_user = 'hengyang_app' THEN
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
