-- A village's last 12 ISO weeks (Asia/Shanghai) up to the week containing $2, every week present.
-- $1 village code, $2 as-of instant, $3 a campaign's code: only its disputes and hazards (null: all).
-- Visits carry no campaign tag: they are counted whole, as coverage is.
WITH
weeks AS (
  SELECT w::date AS week
  FROM generate_series(date_trunc('week', $2::timestamptz AT TIME ZONE 'Asia/Shanghai') - interval '11 weeks',
                       date_trunc('week', $2::timestamptz AT TIME ZONE 'Asia/Shanghai'), interval '1 week') AS w
),
t0 AS (
  SELECT min(week)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t0 FROM weeks
),
d AS (
  SELECT date_trunc('week', received_at AT TIME ZONE 'Asia/Shanghai')::date AS week, count(*)::int AS n
  FROM dispute, t0 WHERE village_code = $1 AND received_at >= t0.t0 AND received_at <= $2 AND ($3::text IS NULL OR $3 = ANY (campaigns)) GROUP BY 1
),
h AS (
  SELECT date_trunc('week', reported_at AT TIME ZONE 'Asia/Shanghai')::date AS week, count(*)::int AS n
  FROM hazard, t0 WHERE village_code = $1 AND reported_at >= t0.t0 AND reported_at <= $2 AND ($3::text IS NULL OR $3 = ANY (campaigns)) GROUP BY 1
),
v AS (
  SELECT date_trunc('week', visited_at AT TIME ZONE 'Asia/Shanghai')::date AS week, count(*)::int AS n
  FROM visit, t0 WHERE village_code = $1 AND visited_at >= t0.t0 AND visited_at <= $2 GROUP BY 1
)
SELECT to_char(weeks.week, 'YYYY-MM-DD') AS start,
       coalesce(d.n, 0) AS disputes, coalesce(h.n, 0) AS hazards, coalesce(v.n, 0) AS visits
FROM weeks
LEFT JOIN d ON d.week = weeks.week
LEFT JOIN h ON h.week = weeks.week
LEFT JOIN v ON v.week = weeks.week
ORDER BY weeks.week
