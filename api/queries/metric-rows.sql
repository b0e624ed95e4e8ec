-- Per-village metrics with names, for the summary and the rankings (aggregated in TypeScript:
-- at most 491 rows, so the sums and the smoothing stay readable there).
-- $1 from, $2 to (exclusive), $3 as-of, $4 required visits per quarter, $5 township or NULL,
-- $6 days of silence that make a village "no information", $7/$8 category and status filters, $9 campaign code (NULL: all).
SELECT m.village_code,
       v.name,
       m.township_code,
       t.name AS township_name,
       m.population,
       m.disputes,
       m.disputes_concluded,
       m.disputes_successful,
       m.disputes_open,
       m.hazards,
       m.hazards_open,
       m.hazards_overdue,
       m.hazards_open_s1,
       m.hazards_open_s2,
       m.hazards_open_s3,
       m.hazards_open_s4,
       m.visits_quarter,
       m.coverage_status,
       m.expected_visits,
       m.officer_id,
       iso_sh(m.last_visit_at) AS last_visit_at,
       iso_sh(m.last_report_at) AS last_report_at,
       m.silent
FROM village_metrics(p_from => $1, p_to => $2, p_ref => $3, p_required => $4, p_township => $5,
                       p_silence_days => $6, p_categories => $7, p_statuses => $8, p_campaign => $9) m
JOIN village v ON v.code = m.village_code
JOIN township t ON t.code = m.township_code
ORDER BY m.village_code
