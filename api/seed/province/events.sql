-- One batch of synthetic events for the province of ./units.sql: $2 disputes, $3 hazards and $4
-- visits, ids numbered from $1, each in a unit drawn uniformly from the synthetic ones (codes
-- 99...). Lifecycles follow the tables' checks: most cases end within 30 days if that is before
-- $5, the rest are still open.
-- The $7 events of the whole run cover the $6 days before $5 uniformly, and each batch its own
-- slice of them, in time order: events $1 + 1 .. $1 + n of $7 fall in the same fraction of the
-- period. The rows are then stored in time order, as live reports arrive: a batch spread over the
-- whole period scattered them, and every read of a period or an instant then touched a page per
-- row (the open hazards at a past instant took 325-405 ms where time-ordered rows take 28,
-- docs/performance.md).
WITH
units AS MATERIALIZED (
  SELECT row_number() OVER (ORDER BY code) AS n, code, label_point FROM village WHERE code LIKE '99%'
),
size AS (SELECT count(*) AS units FROM units),
-- this batch's slice of the period: [slice_from, slice_from + slice)
slice AS (
  SELECT $5::timestamptz - make_interval(days => $6::int) * (1 - $1::float8 / $7::float8) AS slice_from,
         make_interval(days => $6::int) * (($2::int + $3::int + $4::int)::float8 / $7::float8) AS slice
),
d AS (
  SELECT g, 1 + floor(random() * size.units)::int AS n,
         slice.slice_from + (g - random()) / $2::int * slice.slice AS at,
         interval '3 hours' + random() * interval '30 days' AS took, random() AS r
  FROM size, slice, generate_series(1, $2::int) g
),
disputes AS (
  INSERT INTO dispute (id, category, channel, status, village_code, received_at, mediation_started_at, concluded_at, geom, summary, source)
  SELECT 'SD' || ($1::bigint + d.g),
         (ARRAY['婚姻家庭', '邻里纠纷', '山林权属', '宅基地', '土地承包', '劳资', '合同债务', '其他'])[1 + (d.g % 8)],
         '综治中心',
         CASE WHEN d.at + d.took >= $5 THEN '调处中' WHEN d.r < 0.986 THEN '调解成功' ELSE '调解失败' END,
         u.code, d.at, d.at + d.took / 2,
         CASE WHEN d.at + d.took >= $5 THEN NULL ELSE d.at + d.took END,
         u.label_point, '合成纠纷', 'synthetic'
  FROM d JOIN units u USING (n)
  ORDER BY d.g
  RETURNING 1
),
h AS (
  SELECT g, 1 + floor(random() * size.units)::int AS n,
         slice.slice_from + (g - random()) / $3::int * slice.slice AS at,
         interval '3 hours' + random() * interval '30 days' AS took
  FROM size, slice, generate_series(1, $3::int) g
),
hazards AS (
  INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, routed_at, started_at, closed_at, deadline, geom, description, source)
  SELECT 'SH' || ($1::bigint + h.g),
         (ARRAY['治安', '消防', '交通', '地质灾害', '涉毒', '电信诈骗', '安全生产', '其他'])[1 + (h.g % 8)],
         1 + (h.g % 4), '综治中心',
         CASE WHEN h.at + h.took >= $5 THEN '上报' ELSE '已办结' END,
         u.code, h.at,
         CASE WHEN h.at + h.took >= $5 THEN NULL ELSE h.at + interval '1 hour' END,
         CASE WHEN h.at + h.took >= $5 THEN NULL ELSE h.at + interval '2 hours' END,
         CASE WHEN h.at + h.took >= $5 THEN NULL ELSE h.at + h.took END,
         h.at + interval '30 days', u.label_point, '合成隐患', 'synthetic'
  FROM h JOIN units u USING (n)
  ORDER BY h.g
  RETURNING 1
),
v AS (
  SELECT g, 1 + floor(random() * size.units)::int AS n, slice.slice_from + (g - random()) / $4::int * slice.slice AS at
  FROM size, slice, generate_series(1, $4::int) g
),
visits AS (
  INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom, source)
  SELECT 'SV' || ($1::bigint + v.g), 'SYN' || substr(u.code, 3), u.code, '走访', v.at, u.label_point, 'synthetic'
  FROM v JOIN units u USING (n)
  ORDER BY v.g
  RETURNING 1
)
SELECT (SELECT count(*) FROM disputes)::int AS disputes, (SELECT count(*) FROM hazards)::int AS hazards,
       (SELECT count(*) FROM visits)::int AS visits
