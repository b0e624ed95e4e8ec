import type { Basemap } from '../../../api/types.ts';
import { DEFAULT_VIEW, type ViewState } from '../../url-state/view-state.ts';
import { MAP_PALETTES } from '../map-theme.ts';
import type { EventsInput, LegendContext, MapContext } from './overlay-spec.tsx';

/** Contexts for tests: the default view, nothing loaded, each field overridable. */
export const someEvents = (rows: EventsInput['rows'] = []): EventsInput => ({ rows, dataKey: '1', agg: null, highZoom: true, onHexDomain: () => {} });

export function legendContext(view: Partial<ViewState>, extra: Partial<Omit<LegendContext, 'view'>> = {}): LegendContext {
  return { view: { ...DEFAULT_VIEW, ...view }, scale: null, events: null, silence: null, hexDomain: null, ...extra };
}

const basemap: Basemap = { type: 'FeatureCollection', bbox: [112, 26.8, 112.8, 27.4], features: [], villageLabels: [] };

export function mapContext(view: Partial<ViewState>, extra: Partial<Omit<MapContext, 'view'>> = {}): MapContext {
  return {
    view: { ...DEFAULT_VIEW, ...view },
    basemap,
    raster: false,
    townships: [],
    villages: [],
    scale: null,
    colorKey: 'k',
    palette: MAP_PALETTES.light,
    events: null,
    silence: null,
    hexDomain: null,
    requiredVisits: 3,
    ...extra,
  };
}
