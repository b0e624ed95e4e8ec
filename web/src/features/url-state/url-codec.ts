import { isPeriodPreset, isValidRange } from '../period/presets.ts';
import { CAMPAIGN_CODE_RE, DEFAULT_VIEW, EVENT_KINDS, LAYER_IDS, MAP_METRICS, type ViewState } from './view-state.ts';

/**
 * The view <-> query string. Short keys keep links pasteable into chat; defaults are left out so
 * the plain address is the default view; anything unknown or malformed falls back to the default
 * instead of breaking the page (links get hand-edited and truncated).
 */
const KEYS = {
  township: 't',
  village: 'v',
  metric: 'm',
  layers: 'l',
  events: 'e',
  preset: 'p',
  from: 'from',
  to: 'to',
  categories: 'cat',
  statuses: 'st',
  campaign: 'cp',
  lang: 'lang',
  theme: 'theme',
} as const;

const TOWNSHIP_RE = /^\d{9}$/;
const VILLAGE_RE = /^\d{12}$/;

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function list(raw: string | null): string[] {
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function decodeView(search: string): ViewState {
  const q = new URLSearchParams(search);
  const village = VILLAGE_RE.test(q.get(KEYS.village) ?? '') ? q.get(KEYS.village) : null;
  const townshipRaw = q.get(KEYS.township);
  // The village decides: a link whose township disagrees with its village is repaired, not rejected.
  const township = village ? village.slice(0, 9) : townshipRaw && TOWNSHIP_RE.test(townshipRaw) ? townshipRaw : null;
  const presetRaw = q.get(KEYS.preset);
  const preset = presetRaw && isPeriodPreset(presetRaw) ? presetRaw : DEFAULT_VIEW.preset;
  const range = { from: q.get(KEYS.from) ?? undefined, to: q.get(KEYS.to) ?? undefined };
  const custom = preset === 'custom' && isValidRange(range);
  const layersRaw = q.get(KEYS.layers);
  return {
    township,
    village,
    metric: oneOf(MAP_METRICS, q.get(KEYS.metric), DEFAULT_VIEW.metric),
    // `l=` (empty) is a real choice: every layer off.
    layers: layersRaw === null ? DEFAULT_VIEW.layers : LAYER_IDS.filter((id) => list(layersRaw).includes(id)),
    events: oneOf(EVENT_KINDS, q.get(KEYS.events), DEFAULT_VIEW.events),
    preset: preset === 'custom' && !custom ? DEFAULT_VIEW.preset : preset,
    from: custom ? range.from! : null,
    to: custom ? range.to! : null,
    categories: list(q.get(KEYS.categories)),
    statuses: list(q.get(KEYS.statuses)),
    // Whether the code names a campaign this account may see is known only once the list is in (useCaseFilter).
    campaign: CAMPAIGN_CODE_RE.test(q.get(KEYS.campaign) ?? '') ? q.get(KEYS.campaign) : null,
    lang: oneOf(['zh', 'en'] as const, q.get(KEYS.lang), DEFAULT_VIEW.lang),
    theme: oneOf(['light', 'dark'] as const, q.get(KEYS.theme), DEFAULT_VIEW.theme),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The query string (with its `?`, or '' for the default view); keys in a fixed order. */
export function encodeView(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.village) q.set(KEYS.village, v.village);
  else if (v.township) q.set(KEYS.township, v.township);
  if (v.metric !== DEFAULT_VIEW.metric) q.set(KEYS.metric, v.metric);
  // Layers in their canonical order so equal views give equal links.
  const layers = LAYER_IDS.filter((id) => v.layers.includes(id));
  if (!sameList(layers, DEFAULT_VIEW.layers)) q.set(KEYS.layers, layers.join(','));
  if (v.events !== DEFAULT_VIEW.events) q.set(KEYS.events, v.events);
  if (v.preset !== DEFAULT_VIEW.preset) q.set(KEYS.preset, v.preset);
  if (v.preset === 'custom' && v.from && v.to) {
    q.set(KEYS.from, v.from);
    q.set(KEYS.to, v.to);
  }
  if (v.categories.length) q.set(KEYS.categories, [...v.categories].sort().join(','));
  if (v.statuses.length) q.set(KEYS.statuses, [...v.statuses].sort().join(','));
  if (v.campaign) q.set(KEYS.campaign, v.campaign);
  if (v.lang !== DEFAULT_VIEW.lang) q.set(KEYS.lang, v.lang);
  if (v.theme !== DEFAULT_VIEW.theme) q.set(KEYS.theme, v.theme);
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
