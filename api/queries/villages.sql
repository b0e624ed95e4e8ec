-- The village layer's metrics: per village in scope, its code and the tail of its GeoJSON feature
-- (the properties that follow the filter, closing the feature), with the map's token (migration
-- 017) read in the same statement. The head of each feature (geometry, names, label point) is kept
-- by the API for that token (village-heads.sql, ./village-heads.ts); ./layers.ts joins the two.
-- $1 from, $2 to (exclusive), $3 as-of, $4 required visits per quarter, $5 township or NULL,
-- $6 days of silence that make a village "no information", $7/$8 category and status filters, $9 campaign code (NULL: all),
-- $10 true: only the silent villages (the county's "no information" hatch).
WITH m AS (
  SELECT * FROM village_metrics(p_from => $1, p_to => $2, p_ref => $3, p_required => $4, p_township => $5,
                                p_silence_days => $6, p_categories => $7, p_statuses => $8, p_campaign => $9)
)
-- Written as text from to_json values (json_build_object put " : " and ", " around every key).
-- Every value is non-null but the three written as `null`: concat() would drop a NULL without a
-- trace, and writes a boolean as t or f (its text cast says true or false).
SELECT m.village_code AS code,
       (SELECT token FROM map_version) AS token,
       concat(
         ',"disputes":', m.disputes,
         ',"disputesOpen":', m.disputes_open,
         ',"mediationSuccessRate":', coalesce(CASE WHEN m.disputes_concluded > 0 THEN round(m.disputes_successful::numeric / m.disputes_concluded, 4) END::text, 'null'),
         ',"hazards":', m.hazards,
         ',"hazardsOpen":', m.hazards_open,
         ',"hazardsOverdue":', m.hazards_overdue,
         ',"visitsThisQuarter":', m.visits_quarter,
         ',"coverageStatus":', to_json(m.coverage_status),
         ',"lastVisitAt":', coalesce(to_json(to_char(m.last_visit_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))::text, 'null'),
         ',"expectedVisits":', m.expected_visits,
         ',"lastReportAt":', coalesce(to_json(to_char(m.last_report_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))::text, 'null'),
         ',"silent":', m.silent::text,
         '}}') AS tail
FROM m
WHERE NOT $10::boolean OR m.silent
ORDER BY m.village_code
