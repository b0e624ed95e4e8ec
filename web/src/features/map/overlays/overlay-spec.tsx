import type { Layer, PickingInfo } from '@deck.gl/core';
import type { ComponentType, ReactNode } from 'react';
import type { Basemap } from '../../../api/types.ts';
import type { SilentLayersInput } from '../../coverage/silent-layers.ts';
import type { ViewPatch } from '../../url-state/useViewState.ts';
import type { ViewState } from '../../url-state/view-state.ts';
import type { AggregationModule, EventRow } from '../layers/event-layers.ts';
import type { TownshipFeature, VillageFeature } from '../layers/unit-layers.ts';
import type { MapPalette } from '../map-theme.ts';
import type { ColorScale } from '../metrics.ts';

export interface EventsInput {
  rows: readonly EventRow[];
  /** Changes whenever the rows do, so deck.gl re-reads positions and colours. */
  dataKey: string;
  agg: AggregationModule | null;
  /** Zoomed in far enough for points. */
  highZoom: boolean;
  onHexDomain: (d: [number, number]) => void;
}

/** What every overlay draws from: the view and the typed rows useMapData returns. */
export interface LayerContext {
  view: Pick<ViewState, 'township' | 'village' | 'layers' | 'events'>;
  basemap: Basemap;
  /** A basemap (raster or vector) is configured: the county's land is left transparent over it. */
  raster: boolean;
  /** Zoomed in far enough to name every village in view (VILLAGE_NAMES_MIN_ZOOM). */
  villageNames?: boolean;
  townships: readonly TownshipFeature[];
  villages: readonly VillageFeature[];
  /** County scope of a map of many villages: they come as MapLibre's vector tiles (useVillageTiles), the townships are outlines. */
  villageTiles?: boolean;
  scale: ColorScale | null;
  /** Changes whenever `scale` colours differently (metric, breaks, theme). */
  colorKey: string;
  palette: MapPalette;
  /** Label size factor from the page's root font size. */
  typeScale?: number;
  /** Null when no event layer is on. */
  events: EventsInput | null;
  /** "No information" villages, hatched over the choropleth so they never read as "no incidents". */
  silent?: SilentLayersInput | null;
}

/** What the legend entries read: the view's choices and what the map learnt while drawing. */
export interface LegendContext {
  view: Pick<ViewState, 'township' | 'layers' | 'events' | 'metric'>;
  scale: ColorScale | null;
  events: EventsInput | null;
  /** Silent villages in the scope and the server's silence period (SILENCE_WEEKS). */
  silence: { count: number; weeks: number } | null;
  /** The hexbins' count range, once deck.gl has aggregated them. */
  hexDomain: [number, number] | null;
  /** The choropleth's units are the villages of the tiles in view, at county scope too. */
  villageTiles?: boolean;
}

/** The full context of the dashboard map: layers, legend and tooltip all read from it. */
export interface MapContext extends LayerContext, Omit<LegendContext, 'view' | 'scale' | 'events'> {
  view: LayerContext['view'] & LegendContext['view'];
  /** Visits a village is expected to get per quarter (runtime config). */
  requiredVisits: number;
}

export interface LegendSpec {
  /**
   * 'block': a titled block of its own. 'class-row': a line appended to the choropleth's list of
   * classes, where it is read next to (and as distinct from) the metric's colours.
   */
  placement: 'block' | 'class-row';
  shown(ctx: LegendContext): boolean;
  /** A block receives the class rows of other overlays as children (only the choropleth shows them). */
  Entry: ComponentType<{ ctx: LegendContext; children?: ReactNode }>;
}

/** A click on the map that selects something: which layers answer, and the URL change it makes. */
export interface ClickSpec {
  layerIds: readonly string[];
  select(info: PickingInfo, ctx: LayerContext): ViewPatch | null;
}

/** A hovered row, with the tooltip that shows it bound to its own type. */
export interface HoverHit {
  render(ctx: MapContext): ReactNode;
}

/** One map overlay as the registry holds it (its row type is bound inside `hover`). */
export interface MapOverlay {
  id: string;
  /**
   * Drawn while the townships are still loading: the basemap's polygons and lines compile the
   * very shaders the townships need while their request is out (seconds on a software GPU).
   */
  base?: boolean;
  /** Its deck.gl layers, bottom to top, with stable ids so deck.gl diffs instead of rebuilding. */
  layers(ctx: LayerContext): Layer[];
  legend?: LegendSpec;
  hover?(info: PickingInfo, ctx: MapContext): HoverHit | null;
  click?: ClickSpec;
}

/** An overlay as written: `pick` finds its own typed row under the pointer, `Tooltip` shows it. */
export interface MapOverlaySpec<Row> extends Omit<MapOverlay, 'hover'> {
  pick?(info: PickingInfo, ctx: MapContext): Row | null;
  Tooltip?: ComponentType<{ row: Row; ctx: MapContext }>;
}

export function defineOverlay<Row>({ pick, Tooltip, ...spec }: MapOverlaySpec<Row>): MapOverlay {
  if (!pick || !Tooltip) return spec;
  return {
    ...spec,
    hover(info, ctx) {
      const row = pick(info, ctx);
      return row === null ? null : { render: (c) => <Tooltip row={row} ctx={c} /> };
    },
  };
}

/**
 * The typed row a layer drew for a pick: deck.gl hands back the very object of the layer's data
 * (and its index), so it is looked up by identity in the rows the overlay drew instead of cast.
 */
export function rowOf<T>(rows: readonly T[], info: PickingInfo, layerId: string): T | null {
  if (info.layer?.id !== layerId || info.object == null) return null;
  const at = rows[info.index];
  if (at !== undefined && at === info.object) return at;
  return rows.find((r) => r === info.object) ?? null;
}
