-- The latest happenings for the big-screen ticker, newest first: disputes received and concluded,
-- hazards reported and closed. $1 since (instant), $2 until (instant), $3 township or NULL, $4 limit,
-- $5 campaign code or NULL (only that campaign's cases).
WITH
ev AS (
  SELECT 'dispute_received' AS kind, id, village_code, received_at AS at, category, NULL::int AS severity, status
  FROM dispute WHERE received_at > $1 AND received_at <= $2 AND ($5::text IS NULL OR campaigns @> ARRAY[$5::text])
  UNION ALL
  SELECT 'dispute_concluded', id, village_code, concluded_at, category, NULL::int, status
  FROM dispute WHERE concluded_at > $1 AND concluded_at <= $2 AND ($5::text IS NULL OR campaigns @> ARRAY[$5::text])
  UNION ALL
  SELECT 'hazard_reported', id, village_code, reported_at, category, severity::int, status
  FROM hazard WHERE reported_at > $1 AND reported_at <= $2 AND ($5::text IS NULL OR campaigns @> ARRAY[$5::text])
  UNION ALL
  SELECT 'hazard_closed', id, village_code, closed_at, category, severity::int, status
  FROM hazard WHERE closed_at > $1 AND closed_at <= $2 AND ($5::text IS NULL OR campaigns @> ARRAY[$5::text])
)
SELECT ev.kind, ev.id, ev.village_code AS "villageCode", v.name AS "villageName",
       v.township_code AS "townshipCode", t.name AS "townshipName",
       iso_sh(ev.at) AS at, ev.category, ev.severity, ev.status
FROM ev
JOIN village v ON v.code = ev.village_code
JOIN township t ON t.code = v.township_code
WHERE $3::text IS NULL OR ev.village_code LIKE $3 || '%'
ORDER BY ev.at DESC, ev.id
LIMIT $4
