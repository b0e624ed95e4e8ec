import type { Summary } from '../../api/types.ts';
import { formatShortDate } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { comparisonLabels, formatShortDateTime } from '../kpis/period-label.ts';
import { CONTROLS } from './rasterize-dom.ts';
import './export.css';

/** A slide: 1920x1080 CSS px, painted at one pixel each. */
export const FIGURE_SIZE = { width: 1920, height: 1080 } as const;

/** What the exported picture says about itself, already in the page's language. */
export interface FigureFacts {
  lang: 'zh' | 'en';
  /** "衡阳县政法综治态势 · 每千人纠纷数" */
  title: string;
  scope: string;
  period: string;
  /** Up to when the numbers count: "截至 11月29日 24:00", or "截至 12月2日 13:00（本周未完）" while it runs. */
  asOf: string;
  filters: string | null;
  boundaryNote: string | null;
  /** The basemap's attribution and 审图号, written over the map's corner as the map shows it. */
  basemapAttribution?: string | null;
}

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

/**
 * Up to when the exported figure's numbers count, from /api/stats/summary's period. Only a running
 * period is "as of now", in the dashboard header's words ("截至 12月2日 13:00（本周未完）"); a closed
 * one counts to its end, whenever it is exported ("截至 11月29日 24:00", not the export time).
 */
export function figureAsOf(s: Pick<Summary, 'period' | 'previousPeriod'>, i18n: Pick<I18n, 't' | 'lang'>): string {
  const running = comparisonLabels(s, i18n).asOf;
  if (running) return running;
  return i18n.t('asOf', { d: periodEnd(s.period, i18n.lang) });
}

/** The end of a closed period: its last day at 24:00 when it ends at midnight (it always does). */
function periodEnd(p: Summary['period'], lang: I18n['lang']): string {
  const until = Date.parse(p.until);
  if ((until + OFFSET_MS) % DAY_MS === 0) return `${formatShortDate(p.to, lang)} 24:00`;
  return formatShortDateTime(p.asOf, lang);
}

/**
 * The part of a bilingual note ("English…; 中文…") in the page's language, or the whole note when
 * it is not split that way.
 */
