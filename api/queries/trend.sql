-- Counts per week (ISO, Monday start) or calendar month in Asia/Shanghai, every bucket present
-- even when empty, each clipped to the period.
-- $1 from (date), $2 to (date, inclusive), $3 'week' | 'month', $4 township or NULL,
-- $5 / $6 category and status filters for disputes and hazards, $7 campaign code (NULL: all).
-- Visits follow neither the status nor the campaign filter (they have no status and no campaign).
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
d AS (
  SELECT date_trunc($3, x.received_at AT TIME ZONE 'Asia/Shanghai')::date AS bucket, count(*)::int AS n
  FROM dispute x, span
  WHERE x.received_at >= span.t0 AND x.received_at < span.t1
    AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')
    AND ($5::text[] IS NULL OR x.category = ANY($5::text[]))
    AND ($6::text[] IS NULL OR x.status = ANY($6::text[]))
    AND ($7::text IS NULL OR x.campaigns @> ARRAY[$7::text])
  GROUP BY 1
),
h AS (
  SELECT date_trunc($3, x.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS bucket, count(*)::int AS n
  FROM hazard x, span
  WHERE x.reported_at >= span.t0 AND x.reported_at < span.t1
    AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')
    AND ($5::text[] IS NULL OR x.category = ANY($5::text[]))
    AND ($6::text[] IS NULL OR x.status = ANY($6::text[]))
    AND ($7::text IS NULL OR x.campaigns @> ARRAY[$7::text])
  GROUP BY 1
),
v AS (
  SELECT date_trunc($3, x.visited_at AT TIME ZONE 'Asia/Shanghai')::date AS bucket, count(*)::int AS n
  FROM visit x, span
  WHERE x.visited_at >= span.t0 AND x.visited_at < span.t1
    AND ($4::text IS NULL OR x.village_code LIKE $4 || '%')
  GROUP BY 1
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
