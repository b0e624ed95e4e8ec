-- One feature's boundary in its own CRS: parsed, checked, and repaired when invalid
-- (ST_MakeValid, keeping only the polygonal parts). $1: 2D MultiPolygon GeoJSON whose rings were
-- checked in TS (closed, >= 4 finite positions, so GEOS can build them); $2: its SRID; $3: whether
-- it may be repaired (its coordinates within IMPORT_MAX_REPAIR_VERTICES and its crossings counted
-- in TS within IMPORT_MAX_REPAIR_CROSSINGS). ST_MakeValid's cost grows with the square of the coordinates
-- and faster with the crossings (minutes for a zigzag of 10,000), so an invalid boundary that may
-- not be repaired is only reported (too_large), never repaired: CASE evaluates only the branch it takes.
WITH parsed AS (
  SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), $2::int) AS g
), checked AS (
  SELECT g, ST_IsValid(g) AS valid FROM parsed
), fixed AS (
  SELECT valid,
         NOT valid AND NOT $3::boolean AS too_large,
         CASE WHEN valid THEN NULL ELSE ST_IsValidReason(g) END AS invalid_reason,
         CASE WHEN valid THEN g WHEN NOT $3::boolean THEN NULL ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS g
  FROM checked
)
SELECT valid, too_large, invalid_reason, coalesce(ST_IsEmpty(g), true) AS empty, ST_AsHexEWKB(g) AS ewkb FROM fixed
