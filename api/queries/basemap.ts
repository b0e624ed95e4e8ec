import type { Handle } from '../db/index.ts';

/**
 * The offline basemap: the county outline, the Xiang River and the villages' names, from our own
 * tables, so the map draws with no tile, glyph or font request leaving the machine.
 */
const BASEMAP = `
  SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', (
      SELECT coalesce(json_agg(f ORDER BY f->>'id'), '[]'::json) FROM (
        SELECT json_build_object('type', 'Feature', 'id', 'county-' || code,
                 'geometry', display_geojson::json,
                 'properties', json_build_object('layer', 'county', 'code', code, 'name', name)) AS f
        FROM county
        UNION ALL
        SELECT json_build_object('type', 'Feature', 'id', 'river-' || id,
                 'geometry', ST_AsGeoJSON(geom, 6)::json,
                 'properties', json_build_object('layer', 'river', 'name', name))
        FROM river
      ) x
    ),
    -- Every village's name at its label point: the map names villages county-wide at high zoom,
    -- where the village layer itself is loaded for the chosen township only.
    'villageLabels', (
      SELECT coalesce(json_agg(json_build_object(
               'code', code, 'name', name,
               'position', json_build_array(round(ST_X(label_point)::numeric, 6), round(ST_Y(label_point)::numeric, 6))
             ) ORDER BY code), '[]'::json)
      FROM village
    ),
    'bbox', (SELECT json_build_array(round(ST_XMin(e)::numeric, 6), round(ST_YMin(e)::numeric, 6),
                                     round(ST_XMax(e)::numeric, 6), round(ST_YMax(e)::numeric, 6))
             FROM (SELECT ST_Extent(geom) AS e FROM county) b)
  )::text AS body`;

export interface BasemapFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'MultiPolygon' | 'MultiLineString'; coordinates: unknown };
  properties: { layer: 'county' | 'river'; code?: string; name: string };
}

export interface VillageLabel {
  code: string;
  name: string;
  /** The village's label point (inside it), lng/lat. */
  position: [number, number];
}

export interface Basemap {
  type: 'FeatureCollection';
  features: BasemapFeature[];
  villageLabels: VillageLabel[];
  /** County extent: minLng, minLat, maxLng, maxLat. */
  bbox: [number, number, number, number];
}

export async function basemapJson(h: Handle): Promise<string> {
  const [row] = await h.query<{ body: string }>(BASEMAP);
  return row!.body;
}
