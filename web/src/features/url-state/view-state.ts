import type { Lang } from '../i18n/format.ts';
import { DEFAULT_PRESET, type PeriodPreset } from '../period/presets.ts';

/** Choropleth metrics a user can colour the map by. */
export const MAP_METRICS = ['disputeRate', 'hazardsOpen', 'hazardsOverdue', 'coverage', 'mediationSuccessRate'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

export const LAYER_IDS = ['choropleth', 'heat', 'hex', 'points', 'labels'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const EVENT_KINDS = ['dispute', 'hazard'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type Theme = 'light' | 'dark';

/**
 * Everything that makes a view: what a copied link must reproduce. The scope follows from the
 * selection: a village implies its township (a village code starts with its township's code).
 */
export interface ViewState {
  township: string | null;
  village: string | null;
  metric: MapMetric;
  layers: LayerId[];
  events: EventKind;
  preset: PeriodPreset;
  /** Only for the custom preset. */
  from: string | null;
  to: string | null;
  categories: string[];
  statuses: string[];
  /** A campaign (专项行动) code: only the cases tagged with it are counted; null = every case. */
  campaign: string | null;
  lang: Lang;
  theme: Theme;
}

/** A campaign's code as the API writes it (api/contract): lower-case letters, digits and dashes. */
export const CAMPAIGN_CODE_RE = /^[a-z][a-z0-9-]{1,31}$/;

export type Scope = 'county' | 'township' | 'village';

export const DEFAULT_VIEW: ViewState = {
  township: null,
  village: null,
  metric: 'disputeRate',
  layers: ['choropleth', 'labels'],
  events: 'dispute',
  preset: DEFAULT_PRESET,
  from: null,
  to: null,
  categories: [],
  statuses: [],
  campaign: null,
  lang: 'zh',
  theme: 'light',
};

export function scopeOf(v: Pick<ViewState, 'township' | 'village'>): Scope {
  return v.village ? 'village' : v.township ? 'township' : 'county';
}

export function hasLayer(v: Pick<ViewState, 'layers'>, id: LayerId): boolean {
  return v.layers.includes(id);
}

/**
 * What a township or officer account may look at: its township, and for an officer only its
 * own villages. The view is clamped to it, so no link, click or breadcrumb asks the API for
 * something it would refuse (403 out_of_scope).
 */
export interface ScopeLock {
  township: string;
  /** null: every village of the township. */
  villages: readonly string[] | null;
}

export function clampView<V extends Pick<ViewState, 'township' | 'village'>>(view: V, lock: ScopeLock | null | undefined): V {
  if (!lock) return view;
  const inTownship = view.village?.startsWith(lock.township) === true;
  const allowed = inTownship && (lock.villages === null || lock.villages.includes(view.village!));
  const village = allowed ? view.village : null;
  if (view.township === lock.township && village === view.village) return view;
  return { ...view, township: lock.township, village };
}
