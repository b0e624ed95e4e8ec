-- A valid boundary ($1, hex EWKB in its source CRS) moved to WGS 84, re-repaired if the move
-- broke it, with its area and the share of it inside the county outline.
-- Most boundaries lie wholly inside: ST_CoveredBy spares them the intersection.
WITH moved AS (
  SELECT ST_Multi(ST_Transform($1::text::geometry, 4326)) AS g
), fixed AS (
  SELECT CASE WHEN ST_IsValid(g) THEN g ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS g FROM moved
)
SELECT ST_AsHexEWKB(f.g) AS ewkb,
       ST_IsEmpty(f.g) AS empty,
       ST_Area(f.g::geography) / 1e6 AS area_km2,
       CASE
         WHEN ST_IsEmpty(f.g) THEN 0
         WHEN ST_CoveredBy(f.g, c.geom) THEN 1
         -- With a grid (1e-9 degree, ~0.1 mm) the overlay snap-rounds and cannot fail. Without it,
         -- a boundary sharing edges with the outline (a round trip through another CRS moves them by
         -- micrometres) makes GEOS throw, which the embedded database answers with no row at all.
         ELSE ST_Area(ST_Intersection(f.g, c.geom, 1e-9)::geography) / NULLIF(ST_Area(f.g::geography), 0)
       END AS inside
FROM fixed f CROSS JOIN county c
