-- The events of one vector tile as rows `f` (props: the /api/events row's fields; geom / geojson:
-- the point), newest first. ./tiles.ts puts the encoding after it, as for the village tiles.
-- The events are events.sql spliced in as it is, with its parameters first (its bbox is the tile's
-- lon/lat bounds widened by its buffer), so the tile takes every filter parameter /api/events
-- takes. :cap the most features (one more is read, to tell a cut tile).
WITH e AS (
/*BASE*/
),
f AS (
  SELECT NULL::bigint AS fid,
         row_number() OVER (ORDER BY e.at DESC, e.id) AS ord,
         jsonb_build_object('id', e.id, 'type', e.type, 'category', e.category, 'status', e.status,
                            'severity', e.severity, 'at', e.at, 'villageCode', e."villageCode") AS props,
         ST_SetSRID(ST_MakePoint(e.lng, e.lat), 4326) AS geom,
         json_build_object('type', 'Point', 'coordinates', json_build_array(e.lng, e.lat))::text AS geojson
  FROM e
  ORDER BY e.at DESC, e.id
  LIMIT :cap + 1
)
