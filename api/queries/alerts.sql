-- Threshold alerts at instant $1, for township $2 (NULL: the county).
-- $3 new disputes in 7 days per village, $4 overdue hazard minimum severity,
-- $5 township coverage minimum (share of villages met or still reachable), $6 required visits,
-- $7 silence days (passed through to village_metrics), $8 campaign code or NULL: the dispute and
-- hazard rules count only that campaign's cases; coverage is about officers' visits and is not narrowed.
-- "since" is when the alert last had news, for ranking by recency: the burst's latest dispute, the hazard's
-- deadline (the moment it became overdue); NULL for coverage, a standing state with no recorded onset.
WITH
-- villages with a burst of new disputes in the 7 days up to $1
burst AS (
  SELECT 'village_disputes_7d' AS rule, d.village_code AS code, count(*)::float8 AS value, $3::float8 AS threshold,
         iso_sh(max(d.received_at)) AS since
  FROM dispute d
  WHERE d.received_at > $1::timestamptz - interval '7 days' AND d.received_at <= $1
    AND ($2::text IS NULL OR d.village_code LIKE $2 || '%')
    AND ($8::text IS NULL OR d.campaigns @> ARRAY[$8::text])
  GROUP BY d.village_code
  HAVING count(*) >= $3
),
-- serious hazards open past their deadline at $1
overdue AS (
  SELECT 'hazard_overdue' AS rule, h.id AS code, h.severity::float8 AS value, $4::float8 AS threshold,
         h.village_code, h.category, iso_sh(h.deadline) AS deadline, ST_X(h.geom) AS lng, ST_Y(h.geom) AS lat
  FROM hazard h
  WHERE tstzrange(h.reported_at, coalesce(h.closed_at, 'infinity'::timestamptz), '[)') @> $1::timestamptz
    AND h.deadline < $1 AND h.severity >= $4
    AND ($2::text IS NULL OR h.village_code LIKE $2 || '%')
    AND ($8::text IS NULL OR h.campaigns @> ARRAY[$8::text])
),
-- townships whose villages can no longer all reach the visit rule
cov AS (
  SELECT 'township_coverage' AS rule, m.township_code AS code,
         count(*) FILTER (WHERE m.coverage_status <> 'missed')::float8 / count(*) AS value, $5::float8 AS threshold
  FROM village_metrics(p_from => $1::timestamptz - interval '7 days', p_to => $1::timestamptz, p_ref => $1::timestamptz,
                       p_required => $6, p_township => $2, p_silence_days => $7) m
  GROUP BY m.township_code
  HAVING count(*) FILTER (WHERE m.coverage_status <> 'missed')::float8 / count(*) < $5
)
SELECT b.rule || ':' || b.code AS id, b.rule, b.code, v.name, v.township_code AS "townshipCode", t.name AS "townshipName",
       b.value, b.threshold, NULL AS category, NULL AS deadline, b.since, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat
FROM burst b JOIN village v ON v.code = b.code JOIN township t ON t.code = v.township_code
UNION ALL
SELECT o.rule || ':' || o.code, o.rule, o.code, v.name, v.township_code, t.name, o.value, o.threshold, o.category, o.deadline,
       o.deadline, o.lng, o.lat
FROM overdue o JOIN village v ON v.code = o.village_code JOIN township t ON t.code = v.township_code
UNION ALL
SELECT c.rule || ':' || c.code, c.rule, c.code, t.name, t.code, t.name, c.value, c.threshold, NULL, NULL, NULL,
       ST_X(t.seat), ST_Y(t.seat)
FROM cov c JOIN township t ON t.code = c.code
