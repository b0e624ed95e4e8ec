import type { PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/harness.tsx';
import { makeI18n } from '../../i18n/I18nProvider.tsx';
import { LAYER_IDS } from '../../url-state/view-state.ts';
import { Legend } from '../Legend.tsx';
import { composeLayers } from '../layers/compose-layers.ts';
import type { EventRow } from '../layers/event-layers.ts';
import type { TownshipFeature, VillageFeature } from '../layers/unit-layers.ts';
import { hoverAt } from '../MapTooltip.tsx';
import { colorScale } from '../metrics.ts';
import { defineOverlay, type MapContext } from './overlay-spec.tsx';
import { MAP_OVERLAYS } from './registry.ts';
import { legendContext, mapContext, someEvents } from './test-context.ts';

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
const township = {
  type: 'Feature',
  geometry: square,
  properties: {
    code: '430421110',
    name: '界牌镇',
    seat: [112.15, 27.05],
    population: 2000,
    disputes: 4,
    coverage: { met: 3, atRisk: 1, missed: 1 },
    coverageRate: 0.6,
    silentVillages: 2,
  },
} as unknown as TownshipFeature;
const village = {
  type: 'Feature',
  geometry: square,
  properties: {
    code: '430421110200',
    name: '银溪村',
    townshipCode: '430421110',
    townshipName: '界牌镇',
    labelPoint: [112.12, 27.02],
    population: 1000,
    disputes: 2,
    visitsThisQuarter: 1,
    expectedVisits: 3,
    lastVisitAt: null,
    lastReportAt: null,
    silent: true,
  },
} as unknown as VillageFeature;
const event: EventRow = {
  id: 'e1',
  type: 'hazard',
  lng: 112.12,
  lat: 27.02,
  villageCode: '430421110200',
  category: '燃气',
  status: 'open',
  severity: 3,
  at: '2024-05-01T09:30:00+08:00',
} as EventRow;

interface Post {
  name: string;
  at: [number, number];
}
const PostsLegend = () => <div className="legend-block">Posts</div>;
const PostTooltip = ({ row }: { row: Post }) => <div className="tt-title">{row.name}</div>;

/** What deck.gl hands an onHover for a row of a layer. */
const pickOf = (layerId: string, object: unknown, index = 0) => ({ layer: { id: layerId }, object, index, x: 10, y: 10 }) as unknown as PickingInfo;

function tooltipText(info: PickingInfo, ctx: MapContext): string | null {
  const hit = hoverAt(info, ctx);
  if (!hit) return null;
  return renderApp(<div>{hit.render(ctx)}</div>).container.textContent;
}

describe('the map overlay registry', () => {
  it('has one entry per id', () => {
    const ids = MAP_OVERLAYS.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws the basemap entries alone until the townships have loaded', () => {
    expect(MAP_OVERLAYS.filter((o) => o.base).map((o) => o.id)).toEqual(['basemap-land', 'basemap-river', 'basemap-county-border']);
  });

  it('every legend entry renders when its overlay is on', () => {
    const scale = colorScale('disputeRate', [{ kind: 'village', props: village.properties }], makeI18n('zh'));
    const ctx = legendContext(
      // Every toggle on, so an overlay added with a toggle of its own is checked here too.
      { township: '430421110', layers: [...LAYER_IDS], events: 'hazard' },
      { scale, events: someEvents(), silence: { count: 2, weeks: 4 }, hexDomain: [1, 9] },
    );
    for (const o of MAP_OVERLAYS) if (o.legend) expect(o.legend.shown(ctx), o.id).toBe(true);
    renderApp(<Legend ctx={ctx} />);
    const text = screen.getByTestId('legend').textContent!;
    expect(text).toContain('每千人纠纷数'); // choropleth
    expect(text).toContain('无信息'); // silent, a class row
    expect(screen.getByTestId('legend-silent').closest('ul')!.className).toBe('legend-classes');
    expect(text).toMatch(/1\s*9/); // hexbins
  });

  it('a township tooltip shows its metric and coverage; the chosen township stays quiet', () => {
    const ctx = mapContext({}, { townships: [township], silence: { count: 2, weeks: 4 } });
    const text = tooltipText(pickOf('townships', township), ctx)!;
    expect(text).toContain('界牌镇');
    expect(text).toContain('2'); // the silent villages line
    expect(hoverAt(pickOf('townships', township), mapContext({ township: '430421110' }, { townships: [township] }))).toBeNull();
  });

  it('a village tooltip carries the "no information" line with the configured weeks', () => {
    const ctx = mapContext({ township: '430421110' }, { townships: [township], villages: [village], silence: { count: 1, weeks: 6 } });
    expect(tooltipText(pickOf('villages', village), ctx)).toContain('银溪村');
    expect(screen.getByTestId('tooltip-silent').textContent).toContain('6');
  });

  it('an event tooltip names the village on screen; a hexagon shows its count', () => {
    const ctx = mapContext({ township: '430421110', events: 'hazard', layers: ['points', 'hex'] }, { villages: [village], events: someEvents([event]) });
    expect(tooltipText(pickOf('events-points-hazard', event), ctx)).toContain('银溪村');
    expect(tooltipText(pickOf('events-hex-hazard', { count: 17 }), ctx)).toContain('17');
  });

  it('answers nothing for an object that is not one of the rows drawn', () => {
    const ctx = mapContext({}, { townships: [township] });
    expect(hoverAt(pickOf('townships', { ...township }), ctx)).toBeNull();
    expect(hoverAt(pickOf('events-hex-dispute', { total: 3 }), ctx)).toBeNull();
  });

  it('takes a new overlay as one more entry: its layers, legend and tooltip follow', () => {
    const posts: Post[] = [{ name: '派出所', at: [112.1, 27] }];
    const postOverlay = defineOverlay<Post>({
      id: 'police-posts',
      layers: () => [new ScatterplotLayer<Post>({ id: 'posts', data: posts, getPosition: (p) => p.at, pickable: true })],
      legend: { placement: 'block', shown: () => true, Entry: PostsLegend },
      pick: (info) => (info.layer?.id === 'posts' ? (posts[info.index] ?? null) : null),
      Tooltip: PostTooltip,
    });
    const overlays = [...MAP_OVERLAYS, postOverlay];
    const ctx = mapContext({}, { townships: [township] });
    expect(
      composeLayers(ctx, overlays)
        .map((l) => l.id)
        .at(-1),
    ).toBe('posts');
    renderApp(<Legend ctx={legendContext({})} overlays={overlays} />);
    expect(screen.getByTestId('legend').textContent).toBe('Posts');
    const hit = hoverAt(pickOf('posts', posts[0]), ctx, overlays);
    renderApp(<div>{hit!.render(ctx)}</div>);
    expect(screen.getByText('派出所')).toBeTruthy();
  });
});
