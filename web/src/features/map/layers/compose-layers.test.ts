import { describe, expect, it } from 'vitest';
import type { Basemap } from '../../../api/types.ts';
import { DEFAULT_VIEW, type ViewState } from '../../url-state/view-state.ts';
import { MAP_PALETTES } from '../map-theme.ts';
import { type ComposeInput, composeLayers } from './compose-layers.ts';
import type { AggregationModule } from './event-layers.ts';
import type { TownshipFeature, VillageFeature } from './unit-layers.ts';

const square = (x: number, y: number) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  ] as [number, number][][][],
});
const basemap: Basemap = { type: 'FeatureCollection', bbox: [112, 26.8, 112.8, 27.4], features: [], villageLabels: [] };
const townships = [
  { type: 'Feature', id: 'a', geometry: square(112.1, 27), properties: { code: '430421110', name: '界牌镇', seat: [112.15, 27.05] } },
  { type: 'Feature', id: 'b', geometry: square(112.3, 27), properties: { code: '430421100', name: '西渡镇', seat: [112.35, 27.05] } },
] as unknown as TownshipFeature[];
const villages = [
  { type: 'Feature', id: 'v', geometry: square(112.1, 27), properties: { code: '430421110200', name: '银溪村', townshipCode: '430421110', labelPoint: [112.12, 27.02] } },
] as unknown as VillageFeature[];

function ids(view: Partial<ViewState>, extra: Partial<ComposeInput> = {}): string[] {
  const v = { ...DEFAULT_VIEW, ...view };
  return composeLayers({
    view: v,
    basemap,
    raster: false,
    townships,
    villages: v.township ? villages : [],
    scale: null,
    colorKey: 'k',
    palette: MAP_PALETTES.light,
    events: null,
    ...extra,
  }).map((l) => l.id);
}

describe('composeLayers', () => {
  it('county: land, townships, river, township outlines, the county border over them, seats, then names', () => {
    expect(ids({})).toEqual([
      'basemap-land',
      'townships',
      'basemap-river',
      'reference-township-halo',
      'reference-township-lines',
      'basemap-county-border',
      'reference-seats',
      'labels-townships',
    ]);
  });

  it('township: its villages over the townships, its outline over the river', () => {
    expect(ids({ township: '430421110' })).toEqual([
      'basemap-land',
      'townships',
      'villages',
      'basemap-river',
      'reference-township-halo',
      'reference-township-lines',
      'basemap-county-border',
      'selected-township',
      'reference-seats',
      'labels-townships',
      'labels-villages',
    ]);
  });

  it('village: both outlines, the village last', () => {
    expect(ids({ township: '430421110', village: '430421110200' }).filter((id) => id.startsWith('selected'))).toEqual(['selected-township', 'selected-village']);
  });

  it('names can be turned off; a raster basemap replaces the land', () => {
    expect(ids({ layers: ['choropleth'] })).not.toContain('labels-townships');
    expect(ids({}, { raster: true })).not.toContain('basemap-land');
  });

  it('points come without the aggregation module; density layers wait for it', () => {
    const events = { rows: [], dataKey: '1', agg: null, highZoom: false, onHexDomain: () => {} };
    expect(ids({ layers: ['heat', 'points'], events: 'hazard' }, { events })).toEqual([
      'basemap-land',
      'townships',
      'basemap-river',
      'reference-township-halo',
      'reference-township-lines',
      'basemap-county-border',
      'events-points-hazard',
      'reference-seats',
    ]);
  });

  it('a density layer dims the choropleth under it', () => {
    class FakeLayer {
      id: string;
      props: unknown;
      constructor(props: { id: string }) {
        this.id = props.id;
        this.props = props;
      }
    }
    const agg = { HeatmapLayer: FakeLayer, HexagonLayer: FakeLayer } as unknown as AggregationModule;
    const scale = { colorOf: () => [200, 0, 0] as [number, number, number], classes: [], categorical: false };
    const fillAlpha = (layers: string[] | null) => {
      const v = { ...DEFAULT_VIEW, layers: (layers ?? ['choropleth']) as ViewState['layers'] };
      const events = layers ? { rows: [], dataKey: '1', agg, highZoom: false, onHexDomain: () => {} } : null;
      const built = composeLayers({ view: v, basemap, raster: false, townships, villages: [], scale, colorKey: 'k', palette: MAP_PALETTES.light, events });
      const townshipLayer = built.find((l) => l.id === 'townships')!;
      return (townshipLayer.props as unknown as { getFillColor: (f: unknown) => number[] }).getFillColor(townships[0])[3]!;
    };
    expect(fillAlpha(['choropleth', 'heat'])).toBeLessThan(fillAlpha(null) / 2);
    expect(built(['choropleth', 'heat'])).toContain('events-heat-dispute');

    function built(layers: string[]) {
      const v = { ...DEFAULT_VIEW, layers: layers as ViewState['layers'] };
      return composeLayers({
        view: v,
        basemap,
        raster: false,
        townships,
        villages: [],
        scale,
        colorKey: 'k',
        palette: MAP_PALETTES.light,
        events: { rows: [], dataKey: '1', agg, highZoom: false, onHexDomain: () => {} },
      }).map((l) => l.id);
    }
  });

  it('zoomed in, every village is named from the basemap, those of the chosen township once', () => {
    const labels = [
      { code: '430421110200', name: '银溪村', position: [112.12, 27.02] as [number, number] },
      { code: '430421100201', name: '西渡村', position: [112.32, 27.02] as [number, number] },
    ];
    const named = (villageNames: boolean) => {
      const layers = composeLayers({
        view: { ...DEFAULT_VIEW, township: '430421110' },
        basemap: { ...basemap, villageLabels: labels },
        raster: true,
        villageNames,
        townships,
        villages,
        scale: null,
        colorKey: 'k',
        palette: MAP_PALETTES.dark,
        events: null,
      });
      const other = layers.find((l) => l.id === 'labels-other-villages');
      return other ? (other.props as unknown as { data: { text: string }[] }).data.map((d) => d.text) : [];
    };
    expect(named(false)).toEqual([]);
    expect(named(true)).toEqual(['西渡村']);
  });

  it('only the basemap before the townships have loaded', () => {
    const layers = composeLayers({ view: DEFAULT_VIEW, basemap, raster: false, townships: [], villages: [], scale: null, colorKey: '', palette: MAP_PALETTES.dark, events: null });
    expect(layers.map((l) => l.id)).toEqual(['basemap-land', 'basemap-river', 'basemap-county-border']);
  });
});
