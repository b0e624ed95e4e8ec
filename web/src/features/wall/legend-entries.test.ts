import { describe, expect, it } from 'vitest';
import type { Alert, Basemap } from '../../api/types.ts';
import { composite, DENSITY_RAMP, hexToRgb, type RGB } from '../map/color-scales.ts';
import { WALL_PALETTE } from '../map/map-theme.ts';
import { RULE_COLORS } from './alert-layers.ts';
import { alertsInView, basemapInView, legendSymbols } from './legend-entries.ts';

const marked = (...rules: Alert['rule'][]) => rules.map((rule) => ({ rule }));
const pale: RGB = [255, 255, 178];
const both = { river: true, county: true };

describe('the wall legend lists every mark the map draws', () => {
  it('the county with alerts and heat: each alert rule drawn, the heat ramp, township and county borders, the river', () => {
    const symbols = legendSymbols({
      palette: WALL_PALETTE,
      township: false,
      palest: pale,
      heat: true,
      marked: marked('township_coverage', 'village_disputes_7d', 'hazard_overdue', 'village_disputes_7d'),
      lines: both,
    });
    expect(symbols.map((s) => [s.key, s.kind])).toEqual([
      ['alert-hazard_overdue', 'dot'],
      ['alert-village_disputes_7d', 'dot'],
      ['alert-township_coverage', 'outline'],
      ['heat', 'ramp'],
      ['township-line', 'line'],
      ['county-line', 'line'],
      ['river', 'line'],
    ]);
    // In the colours the layers use: the alert marks' own, the heatmap's ramp as drawn.
    expect(symbols[0]!.colors).toEqual([hexToRgb(RULE_COLORS.hazard_overdue)]);
    expect(symbols[2]!.colors).toEqual([hexToRgb(RULE_COLORS.township_coverage)]);
    expect(symbols[3]!.colors).toEqual(DENSITY_RAMP.slice(1));
    // The river is translucent: its swatch is the blend over the land.
    expect(symbols[6]!.colors).toEqual([composite(WALL_PALETTE.river, WALL_PALETTE.river[3], WALL_PALETTE.land)]);
  });

  it('no entry for a rule with nothing on the map, nor for a heatmap not drawn', () => {
    const keys = legendSymbols({ palette: WALL_PALETTE, township: false, palest: pale, heat: false, marked: marked('hazard_overdue'), lines: both }).map((s) => s.key);
    expect(keys).toEqual(['alert-hazard_overdue', 'township-line', 'county-line', 'river']);
  });

  it('a township: its outline, its village borders (dark, shown on the palest fill) and the other townships', () => {
    const symbols = legendSymbols({ palette: WALL_PALETTE, township: true, palest: pale, heat: false, marked: [], lines: { river: false, county: true } });
    // No river entry where no river is on screen.
    expect(symbols.map((s) => s.key)).toEqual(['selected', 'village-line', 'context', 'township-line', 'county-line']);
    const line = symbols.find((s) => s.key === 'village-line')!;
    expect(line.ground).toEqual(pale);
    expect(line.colors).toEqual([composite(WALL_PALETTE.villageLine, WALL_PALETTE.villageLine[3], pale)]);
  });
});

describe('the alerts whose mark is in the view', () => {
  const square = (code: string, w: number, s: number) => ({
    properties: { code },
    geometry: {
      coordinates: [
        [
          [
            [w, s],
            [w + 0.1, s],
            [w + 0.1, s + 0.1],
            [w, s + 0.1],
            [w, s],
          ],
        ],
      ],
    },
  });
  const townships = [square('A', 112.3, 26.9), square('B', 112.6, 27.2)];
  const alert = (rule: Alert['rule'], code: string, lng: number, lat: number) => ({ rule, code, lng, lat });
  const alerts = [
    alert('village_disputes_7d', 'v-in-a', 112.35, 26.95),
    alert('hazard_overdue', 'h-in-b', 112.65, 27.25),
    alert('township_coverage', 'A', 112.35, 26.95),
    alert('township_coverage', 'B', 112.65, 27.25),
    alert('township_coverage', 'C', 112.35, 26.95),
  ];

  it.each<[string, [number, number, number, number] | null, string[]]>([
    ['no view yet: all of them', null, ['v-in-a', 'h-in-b', 'A', 'B', 'C']],
    ['township A framed: its dot and its outline', [112.28, 26.88, 112.42, 27.02], ['v-in-a', 'A']],
    // B's outline reaches into the view though its centre does not: the room sees part of it.
    ['the edge of B in view', [112.55, 27.15, 112.61, 27.21], ['B']],
    ['nothing in view', [113, 28, 113.1, 28.1], []],
  ])('%s', (_name, view, codes) => {
    expect(alertsInView(alerts, townships, view).map((a) => a.code)).toEqual(codes);
  });

  it("a township with only other townships' alerts has no alert entries in its legend", () => {
    const view: [number, number, number, number] = [112.28, 26.88, 112.42, 27.02];
    const inView = alertsInView([alert('village_disputes_7d', 'elsewhere', 112.65, 27.25)], townships, view);
    expect(legendSymbols({ palette: WALL_PALETTE, township: true, palest: pale, heat: false, marked: inView, lines: both }).map((s) => s.key)).not.toContain(
      'alert-village_disputes_7d',
    );
  });
});

describe('the basemap lines in the view', () => {
  const basemap = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { layer: 'river', name: '湘江' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [112.6, 26.8],
            [112.7, 26.9],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { layer: 'county', name: '衡阳县' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [112.0, 26.8],
              [112.7, 26.8],
              [112.7, 27.4],
              [112.0, 26.8],
            ],
          ],
        },
      },
    ],
  } as unknown as Basemap;

  it.each<[string, [number, number, number, number], { river: boolean; county: boolean }]>([
    ['the county: both', [111.9, 26.7, 112.8, 27.5], { river: true, county: true }],
    ['a township inside the county, away from the river', [112.2, 27.0, 112.4, 27.2], { river: false, county: false }],
    ['a township on the river', [112.55, 26.75, 112.65, 26.85], { river: true, county: false }],
  ])('%s', (_name, view, shown) => {
    expect(basemapInView(basemap, view)).toEqual(shown);
  });

  it('none before the basemap or the view are known', () => {
    expect(basemapInView(undefined, [0, 0, 1, 1])).toEqual({ river: false, county: false });
    expect(basemapInView(basemap, null)).toEqual({ river: false, county: false });
  });
});
