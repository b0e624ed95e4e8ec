-- 020: the county's open stock at a past instant from rollups (issue 16). A summary's comparison
-- counts what was open when its previous period ended; for a 12-month summary that is a year
-- back, beyond scope_totals' "recent" path (open now plus closed since), so it read the interval
-- (GiST) indexes: at province scale 103,474 hazards and 62,564 disputes open then, read from the
-- table, 44 and 22 ms of the 12-month summary's 160-200.
--
-- Interval arithmetic instead. A case is open at T when received <= T < concluded (never
-- concluded: open), and it is never concluded before it was received (001's checks), so
--   open(T) = (received by T) - (concluded by T);
-- a hazard is overdue at T when deadline < T < closed (its deadline is after its report), so
--   overdue(T) = (open or closed late, deadline before T) - (closed late, closed by T).
-- Each case gives deltas at instants (+1 received, -1 concluded; +1 at the deadline of a hazard
-- open or closed late, -1 at a late one's closing), summed per township and day, month and year
-- in the same statement as every write (statement triggers, as 009's). The stock at T is then
-- the years before T's year, that year's months before T's month and that month's days before
-- T's day (each from the nearer end, county_stock_at below), and the raw rows of T's day up to
-- T: at most 6 months' and 16 days' rows per township, whatever the history stored. Counting
-- from now instead (open now, then what happened since T) read the 166,000 cases open now at
-- province scale, index-only: 25 ms of a 36 ms call.
-- The severities are kept apart (the summary shows the open hazards by severity); the total is
-- their sum.
--
-- Read by the county's role only (its policy shows every township's rows); a chief reads their
-- own township's rows but no statement of theirs reads these, and an officer of some villages
-- none: their stock stays counted from the cases under their row-level security. Filtered views
-- (categories, statuses, a campaign) keep the GiST path: the rows carry no such keys.
-- api/queries/stock.db.test.ts holds the reading to the interval indexes' answer at instants
-- across the history (event instants, midnights, both halves of a month) through every kind of write.

CREATE TABLE stock_township_day (
  township_code   text NOT NULL,
  day             date NOT NULL,
  -- the day's change in the disputes open (received less concluded)
  disputes_open   integer NOT NULL DEFAULT 0,
  -- the day's change in the hazards open (reported less closed), by severity
  hazards_open_s1 integer NOT NULL DEFAULT 0,
  hazards_open_s2 integer NOT NULL DEFAULT 0,
  hazards_open_s3 integer NOT NULL DEFAULT 0,
  hazards_open_s4 integer NOT NULL DEFAULT 0,
  -- the day's change in the hazards overdue (deadlines passed less late closings)
  hazards_overdue integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, township_code)
);

CREATE TABLE stock_township_month (
  township_code   text NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  disputes_open   integer NOT NULL DEFAULT 0,
  hazards_open_s1 integer NOT NULL DEFAULT 0,
  hazards_open_s2 integer NOT NULL DEFAULT 0,
  hazards_open_s3 integer NOT NULL DEFAULT 0,
  hazards_open_s4 integer NOT NULL DEFAULT 0,
  hazards_overdue integer NOT NULL DEFAULT 0,
  PRIMARY KEY (month, township_code)
);

CREATE TABLE stock_township_year (
  township_code   text NOT NULL,
  year            date NOT NULL CHECK (extract(doy FROM year) = 1),
  disputes_open   integer NOT NULL DEFAULT 0,
  hazards_open_s1 integer NOT NULL DEFAULT 0,
  hazards_open_s2 integer NOT NULL DEFAULT 0,
  hazards_open_s3 integer NOT NULL DEFAULT 0,
  hazards_open_s4 integer NOT NULL DEFAULT 0,
  hazards_overdue integer NOT NULL DEFAULT 0,
  PRIMARY KEY (year, township_code)
);

-- as 018's township rows: a chief their own township's, an officer of some villages and anyone else none
SELECT app_protect(t, $p$CASE current_setting('app.scope', true) WHEN 'township' THEN township_code = current_setting('app.township', true)
                                                                 ELSE false END$p$)
FROM unnest(ARRAY['stock_township_day', 'stock_township_month', 'stock_township_year']) t;
GRANT SELECT ON stock_township_day, stock_township_month, stock_township_year TO hengyang_county, hengyang_app;

CREATE TYPE stock_delta AS (
  village_code    text,
  at              timestamptz,
  disputes_open   integer,
  hazards_open_s1 integer,
  hazards_open_s2 integer,
  hazards_open_s3 integer,
  hazards_open_s4 integer,
  hazards_overdue integer
);

-- What one case adds, times s (1 added, -1 taken away), for the triggers and the rebuild.
CREATE FUNCTION dispute_stock_deltas(p_village text, p_received timestamptz, p_concluded timestamptz, s integer)
  RETURNS SETOF stock_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT p_village, p_received, s, 0, 0, 0, 0, 0
  UNION ALL
  SELECT p_village, p_concluded, -s, 0, 0, 0, 0, 0 WHERE p_concluded IS NOT NULL
$$;

CREATE FUNCTION hazard_stock_deltas(p_village text, p_reported timestamptz, p_closed timestamptz, p_deadline timestamptz,
                                    p_severity smallint, s integer)
  RETURNS SETOF stock_delta LANGUAGE sql IMMUTABLE AS $$
  SELECT p_village, p_reported, 0,
         CASE p_severity WHEN 1 THEN s ELSE 0 END, CASE p_severity WHEN 2 THEN s ELSE 0 END,
         CASE p_severity WHEN 3 THEN s ELSE 0 END, CASE p_severity WHEN 4 THEN s ELSE 0 END, 0
  UNION ALL
  SELECT p_village, p_closed, 0,
         CASE p_severity WHEN 1 THEN -s ELSE 0 END, CASE p_severity WHEN 2 THEN -s ELSE 0 END,
         CASE p_severity WHEN 3 THEN -s ELSE 0 END, CASE p_severity WHEN 4 THEN -s ELSE 0 END,
         CASE WHEN p_deadline < p_closed THEN -s ELSE 0 END
  WHERE p_closed IS NOT NULL
  UNION ALL
  SELECT p_village, p_deadline, 0, 0, 0, 0, 0, s WHERE p_closed IS NULL OR p_deadline < p_closed
$$;

-- The upsert of one statement's deltas, years, months, then days, each in key order (as 018's).
-- Static SQL in a PL/pgSQL function, so its plan is made once per connection: the flows' triggers
-- EXECUTE a statement built around the transition table's query, planned at every write (this one,
-- written so, cost an intake and a closing about 1.9 ms together).
CREATE FUNCTION stock_apply(ds stock_delta[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  WITH x AS MATERIALIZED (
    SELECT left(d.village_code, 9) AS township_code, (d.at AT TIME ZONE 'Asia/Shanghai')::date AS day,
           d.disputes_open AS dn, d.hazards_open_s1 AS h1, d.hazards_open_s2 AS h2, d.hazards_open_s3 AS h3,
           d.hazards_open_s4 AS h4, d.hazards_overdue AS ho
    FROM unnest(ds) d
  ),
  years AS (
    INSERT INTO stock_township_year AS c (township_code, year, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
    SELECT township_code, date_trunc('year', day::timestamp)::date, sum(dn), sum(h1), sum(h2), sum(h3), sum(h4), sum(ho)
    FROM x GROUP BY 1, 2
    HAVING sum(dn) <> 0 OR sum(h1) <> 0 OR sum(h2) <> 0 OR sum(h3) <> 0 OR sum(h4) <> 0 OR sum(ho) <> 0
    ORDER BY 2, 1
    ON CONFLICT (year, township_code) DO UPDATE SET
      disputes_open = c.disputes_open + EXCLUDED.disputes_open,
      hazards_open_s1 = c.hazards_open_s1 + EXCLUDED.hazards_open_s1, hazards_open_s2 = c.hazards_open_s2 + EXCLUDED.hazards_open_s2,
      hazards_open_s3 = c.hazards_open_s3 + EXCLUDED.hazards_open_s3, hazards_open_s4 = c.hazards_open_s4 + EXCLUDED.hazards_open_s4,
      hazards_overdue = c.hazards_overdue + EXCLUDED.hazards_overdue
    RETURNING 1
  ),
  months AS (
    INSERT INTO stock_township_month AS c (township_code, month, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
    SELECT township_code, date_trunc('month', day::timestamp)::date, sum(dn), sum(h1), sum(h2), sum(h3), sum(h4), sum(ho)
    FROM x GROUP BY 1, 2
    HAVING sum(dn) <> 0 OR sum(h1) <> 0 OR sum(h2) <> 0 OR sum(h3) <> 0 OR sum(h4) <> 0 OR sum(ho) <> 0
    ORDER BY 2, 1
    ON CONFLICT (month, township_code) DO UPDATE SET
      disputes_open = c.disputes_open + EXCLUDED.disputes_open,
      hazards_open_s1 = c.hazards_open_s1 + EXCLUDED.hazards_open_s1, hazards_open_s2 = c.hazards_open_s2 + EXCLUDED.hazards_open_s2,
      hazards_open_s3 = c.hazards_open_s3 + EXCLUDED.hazards_open_s3, hazards_open_s4 = c.hazards_open_s4 + EXCLUDED.hazards_open_s4,
      hazards_overdue = c.hazards_overdue + EXCLUDED.hazards_overdue
    RETURNING 1
  ),
  days AS (
    INSERT INTO stock_township_day AS c (township_code, day, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
    SELECT township_code, day, sum(dn), sum(h1), sum(h2), sum(h3), sum(h4), sum(ho)
    FROM x GROUP BY 1, 2
    HAVING sum(dn) <> 0 OR sum(h1) <> 0 OR sum(h2) <> 0 OR sum(h3) <> 0 OR sum(h4) <> 0 OR sum(ho) <> 0
    ORDER BY 2, 1
    ON CONFLICT (day, township_code) DO UPDATE SET
      disputes_open = c.disputes_open + EXCLUDED.disputes_open,
      hazards_open_s1 = c.hazards_open_s1 + EXCLUDED.hazards_open_s1, hazards_open_s2 = c.hazards_open_s2 + EXCLUDED.hazards_open_s2,
      hazards_open_s3 = c.hazards_open_s3 + EXCLUDED.hazards_open_s3, hazards_open_s4 = c.hazards_open_s4 + EXCLUDED.hazards_open_s4,
      hazards_overdue = c.hazards_overdue + EXCLUDED.hazards_overdue
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM years) + (SELECT count(*) FROM months) + (SELECT count(*) FROM days) INTO n;
END $$;
REVOKE EXECUTE ON FUNCTION stock_apply(stock_delta[]) FROM PUBLIC;

-- The three tables from the raw rows. Owner only: the rollups CLI (with case_rollup_rebuild) and the
-- TRUNCATE triggers; writers of the cases wait until it commits (as 009's rebuild).
CREATE FUNCTION case_stock_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE dispute, hazard IN SHARE MODE;
  DELETE FROM stock_township_year;
  DELETE FROM stock_township_month;
  DELETE FROM stock_township_day;
  INSERT INTO stock_township_day (township_code, day, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
  SELECT left(x.village_code, 9), (x.at AT TIME ZONE 'Asia/Shanghai')::date,
         sum(x.disputes_open), sum(x.hazards_open_s1), sum(x.hazards_open_s2), sum(x.hazards_open_s3), sum(x.hazards_open_s4), sum(x.hazards_overdue)
  FROM (
    SELECT y.* FROM dispute d, dispute_stock_deltas(d.village_code, d.received_at, d.concluded_at, 1) y
    UNION ALL
    SELECT y.* FROM hazard h, hazard_stock_deltas(h.village_code, h.reported_at, h.closed_at, h.deadline, h.severity, 1) y
  ) x
  GROUP BY 1, 2
  HAVING sum(x.disputes_open) <> 0 OR sum(x.hazards_open_s1) <> 0 OR sum(x.hazards_open_s2) <> 0 OR sum(x.hazards_open_s3) <> 0
      OR sum(x.hazards_open_s4) <> 0 OR sum(x.hazards_overdue) <> 0
  ORDER BY 2, 1;
  INSERT INTO stock_township_month (township_code, month, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
  SELECT township_code, date_trunc('month', day::timestamp)::date,
         sum(disputes_open), sum(hazards_open_s1), sum(hazards_open_s2), sum(hazards_open_s3), sum(hazards_open_s4), sum(hazards_overdue)
  FROM stock_township_day GROUP BY 1, 2
  ORDER BY 2, 1;
  INSERT INTO stock_township_year (township_code, year, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue)
  SELECT township_code, date_trunc('year', month::timestamp)::date,
         sum(disputes_open), sum(hazards_open_s1), sum(hazards_open_s2), sum(hazards_open_s3), sum(hazards_open_s4), sum(hazards_overdue)
  FROM stock_township_month GROUP BY 1, 2
  ORDER BY 2, 1;
END $$;
REVOKE EXECUTE ON FUNCTION case_stock_rebuild() FROM PUBLIC;

-- Statement triggers, as 009's: an UPDATE takes the old rows' deltas away and adds the new rows',
-- leaving out the rows whose counted columns did not change. Named to fire first (AFTER triggers
-- fire in name order: *_case_open_* before 018's *_case_rollup_*, hazard_coverage_* and
-- *_latest_*), so a writer takes its township's year row before any month's or village's row
-- (018's rule, coarsest first). Fired after the flows' triggers, an intake of December held
-- December's township and village rows while waiting for the year's row, which a ledger import
-- of March held while its next statement, of December, waited for December's: a deadlock
-- (stock.db.test.ts).
CREATE FUNCTION dispute_stock_rollup() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.dispute'::regclass THEN
    RAISE EXCEPTION 'dispute_stock_rollup() keeps the stock rows of public.dispute only';
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM stock_apply(ARRAY(SELECT y FROM new_rows n, dispute_stock_deltas(n.village_code, n.received_at, n.concluded_at, 1) y));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM stock_apply(ARRAY(
      SELECT y FROM new_rows n, dispute_stock_deltas(n.village_code, n.received_at, n.concluded_at, 1) y
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id
                          AND (o.village_code, o.received_at, o.concluded_at) IS NOT DISTINCT FROM (n.village_code, n.received_at, n.concluded_at))
      UNION ALL
      SELECT y FROM old_rows o, dispute_stock_deltas(o.village_code, o.received_at, o.concluded_at, -1) y
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id
                          AND (o.village_code, o.received_at, o.concluded_at) IS NOT DISTINCT FROM (n.village_code, n.received_at, n.concluded_at))));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stock_apply(ARRAY(SELECT y FROM old_rows o, dispute_stock_deltas(o.village_code, o.received_at, o.concluded_at, -1) y));
  ELSE
    PERFORM case_stock_rebuild();
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION dispute_stock_rollup() FROM PUBLIC;

CREATE FUNCTION hazard_stock_rollup() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_RELID <> 'public.hazard'::regclass THEN
    RAISE EXCEPTION 'hazard_stock_rollup() keeps the stock rows of public.hazard only';
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM stock_apply(ARRAY(
      SELECT y FROM new_rows n, hazard_stock_deltas(n.village_code, n.reported_at, n.closed_at, n.deadline, n.severity, 1) y));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM stock_apply(ARRAY(
      SELECT y FROM new_rows n, hazard_stock_deltas(n.village_code, n.reported_at, n.closed_at, n.deadline, n.severity, 1) y
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id
                          AND (o.village_code, o.reported_at, o.closed_at, o.deadline, o.severity)
                              IS NOT DISTINCT FROM (n.village_code, n.reported_at, n.closed_at, n.deadline, n.severity))
      UNION ALL
      SELECT y FROM old_rows o, hazard_stock_deltas(o.village_code, o.reported_at, o.closed_at, o.deadline, o.severity, -1) y
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id
                          AND (o.village_code, o.reported_at, o.closed_at, o.deadline, o.severity)
                              IS NOT DISTINCT FROM (n.village_code, n.reported_at, n.closed_at, n.deadline, n.severity))));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM stock_apply(ARRAY(
      SELECT y FROM old_rows o, hazard_stock_deltas(o.village_code, o.reported_at, o.closed_at, o.deadline, o.severity, -1) y));
  ELSE
    PERFORM case_stock_rebuild();
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION hazard_stock_rollup() FROM PUBLIC;

CREATE TRIGGER dispute_case_open_insert AFTER INSERT ON dispute REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_stock_rollup();
CREATE TRIGGER dispute_case_open_update AFTER UPDATE ON dispute REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_stock_rollup();
CREATE TRIGGER dispute_case_open_delete AFTER DELETE ON dispute REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_stock_rollup();
CREATE TRIGGER dispute_case_open_truncate AFTER TRUNCATE ON dispute
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_stock_rollup();
CREATE TRIGGER hazard_case_open_insert AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_stock_rollup();
CREATE TRIGGER hazard_case_open_update AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_stock_rollup();
CREATE TRIGGER hazard_case_open_delete AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_stock_rollup();
CREATE TRIGGER hazard_case_open_truncate AFTER TRUNCATE ON hazard
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_stock_rollup();

SELECT case_stock_rebuild();
-- the deadlines that count within T's day (the reading below): of the hazards open or closed late
CREATE INDEX hazard_due_idx ON hazard (deadline) WHERE closed_at IS NULL OR closed_at > deadline;
ANALYZE stock_township_day, stock_township_month, stock_township_year;

-- The county's open stock at p_ref (see the header): the years before T's day's year, that year's
-- months before T's day's month, that month's days before T's day, each from the rows nearer to
-- hand (in the first half of the year, its months; later, its year row less its months from that
-- month on; the same for the days of the month), and T's day up to T from the raw rows. At most
-- 6 months' and 16 days' rows per township, however long the history.
CREATE FUNCTION county_stock_at(p_ref timestamptz)
RETURNS TABLE (disputes_open integer, hazards_open integer, hazards_overdue integer,
               hazards_open_s1 integer, hazards_open_s2 integer, hazards_open_s3 integer, hazards_open_s4 integer)
LANGUAGE sql STABLE AS $$
WITH
g AS MATERIALIZED (
  SELECT d0, (d0::timestamp AT TIME ZONE 'Asia/Shanghai') AS d0_at,
         y, (y + interval '1 year')::date AS y_next, m, (m + interval '1 month')::date AS m_next,
         extract(month FROM m) <= 6 AS early_y, extract(day FROM d0) <= 16 AS early_m
  FROM (SELECT d0, date_trunc('year', d0::timestamp)::date AS y, date_trunc('month', d0::timestamp)::date AS m
        FROM (SELECT (p_ref AT TIME ZONE 'Asia/Shanghai')::date AS d0) x) x
),
parts AS (
  -- the years before T's day's year
  SELECT s.disputes_open AS dn, s.hazards_open_s1 AS h1, s.hazards_open_s2 AS h2, s.hazards_open_s3 AS h3,
         s.hazards_open_s4 AS h4, s.hazards_overdue AS ho
  FROM stock_township_year s WHERE s.year < (SELECT y FROM g)
  -- that year's months before T's day's month: early in the year, its months
  UNION ALL
  SELECT s.disputes_open, s.hazards_open_s1, s.hazards_open_s2, s.hazards_open_s3, s.hazards_open_s4, s.hazards_overdue
  FROM stock_township_month s WHERE (SELECT early_y FROM g) AND s.month >= (SELECT y FROM g) AND s.month < (SELECT m FROM g)
  -- later, its year row less its months from that month on
  UNION ALL
  SELECT s.disputes_open, s.hazards_open_s1, s.hazards_open_s2, s.hazards_open_s3, s.hazards_open_s4, s.hazards_overdue
  FROM stock_township_year s WHERE NOT (SELECT early_y FROM g) AND s.year = (SELECT y FROM g)
  UNION ALL
  SELECT -s.disputes_open, -s.hazards_open_s1, -s.hazards_open_s2, -s.hazards_open_s3, -s.hazards_open_s4, -s.hazards_overdue
  FROM stock_township_month s WHERE NOT (SELECT early_y FROM g) AND s.month >= (SELECT m FROM g) AND s.month < (SELECT y_next FROM g)
  -- that month's days before T's day: early in the month, its days
  UNION ALL
  SELECT s.disputes_open, s.hazards_open_s1, s.hazards_open_s2, s.hazards_open_s3, s.hazards_open_s4, s.hazards_overdue
  FROM stock_township_day s WHERE (SELECT early_m FROM g) AND s.day >= (SELECT m FROM g) AND s.day < (SELECT d0 FROM g)
  -- later, its month row less its days from T's day on
  UNION ALL
  SELECT s.disputes_open, s.hazards_open_s1, s.hazards_open_s2, s.hazards_open_s3, s.hazards_open_s4, s.hazards_overdue
  FROM stock_township_month s WHERE NOT (SELECT early_m FROM g) AND s.month = (SELECT m FROM g)
  UNION ALL
  SELECT -s.disputes_open, -s.hazards_open_s1, -s.hazards_open_s2, -s.hazards_open_s3, -s.hazards_open_s4, -s.hazards_overdue
  FROM stock_township_day s WHERE NOT (SELECT early_m FROM g) AND s.day >= (SELECT d0 FROM g) AND s.day < (SELECT m_next FROM g)
  -- T's day up to T, from the raw rows: received, concluded, reported, closed by T
  UNION ALL
  SELECT 1, 0, 0, 0, 0, 0 FROM dispute d WHERE d.received_at >= (SELECT d0_at FROM g) AND d.received_at <= p_ref
  UNION ALL
  SELECT -1, 0, 0, 0, 0, 0 FROM dispute d WHERE d.concluded_at >= (SELECT d0_at FROM g) AND d.concluded_at <= p_ref
  UNION ALL
  SELECT 0, (h.severity = 1)::int, (h.severity = 2)::int, (h.severity = 3)::int, (h.severity = 4)::int, 0
  FROM hazard h WHERE h.reported_at >= (SELECT d0_at FROM g) AND h.reported_at <= p_ref
  UNION ALL
  SELECT 0, -(h.severity = 1)::int, -(h.severity = 2)::int, -(h.severity = 3)::int, -(h.severity = 4)::int, -(h.deadline < h.closed_at)::int
  FROM hazard h WHERE h.closed_at >= (SELECT d0_at FROM g) AND h.closed_at <= p_ref
  -- and the deadlines passed before T (overdue at T needs its deadline before T) of those open or closed late
  UNION ALL
  SELECT 0, 0, 0, 0, 0, 1
  FROM hazard h WHERE (h.closed_at IS NULL OR h.closed_at > h.deadline) AND h.deadline >= (SELECT d0_at FROM g) AND h.deadline < p_ref
),
t AS (
  SELECT coalesce(sum(dn), 0)::int AS dn, coalesce(sum(h1), 0)::int AS h1, coalesce(sum(h2), 0)::int AS h2,
         coalesce(sum(h3), 0)::int AS h3, coalesce(sum(h4), 0)::int AS h4, coalesce(sum(ho), 0)::int AS ho
  FROM parts
)
SELECT dn, h1 + h2 + h3 + h4, ho, h1, h2, h3, h4 FROM t
$$;

-- 018's scope_totals, the county's unfiltered stock read by its role from county_stock_at (above),
-- at any instant, instead of the cases open now and closed since (recent) or the interval indexes.
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
  IF county AND unfiltered AND current_user = 'hengyang_county' THEN
    -- the county's role, at any instant: interval arithmetic on the township rows (county_stock_at,
    -- above; at province scale 6-12 ms where the recent path below counts the 166,000 cases open
    -- now, 22 ms, and the GiST path those open a year back, 66)
    SELECT s.hazards_open AS open, s.hazards_overdue AS overdue, s.hazards_open_s1 AS s1, s.hazards_open_s2 AS s2,
           s.hazards_open_s3 AS s3, s.hazards_open_s4 AS s4, s.disputes_open AS d
    INTO h FROM county_stock_at(p_ref) s;
    d_open := h.d;
  ELSIF county AND unfiltered AND p_ref >= (SELECT max(y.reported_at) FROM hazard y) - interval '92 days' THEN
    -- another role (the owner's CLIs and tests), recent: open now, plus closed since p_ref (see the indexes above)
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
    -- filtered, or a role whose row-level security the township rows would not follow
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

  -- coverage and silence at p_cov_ref (scope_coverage, 019)
  SELECT * INTO c FROM scope_coverage(p_cov_ref, p_required, p_township, p_silence_days);

  RETURN QUERY SELECT c.villages, d_recv, d_conc, d_succ, d_open, h_rep, h.open, h.overdue, h.s1, h.s2, h.s3, h.s4,
                      c.met, c.at_risk, c.missed, c.silent;
END $$;
