-- The village layer: every village in scope with its metrics, as the features array of a GeoJSON
-- FeatureCollection, built in the database and sent as is (no re-serialisation in Node).
-- $1 from, $2 to (exclusive), $3 as-of, $4 required visits per quarter, $5 township or NULL,
-- $6 days of silence that make a village "no information", $7/$8 category and status filters, $9 campaign code (NULL: all),
-- $10 true: only the silent villages (the county's "no information" hatch).
WITH m AS (
  SELECT * FROM village_metrics(p_from => $1, p_to => $2, p_ref => $3, p_required => $4, p_township => $5,
                                p_silence_days => $6, p_categories => $7, p_statuses => $8, p_campaign => $9)
)
-- Features are concatenated as text: the stored geometry JSON is spliced in without re-parsing.
SELECT '[' || coalesce(string_agg(
  '{"type":"Feature","id":"' || v.code || '","geometry":' || v.display_geojson || ',"properties":' || json_build_object(
      'code', v.code,
      'name', v.name,
      'townshipCode', v.township_code,
      'townshipName', t.name,
      'kind', v.kind,
      'population', v.population,
      'boundarySource', v.boundary_source,
      'labelPoint', json_build_array(round(ST_X(v.label_point)::numeric, 6), round(ST_Y(v.label_point)::numeric, 6)),
      'disputes', m.disputes,
      'disputesOpen', m.disputes_open,
      'mediationSuccessRate', CASE WHEN m.disputes_concluded > 0
                                   THEN round(m.disputes_successful::numeric / m.disputes_concluded, 4) END,
      'hazards', m.hazards,
      'hazardsOpen', m.hazards_open,
      'hazardsOverdue', m.hazards_overdue,
      'visitsThisQuarter', m.visits_quarter,
      'coverageStatus', m.coverage_status,
      'lastVisitAt', to_char(m.last_visit_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
      'expectedVisits', m.expected_visits,
      'lastReportAt', to_char(m.last_report_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
      'silent', m.silent
    )::text || '}',
  ',' ORDER BY v.code), '') || ']' AS features
FROM m
JOIN village v ON v.code = m.village_code
JOIN township t ON t.code = v.township_code
WHERE NOT $10::boolean OR m.silent
