-- A campaign's cases by township, phase and seven-day block, for the effect (./campaign-effect.ts):
-- disputes received and hazards reported from $1 (the first day before) to $4 (the last day of the
-- windows, inclusive), of the kinds the campaign targets (disputes when $5 names a category,
-- hazards when $6 does), split into its categories ("targeted", tagged or not) and the others.
-- $2 the campaign's start, $3 the day after its end (the first day after), $7 its townships (NULL:
-- the county), $8 the township asked for (NULL: all the caller sees; row-level security applies).
-- Blocks count from the start (before: -1 is the week just before it) and from $3 for "after".
WITH
span AS (
  SELECT $1::date::timestamp AT TIME ZONE 'Asia/Shanghai' AS t0,
         ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t1
),
cases AS (
  SELECT x.village_code, (x.received_at AT TIME ZONE 'Asia/Shanghai')::date AS day, x.category = ANY($5::text[]) AS targeted
  FROM dispute x, span
  WHERE cardinality($5::text[]) > 0 AND x.received_at >= span.t0 AND x.received_at < span.t1
  UNION ALL
  SELECT x.village_code, (x.reported_at AT TIME ZONE 'Asia/Shanghai')::date, x.category = ANY($6::text[])
  FROM hazard x, span
  WHERE cardinality($6::text[]) > 0 AND x.reported_at >= span.t0 AND x.reported_at < span.t1
),
-- the campaign's townships and the one asked for
scoped AS (
  SELECT left(c.village_code, 9) AS township, c.day, c.targeted
  FROM cases c
  WHERE ($7::text[] IS NULL OR left(c.village_code, 9) = ANY($7::text[]))
    AND ($8::text IS NULL OR c.village_code LIKE $8 || '%')
)
SELECT township,
       CASE WHEN day < $2::date THEN 'before' WHEN day < $3::date THEN 'during' ELSE 'after' END AS phase,
       floor((day - CASE WHEN day < $3::date THEN $2::date ELSE $3::date END) / 7.0)::int AS block,
       targeted,
       count(*)::int AS n
FROM scoped
GROUP BY 1, 2, 3, 4
