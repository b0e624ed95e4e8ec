import type { Lang } from '../i18n/format.ts';

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
}

export const WALL_DEFAULTS: WallParams = { refresh: 60, carousel: 0, township: null, play: false, step: 4, lang: 'zh' };

function seconds(raw: string | null, min: number, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= 86_400 ? n : fallback;
}

export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const township = q.get('township');
  const carousel = seconds(q.get('carousel'), 0, WALL_DEFAULTS.carousel);
  return {
    refresh: seconds(q.get('refresh'), 2, WALL_DEFAULTS.refresh),
    // Under 5 s a township would change before its data has arrived.
    carousel: carousel > 0 && carousel < 5 ? 5 : carousel,
    township: township && /^\d{9}$/.test(township) ? township : null,
    play: q.get('play') === '1',
    step: seconds(q.get('step'), 1, WALL_DEFAULTS.step),
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
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
  const s = q.toString();
  return s ? `?${s}` : '';
}
