-- How many units each alert rule tests at instant $1, for township $2 (NULL: the county), $3 overdue hazard
-- minimum severity, $4 campaign code or NULL (the overdue rule tests only that campaign's hazards): the denominators that decide whether a rule fires for most of its units (alert-lines.ts).
-- Townships are those with villages, as the coverage rule groups village_metrics by township.
SELECT
  (SELECT count(*) FROM village v WHERE $2::text IS NULL OR v.code LIKE $2 || '%')::int AS village_disputes_7d,
  (SELECT count(*) FROM hazard h
    WHERE tstzrange(h.reported_at, coalesce(h.closed_at, 'infinity'::timestamptz), '[)') @> $1::timestamptz
      AND h.severity >= $3 AND ($2::text IS NULL OR h.village_code LIKE $2 || '%')
      AND ($4::text IS NULL OR h.campaigns @> ARRAY[$4::text]))::int AS hazard_overdue,
  (SELECT count(DISTINCT v.township_code) FROM village v WHERE $2::text IS NULL OR v.code LIKE $2 || '%')::int AS township_coverage
