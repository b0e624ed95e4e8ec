-- Counts per week (ISO, Monday start) or calendar month in Asia/Shanghai, every bucket present
-- even when empty, each clipped to the period.
-- $1 from (date), $2 to (date, inclusive), $3 'week' | 'month', $4 township or NULL,
-- $5 / $6 category and status filters for disputes and hazards, $7 campaign code (NULL: all).
-- Visits follow neither the status nor the campaign filter (they have no status and no campaign).
-- The period is whole days, so the rollups (migration 009) answer it whole: whole months from the
-- month tables when bucketing by month, every other day from the day tables. A filter on the cases
-- reads their raw rows instead (the rollups carry no categories, statuses or campaigns).
WITH
buckets AS (
  SELECT b::date AS bucket
  FROM generate_series(date_trunc($3, $1::date), $2::date, ('1 ' || $3)::interval) AS b
),
-- the period as instants
span AS (
  SELECT $1::date::timestamp AT TIME ZONE 'Asia/Shanghai' AS t0,
         ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t1
),
-- the rollup ranges; weekly buckets cross months, so by week every day comes from the day tables
r AS MATERIALIZED (
  SELECT CASE WHEN $3 = 'month' THEN g.m0 ELSE g.d0 END AS m0,
         CASE WHEN $3 = 'month' THEN g.m1 ELSE g.d0 END AS m1,
         g.d0,
         CASE WHEN $3 = 'month' THEN g.g0 ELSE g.d1 END AS g0,
         CASE WHEN $3 = 'month' THEN g.g1 ELSE g.d1 END AS g1,
         g.d1
  FROM span, rollup_ranges(span.t0, span.t1) g
),
-- rollup rows of the period with their bucket: cases (when nothing filters them) and visits.
-- The cases from the townships' rows (migration 018: a county's months are one row per township,
-- not per village), but for an officer of some villages, whose township rows are none: theirs
-- come from the village rows, which row-level security narrows to their villages.
by_village AS MATERIALIZED (SELECT current_setting('app.scope', true) IS NOT DISTINCT FROM 'villages' AS yes),
rc AS (
  SELECT c.month AS day, c.disputes_received AS d, c.hazards_reported AS h FROM case_township_month c
  WHERE NOT (SELECT yes FROM by_village) AND c.month >= (SELECT m0 FROM r) AND c.month < (SELECT m1 FROM r) AND ($4::text IS NULL OR c.township_code = $4)
  UNION ALL
  SELECT c.day, c.disputes_received, c.hazards_reported FROM case_township_day c
  WHERE NOT (SELECT yes FROM by_village) AND c.day >= (SELECT d0 FROM r) AND c.day < (SELECT g0 FROM r) AND ($4::text IS NULL OR c.township_code = $4)
  UNION ALL
  SELECT c.day, c.disputes_received, c.hazards_reported FROM case_township_day c
  WHERE NOT (SELECT yes FROM by_village) AND c.day >= (SELECT g1 FROM r) AND c.day < (SELECT d1 FROM r) AND ($4::text IS NULL OR c.township_code = $4)
  UNION ALL
  SELECT c.month AS day, c.disputes_received AS d, c.hazards_reported AS h FROM case_month c
  WHERE (SELECT yes FROM by_village) AND c.month >= (SELECT m0 FROM r) AND c.month < (SELECT m1 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
  UNION ALL
  SELECT c.day, c.disputes_received, c.hazards_reported FROM case_day c
  WHERE (SELECT yes FROM by_village) AND c.day >= (SELECT d0 FROM r) AND c.day < (SELECT g0 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
  UNION ALL
  SELECT c.day, c.disputes_received, c.hazards_reported FROM case_day c
  WHERE (SELECT yes FROM by_village) AND c.day >= (SELECT g1 FROM r) AND c.day < (SELECT d1 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
),
rv AS (
  SELECT c.month AS day, c.visits FROM visit_month c
  WHERE c.month >= (SELECT m0 FROM r) AND c.month < (SELECT m1 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
  UNION ALL
  SELECT c.day, c.visits FROM visit_day c
  WHERE c.day >= (SELECT d0 FROM r) AND c.day < (SELECT g0 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
  UNION ALL
  SELECT c.day, c.visits FROM visit_day c
  WHERE c.day >= (SELECT g1 FROM r) AND c.day < (SELECT d1 FROM r) AND ($4::text IS NULL OR c.village_code LIKE $4 || '%')
),
rolled_cases AS (
  SELECT date_trunc($3, rc.day::timestamp)::date AS bucket, sum(rc.d)::int AS d, sum(rc.h)::int AS h
  FROM rc WHERE $5::text[] IS NULL AND $6::text[] IS NULL AND $7::text IS NULL GROUP BY 1
),
d AS (
  SELECT bucket, d AS n FROM rolled_cases
  UNION ALL
  SELECT date_trunc($3, x.received_at AT TIME ZONE 'Asia/Shanghai')::date AS bucket, count(*)::int AS n
  FROM dispute x, span
  WHERE NOT ($5::text[] IS NULL AND $6::text[] IS NULL AND $7::text IS NULL)
    AND x.received_at >= span.t0 AND x.received_at < span.t1
    AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')
    AND ($5::text[] IS NULL OR x.category = ANY($5::text[]))
    AND ($6::text[] IS NULL OR x.status = ANY($6::text[]))
    AND ($7::text IS NULL OR x.campaigns @> ARRAY[$7::text])
  GROUP BY 1
),
h AS (
  SELECT bucket, h AS n FROM rolled_cases
  UNION ALL
  SELECT date_trunc($3, x.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS bucket, count(*)::int AS n
  FROM hazard x, span
  WHERE NOT ($5::text[] IS NULL AND $6::text[] IS NULL AND $7::text IS NULL)
    AND x.reported_at >= span.t0 AND x.reported_at < span.t1
    AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')
    AND ($5::text[] IS NULL OR x.category = ANY($5::text[]))
    AND ($6::text[] IS NULL OR x.status = ANY($6::text[]))
    AND ($7::text IS NULL OR x.campaigns @> ARRAY[$7::text])
  GROUP BY 1
),
v AS (
  SELECT date_trunc($3, rv.day::timestamp)::date AS bucket, sum(rv.visits)::int AS n
  FROM rv GROUP BY 1
)
SELECT to_char(greatest(b.bucket, $1::date), 'YYYY-MM-DD') AS start,
       to_char(least((b.bucket + ('1 ' || $3)::interval)::date - 1, $2::date), 'YYYY-MM-DD') AS "end",
       coalesce(d.n, 0) AS disputes,
       coalesce(h.n, 0) AS hazards,
       coalesce(v.n, 0) AS visits
FROM buckets b
LEFT JOIN d ON d.bucket = b.bucket
LEFT JOIN h ON h.bucket = b.bucket
LEFT JOIN v ON v.bucket = b.bucket
ORDER BY b.bucket
