-- 011: the villages a map tile reaches, found through an index. The tiles test each village's map
-- geometry (geom_display, simplified for drawing) against the tile, and that column had no index:
-- every tile read every village (30,491 at province scale, about 10 ms before any metrics).
CREATE INDEX village_geom_display_gix ON village USING gist (geom_display);
