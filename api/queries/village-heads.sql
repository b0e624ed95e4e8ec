-- The heads of the village layer's features: everything of a feature that does not follow the
-- filter, up to its metrics (./villages.sql writes the rest), for the villages in $1 (text[]) the
-- caller sees, with the map's token (migration 017) read in the same statement.
SELECT v.code,
       (SELECT token FROM map_version) AS token,
       v.boundary_source AS source,
       concat(
         '{"type":"Feature","id":', to_json(v.code),
         ',"geometry":', v.display_geojson,
         ',"properties":{"code":', to_json(v.code),
         ',"name":', to_json(v.name),
         ',"townshipCode":', to_json(v.township_code),
         ',"townshipName":', to_json(t.name),
         ',"kind":', to_json(v.kind),
         ',"population":', v.population,
         ',"boundarySource":', to_json(v.boundary_source),
         ',"labelPoint":[', round(ST_X(v.label_point)::numeric, 6), ',', round(ST_Y(v.label_point)::numeric, 6), ']') AS head
FROM village v
JOIN township t ON t.code = v.township_code
WHERE v.code = ANY($1::text[])