export function noteInLanguage(note: string, lang: 'zh' | 'en'): string {
  const parts = note
    .split(/;\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return note.trim();
  const han = /[\u4e00-\u9fff]/;
  const match = parts.filter((p) => han.test(p) === (lang === 'zh'));
  return match.length ? match.join('; ') : note.trim();
}

/** The map area inside the figure, and the size the map takes in it at its own aspect ratio. */
export function fitContain(src: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number } {
  if (!(src.width > 0) || !(src.height > 0)) return { width: box.width, height: box.height };
  const s = Math.min(box.width / src.width, box.height / src.height);
  return { width: Math.round(src.width * s), height: Math.round(src.height * s) };
}

/** The most the map may take; the box shrinks to the map, so the legend sits right beside it. */
const MAP_BOX = { width: 1380, height: 860 };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A deep copy of the legend with nothing to click and no test ids of the live page. */
function legendCopy(legend: HTMLElement): HTMLElement {
  const copy = legend.cloneNode(true) as HTMLElement;
  for (const c of copy.querySelectorAll(CONTROLS)) c.remove();
  for (const e of [copy, ...copy.querySelectorAll('[data-testid]')]) {
    const id = e.getAttribute('data-testid');
    e.removeAttribute('data-testid');
    if (id === 'legend-silent') e.querySelector('.swatch')?.setAttribute('data-export-part', 'hatch');
  }
  copy.removeAttribute('aria-label');
  copy.setAttribute('data-export-part', 'legend');
  return copy;
}

/**
 * Builds the figure off-screen (laid out, so the rasteriser can read where things are): a title,
 * scope, period and as-of time above the map, the legend beside it, the boundary note below.
 * The map is a 2D copy of the WebGL canvas taken now (its drawing buffer is preserved).
 */
export function composeFigure(
  facts: FigureFacts,
  sources: { map: HTMLCanvasElement | null; legend: HTMLElement | null; exportedAt: string },
  text: (key: 'scope' | 'period' | 'asOf' | 'filters' | 'exported' | 'boundary', params: Record<string, string>) => string,
): HTMLElement {
  const fig = el('figure', 'export-figure');
  fig.setAttribute('aria-hidden', 'true');
  fig.setAttribute('data-testid', 'export-figure');
  fig.lang = facts.lang === 'zh' ? 'zh-CN' : 'en';
  fig.style.width = `${FIGURE_SIZE.width}px`;
  fig.style.height = `${FIGURE_SIZE.height}px`;

  const head = el('header', 'export-head');
  head.append(el('h1', 'export-title', facts.title));
  const meta = el('p', 'export-meta');
  for (const [key, value] of [
    ['scope', { s: facts.scope }],
    ['period', { p: facts.period }],
    ['asOf', { t: facts.asOf }],
  ] as const) {
    meta.append(el('span', `export-${key}`, text(key, value)));
  }
  head.append(meta);
  if (facts.filters) head.append(el('p', 'export-filters', text('filters', { f: facts.filters })));

  const body = el('div', 'export-body');
  const mapBox = el('div', 'export-map');
  mapBox.style.height = `${MAP_BOX.height}px`;
  if (sources.map && sources.map.width > 0) {
    const copy = document.createElement('canvas');
    copy.width = sources.map.width;
    copy.height = sources.map.height;
    copy.getContext('2d')?.drawImage(sources.map, 0, 0);
    const shown = fitContain({ width: sources.map.clientWidth || sources.map.width, height: sources.map.clientHeight || sources.map.height }, MAP_BOX);
    copy.style.width = `${shown.width}px`;
    copy.style.height = `${shown.height}px`;
    copy.setAttribute('data-export-part', 'map');
    mapBox.append(copy);
    // As wide as the map drawn in it: a box of MAP_BOX's width left an empty band beside a narrower map.
    mapBox.style.width = `${shown.width}px`;
    mapBox.style.height = `${shown.height}px`;
  } else {
    mapBox.style.width = `${MAP_BOX.width}px`;
  }
  if (facts.basemapAttribution) {
    const credit = el('span', 'export-attribution', facts.basemapAttribution);
    credit.setAttribute('data-export-part', 'attribution');
    mapBox.append(credit);
  }
  const side = el('aside', 'export-side');
  if (sources.legend) side.append(legendCopy(sources.legend));
  body.append(mapBox, side);

  const foot = el('footer', 'export-foot');
  if (facts.boundaryNote) foot.append(el('span', 'export-boundary', text('boundary', { n: facts.boundaryNote })));
  foot.append(el('span', 'export-stamp', text('exported', { t: sources.exportedAt })));

  fig.append(head, body, foot);
  document.body.append(fig);
  return fig;
}

/**
 * After the picture is taken the figure stays in the page, hidden, until the next export: what
 * was painted can be checked (browser tests read its text, where the hatch swatch was and how far
 * the legend stood from the map).
 */
export function retireFigure(fig: HTMLElement): void {
  for (const old of document.querySelectorAll('[data-testid="export-figure"][hidden]')) if (old !== fig) old.remove();
  const origin = fig.getBoundingClientRect();
  const hatch = fig.querySelector('[data-export-part="hatch"]')?.getBoundingClientRect();
  if (hatch) fig.setAttribute('data-hatch-rect', [hatch.left - origin.left, hatch.top - origin.top, hatch.width, hatch.height].map(Math.round).join(','));
  const map = fig.querySelector<HTMLCanvasElement>('canvas[data-export-part="map"]');
  const legend = fig.querySelector('[data-export-part="legend"]')?.getBoundingClientRect();
  if (map && legend) fig.setAttribute('data-map-legend-gap', String(Math.round(legend.left - map.getBoundingClientRect().right)));
  // The copy of the map is the only heavy part: let it go.
  if (map) {
    map.width = 0;
    map.height = 0;
  }
  fig.hidden = true;
}
