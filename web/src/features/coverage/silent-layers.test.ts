import { describe, expect, it } from 'vitest';
import type { Basemap } from '../../api/types.ts';
import { composeLayers } from '../map/layers/compose-layers.ts';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { MAP_PALETTES } from '../map/map-theme.ts';
import { DEFAULT_VIEW, type ViewState } from '../url-state/view-state.ts';
import { HATCH_SPACING, SILENT_HATCH_ID, SILENT_WASH_ID, silentHatch } from './silent-layers.ts';

const square = (x: number, y: number, d = 0.02) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  ] as [number, number][][][],
});
const basemap: Basemap = { type: 'FeatureCollection', bbox: [112, 26.8, 112.8, 27.4], features: [], villageLabels: [] };
const townships = [
  { type: 'Feature', id: 't', geometry: square(112.1, 27, 0.1), properties: { code: '430421110', name: '界牌镇', seat: [112.15, 27.05] } },
] as unknown as TownshipFeature[];
const village = (code: string, silent: boolean, x: number) =>
  ({
    type: 'Feature',
    id: code,
    geometry: square(x, 27),
    properties: { code, name: code, townshipCode: '430421110', labelPoint: [x + 0.01, 27.01], silent },
  }) as unknown as VillageFeature;
const villages = [village('430421110200', true, 112.1), village('430421110201', false, 112.13)];
const silentOnes = villages.filter((v) => v.properties.silent);
const scale = { colorOf: () => [200, 0, 0] as [number, number, number], classes: [], categorical: false };

function ids(view: Partial<ViewState>, withScale = true) {
  return composeLayers({
    view: { ...DEFAULT_VIEW, township: '430421110', ...view },
    basemap,
    raster: false,
    townships,
    villages,
    scale: withScale ? scale : null,
    colorKey: 'k',
    palette: MAP_PALETTES.light,
    events: null,
    silent: { features: silentOnes, segments: silentHatch(silentOnes, HATCH_SPACING.township), theme: 'light' },
  }).map((l) => l.id);
}

describe('silent villages on the map', () => {
  it('are washed and hatched over the choropleth and the river, under the selection outlines', () => {
    const order = ids({ village: '430421110200' });
    expect(order.indexOf(SILENT_WASH_ID)).toBeGreaterThan(order.indexOf('basemap-river'));
    expect(order.indexOf(SILENT_HATCH_ID)).toBe(order.indexOf(SILENT_WASH_ID) + 1);
    expect(order.indexOf(SILENT_HATCH_ID)).toBeLessThan(order.indexOf('selected-village'));
  });

  it.each<[string, ViewState['metric']]>([
    ['dispute rate', 'disputeRate'],
    ['open hazards', 'hazardsOpen'],
    ['coverage', 'coverage'],
  ])('are marked whatever the metric (%s)', (_name, metric) => {
    expect(ids({ metric })).toContain(SILENT_HATCH_ID);
  });

  it('go with the choropleth: no hatch when it is off', () => {
    expect(ids({}, false)).not.toContain(SILENT_HATCH_ID);
  });

  it('hatch only the silent villages', () => {
    const segments = silentHatch(silentOnes, HATCH_SPACING.township);
    expect(segments.length).toBeGreaterThan(5);
    for (const [a, b] of segments) for (const [lng] of [a, b]) expect(lng).toBeLessThanOrEqual(112.12 + 1e-9);
  });
});
