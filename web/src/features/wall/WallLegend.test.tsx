import type { GeoJsonLayer } from '@deck.gl/layers';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/harness.tsx';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { composite } from '../map/color-scales.ts';
import { type TownshipFeature, unitFillLayers } from '../map/layers/unit-layers.ts';
import { WALL_PALETTE } from '../map/map-theme.ts';
import { colorScale } from '../map/metrics.ts';
import { legendSymbols } from './legend-entries.ts';
import { WallLegend } from './WallLegend.tsx';
import { wallText } from './wall-messages.ts';

const square = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [112.1, 27],
        [112.2, 27],
        [112.2, 27.1],
        [112.1, 27],
      ],
    ],
  ],
};
// Ten townships of 10,000 with 1..10 disputes in a week: five classes per 10,000.
const townships = Array.from({ length: 10 }, (_, i) => ({
  type: 'Feature',
  geometry: square,
  properties: { code: String(i), name: `T${i}`, population: 10000, disputes: i + 1 },
})) as unknown as TownshipFeature[];
const scale = colorScale(
  'disputeRate',
  townships.map((f) => ({ kind: 'township', props: f.properties })),
  makeI18n('zh'),
  { period: { from: '2026-11-23', to: '2026-11-29' } },
);

/** jsdom's spelling of a colour set as a CSS background. */
const css = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

describe('the wall legend: each swatch is the colour the map paints for its class', () => {
  it.each([
    ['without the heatmap', false],
    ['under the heatmap (fills dimmed where the palette dims them)', true],
  ])('%s', (_name, heat) => {
    const [layer] = unitFillLayers({
      townships,
      villages: [],
      selectedTownship: null,
      selectedVillage: null,
      colorOf: scale.colorOf,
      colorKey: 'k',
      palette: WALL_PALETTE,
      dimFills: heat,
    });
    const fillOf = (layer as GeoJsonLayer).props.getFillColor as unknown as (f: TownshipFeature) => number[];
    renderApp(<WallLegend scale={scale} palette={WALL_PALETTE} heat={heat} fallbackTitle="" symbols={[]} heatPeriod="" w={wallText('zh')} />);
    const swatches = screen.getByTestId('wall-legend').querySelectorAll<HTMLElement>('.wall-swatch');
    expect(swatches).toHaveLength(5);
    for (const f of townships) {
      const fill = fillOf(f);
      const painted = composite(fill, fill[3]!, WALL_PALETTE.land);
      const cls = scale.classes.findIndex((c) => c.color.join() === fill.slice(0, 3).join());
      expect(swatches[cls]!.style.backgroundColor, f.properties.name).toBe(css(painted));
      // The wall paints the ramp's colour itself: nothing of the dark land mixes in.
      expect(painted).toEqual(scale.classes[cls]!.color);
    }
  });
});

describe('the wall legend: each other mark in the colour the map draws it', () => {
  it('alert dots, outlines, lines and the heat ramp carry their colours, named in words', () => {
    const symbols = legendSymbols({
      palette: WALL_PALETTE,
      township: true,
      palest: [255, 255, 178],
      heat: true,
      marked: [{ rule: 'hazard_overdue' }, { rule: 'township_coverage' }],
      lines: { river: true, county: true },
    });
    renderApp(<WallLegend scale={scale} palette={WALL_PALETTE} heat fallbackTitle="" symbols={symbols} heatPeriod="第38周" w={wallText('zh')} />);
    const entry = (key: string) => screen.getByTestId('wall-legend').querySelector<HTMLElement>(`[data-key="${key}"]`)!;
    const symbolOf = (key: string) => entry(key).querySelector<HTMLElement>('[data-symbol]')!;
    expect(entry('alert-hazard_overdue').textContent).toBe('超期隐患');
    expect(symbolOf('alert-hazard_overdue').style.backgroundColor).toBe(css(symbols[0]!.colors[0]!));
    expect(symbolOf('alert-township_coverage').style.borderColor).toBe(css(symbols[1]!.colors[0]!));
    expect(symbolOf('village-line').style.backgroundColor).toBe(css(symbols.find((s) => s.key === 'village-line')!.colors[0]!));
    expect(symbolOf('heat').style.backgroundImage).toContain('linear-gradient');
    expect(entry('heat').textContent).toContain('第38周');
    expect(screen.getAllByTestId('wall-legend-entry')).toHaveLength(scale.classes.length + symbols.length);
  });
});
