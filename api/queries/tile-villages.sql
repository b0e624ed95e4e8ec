-- The villages of one vector tile, with the metrics of the request's filter, as rows `f`
-- (fid: the code as a number, the MVT feature id; props: the GeoJSON layer's scalar properties;
-- geom / geojson: the display geometry). ./tiles.ts puts the encoding after it: ST_AsMVT on
-- PostgreSQL, the JS encoder on the embedded database.
-- The metric rows are metric-rows.sql spliced in as it is, with its parameters first, so the tile
-- takes every filter parameter the summary and the rankings take. :west, :south, :east, :north
-- are the tile's lon/lat bounds widened by its buffer; :cap the most features (one more is read,
-- to tell a cut tile).
WITH m AS (
/*BASE*/
),
f AS (
  SELECT v.code::bigint AS fid,
         row_number() OVER (ORDER BY v.code) AS ord,
         -- The same values as villages.sql; labelPoint (a pair) has no place in a tile's flat properties.
         jsonb_build_object(
           'code', v.code,
           'name', v.name,
           'townshipCode', m.township_code,
           'townshipName', m.township_name,
           'kind', v.kind,
           'population', m.population,
           'boundarySource', v.boundary_source,
           'disputes', m.disputes,
           'disputesOpen', m.disputes_open,
           'mediationSuccessRate', CASE WHEN m.disputes_concluded > 0
                                        THEN round(m.disputes_successful::numeric / m.disputes_concluded, 4) END,
           'hazards', m.hazards,
           'hazardsOpen', m.hazards_open,
           'hazardsOverdue', m.hazards_overdue,
           'visitsThisQuarter', m.visits_quarter,
           'coverageStatus', m.coverage_status,
           -- iso_sh is the Shanghai instant: its first ten characters are the Shanghai date.
           'lastVisitAt', left(m.last_visit_at, 10),
           'expectedVisits', m.expected_visits,
           'lastReportAt', left(m.last_report_at, 10),
           'silent', m.silent
         ) AS props,
         v.geom_display AS geom,
         v.display_geojson AS geojson
  FROM m
  JOIN village v ON v.code = m.village_code
  WHERE v.geom_display && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  ORDER BY v.code
  LIMIT :cap + 1
)
