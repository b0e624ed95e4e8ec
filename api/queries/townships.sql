-- The township layer: each township's polygon with its villages' metrics summed.
-- Rates are recomputed from the sums (never averaged), so they agree with the village layer.
-- $1 from, $2 to (exclusive), $3 as-of, $4 required visits per quarter, $5 township (NULL: the
-- whole county), $6 days of silence, $7/$8 category and status filters, $9 campaign code (NULL: all).
WITH m AS (
  SELECT * FROM village_metrics(p_from => $1, p_to => $2, p_ref => $3, p_required => $4, p_township => $5,
                                p_silence_days => $6, p_categories => $7, p_statuses => $8, p_campaign => $9)
),
agg AS (
  SELECT m.township_code,
         count(*)::int AS village_count,
         sum(m.population)::int AS population,
         sum(m.disputes)::int AS disputes,
         sum(m.disputes_open)::int AS disputes_open,
         sum(m.disputes_concluded)::int AS concluded,
         sum(m.disputes_successful)::int AS successful,
         sum(m.hazards)::int AS hazards,
         sum(m.hazards_open)::int AS hazards_open,
         sum(m.hazards_overdue)::int AS hazards_overdue,
         count(*) FILTER (WHERE m.coverage_status = 'met')::int AS met,
         count(*) FILTER (WHERE m.coverage_status = 'at_risk')::int AS at_risk,
         count(*) FILTER (WHERE m.coverage_status = 'missed')::int AS missed,
         count(*) FILTER (WHERE m.silent)::int AS silent
  FROM m
  GROUP BY m.township_code
)
-- Features are concatenated as text: the stored geometry JSON is spliced in without re-parsing.
SELECT '[' || coalesce(string_agg(
  '{"type":"Feature","id":"' || t.code || '","geometry":' || t.display_geojson || ',"properties":' || json_build_object(
      'code', t.code,
      'name', t.name,
      'kind', t.kind,
      'boundarySource', t.boundary_source,
      'seat', json_build_array(round(ST_X(t.seat)::numeric, 6), round(ST_Y(t.seat)::numeric, 6)),
      'villageCount', a.village_count,
      'population', a.population,
      'disputes', a.disputes,
      'disputesOpen', a.disputes_open,
      'mediationSuccessRate', CASE WHEN a.concluded > 0 THEN round(a.successful::numeric / a.concluded, 4) END,
      'hazards', a.hazards,
      'hazardsOpen', a.hazards_open,
      'hazardsOverdue', a.hazards_overdue,
      'coverage', json_build_object('met', a.met, 'atRisk', a.at_risk, 'missed', a.missed),
      'coverageRate', round(a.met::numeric / nullif(a.village_count, 0), 4),
      'silentVillages', a.silent
    )::text || '}',
  ',' ORDER BY t.code), '') || ']' AS features,
  -- the boundary sources of these features (the layer's meta)
  coalesce(array_agg(DISTINCT t.boundary_source ORDER BY t.boundary_source), '{}') AS sources
FROM township t
JOIN agg a ON a.township_code = t.code
