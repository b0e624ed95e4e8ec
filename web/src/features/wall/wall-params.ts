import type { CSSProperties } from 'react';
import type { Lang } from '../i18n/format.ts';

/**
 * The panels around the map, which a wall may leave out (the map itself is always shown).
 * `campaign`: each running campaign is a step of the carousel, shown over the map's box.
 */
export const WALL_PANELS = ['kpis', 'alerts', 'ticker', 'playback', 'campaign'] as const;
export type WallPanel = (typeof WALL_PANELS)[number];

/**
 * The wall's settings live in its URL (/wall?refresh=60&carousel=20&township=430421110), so the
 * big screen's browser can be pointed at a bookmark and come back to the same view after a
 * power cut. Values out of range fall back to the defaults rather than failing on an unattended
 * screen.
 */
export interface WallParams {
  /** Seconds between refreshes (default 60, at least 2). */
  refresh: number;
  /** Seconds per township in the carousel; 0 = off (default). */
  carousel: number;
  /** The selected township, or null for the county. */
  township: string | null;
  /** Start the 12-week playback on load. */
  play: boolean;
  /** Seconds per week during playback (default 4). */
  step: number;
  lang: Lang;
  /** The panels shown, in WALL_PANELS order (default all); `panels=map` shows the map alone. */
  panels: readonly WallPanel[];
  /** Burn-in shift: how far the picture moves, in 1080p design pixels (default 2, 0 = off, at most 8). */
  shift: number;
  /** Seconds between two moves of the burn-in shift (default 600). */
  shiftEvery: number;
  /**
   * A campaign's code: its panel is shown over the map from the start (pinned while the carousel
   * is off; with it on, the round starts there). Shown only when the wall sees that campaign.
   */
  campaign: string | null;
}

export const WALL_DEFAULTS: WallParams = {
  refresh: 60,
  carousel: 0,
  township: null,
  play: false,
  step: 4,
  lang: 'zh',
  panels: WALL_PANELS,
  shift: 2,
  shiftEvery: 600,
  campaign: null,
};

/** The wall's padding is 12 design pixels at the top and bottom: a larger shift would push text off the screen. */
const MAX_SHIFT = 8;

/** A list naming nothing the wall knows keeps every panel: a typo must not blank an unattended screen. */
function panels(raw: string | null): readonly WallPanel[] {
  if (raw === null) return WALL_DEFAULTS.panels;
  const names = new Set(raw.split(',').map((s) => s.trim()));
  const chosen = WALL_PANELS.filter((p) => names.has(p));
  return chosen.length > 0 || names.has('map') ? chosen : WALL_DEFAULTS.panels;
}

function numberIn(raw: string | null, min: number, max: number, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

const seconds = (raw: string | null, min: number, fallback: number) => numberIn(raw, min, 86_400, fallback);

export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const township = q.get('township');
  const campaign = q.get('campaign');
  const carousel = seconds(q.get('carousel'), 0, WALL_DEFAULTS.carousel);
  return {
    refresh: seconds(q.get('refresh'), 2, WALL_DEFAULTS.refresh),
    // Under 5 s a township would change before its data has arrived.
    carousel: carousel > 0 && carousel < 5 ? 5 : carousel,
    township: township && /^\d{9}$/.test(township) ? township : null,
    play: q.get('play') === '1',
    step: seconds(q.get('step'), 1, WALL_DEFAULTS.step),
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    panels: panels(q.get('panels')),
    shift: numberIn(q.get('shift'), 0, MAX_SHIFT, WALL_DEFAULTS.shift),
    shiftEvery: seconds(q.get('shiftEvery'), 1, WALL_DEFAULTS.shiftEvery),
    campaign: campaign && /^[a-z][a-z0-9-]{1,31}$/.test(campaign) ? campaign : null,
  };
}

/** Only what differs from the defaults is written, so the plain /wall stays plain. */
export function encodeWallParams(p: WallParams): string {
  const q = new URLSearchParams();
  if (p.refresh !== WALL_DEFAULTS.refresh) q.set('refresh', String(p.refresh));
  if (p.carousel !== WALL_DEFAULTS.carousel) q.set('carousel', String(p.carousel));
  if (p.township) q.set('township', p.township);
  if (p.play) q.set('play', '1');
  if (p.step !== WALL_DEFAULTS.step) q.set('step', String(p.step));
  if (p.lang !== 'zh') q.set('lang', p.lang);
  if (p.panels.length < WALL_PANELS.length) q.set('panels', p.panels.length ? p.panels.join(',') : 'map');
  if (p.shift !== WALL_DEFAULTS.shift) q.set('shift', String(p.shift));
  if (p.shiftEvery !== WALL_DEFAULTS.shiftEvery) q.set('shiftEvery', String(p.shiftEvery));
  if (p.campaign) q.set('campaign', p.campaign);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The wall's grid for the panels it shows: the map takes whatever the left-out panels leave, so a
 * wall without KPIs or without the side column has a larger map, not an empty column.
 */
export function wallGrid(panels: readonly WallPanel[]): CSSProperties {
  const side = panels.includes('alerts') || panels.includes('ticker');
  const columns = [panels.includes('kpis') ? 'kpis' : null, 'map', side ? 'side' : null].filter((c) => c !== null);
  const width = { kpis: 'var(--wall-kpis-width)', map: 'minmax(0, 1fr)', side: 'var(--wall-side-width)' } as const;
  const row = (area: string | null) => `'${columns.map((c) => area ?? c).join(' ')}'`;
  const play = panels.includes('playback');
  return {
    gridTemplateColumns: columns.map((c) => width[c as keyof typeof width]).join(' '),
    gridTemplateRows: play ? 'auto minmax(0, 1fr) auto' : 'auto minmax(0, 1fr)',
    gridTemplateAreas: [row('header'), row(null), ...(play ? [row('play')] : [])].join(' '),
  };
}
