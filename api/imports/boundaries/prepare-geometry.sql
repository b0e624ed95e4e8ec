-- One feature's boundary in its own CRS: parsed, checked, and repaired when invalid
-- (ST_MakeValid, keeping only the polygonal parts). $1: 2D MultiPolygon GeoJSON whose rings were
-- checked in TS (closed, >= 4 finite positions, so GEOS can build them); $2: its SRID.
WITH parsed AS (
  SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), $2::int) AS g
), checked AS (
  SELECT g, ST_IsValid(g) AS valid FROM parsed
), fixed AS (
  SELECT valid,
         CASE WHEN valid THEN NULL ELSE ST_IsValidReason(g) END AS invalid_reason,
         CASE WHEN valid THEN g ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS g
  FROM checked
)
SELECT valid, invalid_reason, ST_IsEmpty(g) AS empty, ST_AsHexEWKB(g) AS ewkb FROM fixed
