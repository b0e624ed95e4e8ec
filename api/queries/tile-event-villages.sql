-- The events of a tile as its villages' counts (at low zoom, or asked for), one feature a village,
-- as rows `f` (fid: the code as a number; props: the village, its disputes received, hazards
-- reported and visits made in the period, of the requested types, and their sum; geom / geojson:
-- the village's label point), the busiest first: a tile cut at :cap keeps them, wherever they are. ./tiles.ts puts the encoding after it, as for the village tiles. A village is drawn in
-- the tile that holds its label point (and in the buffers of its neighbours).
-- The counts are the rollups' (migration 009: case_flow_sums, visit_flow_sums): their cost
-- follows the villages and the days of the period, not the events stored, and they count what
-- /api/events lists for the same period and types (a received dispute, a reported hazard, a
-- visit). :from, :to the period; :types the event types; :townships the townships to compute,
-- one call each ({NULL}: the whole scope in one call, under the reader's row-level security);
-- :west, :south, :east, :north the tile's bounds widened by its buffer; :cap the most features
-- (one more is read, to tell a cut tile).
WITH reach AS (
  -- every village whose map geometry reaches the tile (migration 011's index)
  SELECT v.code, v.name, v.township_code, v.label_point
  FROM village v
  WHERE v.geom_display && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
),
calls AS (
  SELECT unnest(:townships::text[]) AS code
),
-- each function called only when a requested type needs it
cases AS (
  SELECT s.village_code, s.disputes_received, s.hazards_reported
  FROM (SELECT code FROM calls WHERE :types::text[] && ARRAY['dispute', 'hazard']) c
  CROSS JOIN LATERAL case_flow_sums(:from::timestamptz, :to::timestamptz, c.code) s
  WHERE s.village_code IN (SELECT code FROM reach)
),
visits AS (
  SELECT s.village_code, sum(s.visits)::int AS visits
  FROM (SELECT code FROM calls WHERE 'visit' = ANY(:types::text[])) c
  CROSS JOIN LATERAL visit_flow_sums(:from::timestamptz, :to::timestamptz, c.code) s
  WHERE s.village_code IN (SELECT code FROM reach)
  GROUP BY s.village_code
),
n AS (
  SELECT r.code, r.name, r.township_code, r.label_point,
         CASE WHEN 'dispute' = ANY(:types::text[]) THEN coalesce(c.disputes_received, 0) ELSE 0 END AS disputes,
         CASE WHEN 'hazard' = ANY(:types::text[]) THEN coalesce(c.hazards_reported, 0) ELSE 0 END AS hazards,
         CASE WHEN 'visit' = ANY(:types::text[]) THEN coalesce(w.visits, 0) ELSE 0 END AS visits
  FROM reach r
  LEFT JOIN cases c ON c.village_code = r.code
  LEFT JOIN visits w ON w.village_code = r.code
),
f AS (
  SELECT n.code::bigint AS fid,
         row_number() OVER (ORDER BY n.disputes + n.hazards + n.visits DESC, n.code) AS ord,
         jsonb_build_object('villageCode', n.code, 'name', n.name, 'townshipCode', n.township_code,
                            'disputes', n.disputes, 'hazards', n.hazards, 'visits', n.visits,
                            'events', n.disputes + n.hazards + n.visits) AS props,
         n.label_point AS geom,
         json_build_object('type', 'Point', 'coordinates',
                           json_build_array(round(ST_X(n.label_point)::numeric, 6), round(ST_Y(n.label_point)::numeric, 6)))::text AS geojson
  FROM n
  WHERE n.disputes + n.hazards + n.visits > 0
    AND n.label_point && ST_MakeEnvelope(:west, :south, :east, :north, 4326)
  ORDER BY n.disputes + n.hazards + n.visits DESC, n.code
  LIMIT :cap + 1
)
