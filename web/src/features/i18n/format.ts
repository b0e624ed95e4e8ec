/**
 * Locale-aware formatting. Calendar dates (YYYY-MM-DD) are formatted in UTC so a date never
 * shifts by a day; instants (ISO with offset) are shown in Asia/Shanghai, the county's time.
 */
export type Lang = 'zh' | 'en';

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };
export const localeOf = (lang: Lang): string => LOCALE[lang];

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export const NO_VALUE = '—';

export function formatNumber(n: number | null | undefined, lang: Lang, fractionDigits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_VALUE;
  const f = cached(`n:${lang}:${fractionDigits}`, () => new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }));
  return f.format(n);
}

/** A ratio 0..1 as a percentage. */
export function formatPercent(ratio: number | null | undefined, lang: Lang, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return NO_VALUE;
  const f = cached(
    `p:${lang}:${fractionDigits}`,
    () => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
  );
  return f.format(ratio);
}

/** A change with an explicit sign: +12, −3, ±0; in percentage points when `points`. */
export function formatSignedChange(delta: number, lang: Lang, opts: { points?: boolean; fractionDigits?: number } = {}): string {
  const digits = opts.fractionDigits ?? (opts.points ? 1 : 0);
  const magnitude = opts.points ? formatNumber(Math.abs(delta) * 100, lang, digits) : formatNumber(Math.abs(delta), lang, digits);
  const rounded = Number((Math.abs(delta) * (opts.points ? 100 : 1)).toFixed(digits));
  const sign = rounded === 0 ? '±' : delta > 0 ? '+' : '−';
  const unit = opts.points ? (lang === 'zh' ? '个百分点' : ' pp') : '';
  return `${sign}${magnitude}${unit}`;
}

function utcDate(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** 2026-11-28 -> 2026年11月28日 / 28 Nov 2026 */
export function formatDate(date: string, lang: Lang): string {
  const f = cached(`d:${lang}`, () => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }));
  return f.format(utcDate(date));
}

/** 2026-11-28 -> 11月28日 / 28 Nov */
export function formatShortDate(date: string, lang: Lang): string {
  const f = cached(`sd:${lang}`, () => new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', month: 'short', day: 'numeric' }));
  return f.format(utcDate(date));
}

/** An instant with its time of day, in Asia/Shanghai whatever the browser's zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const f = cached(
    `dt:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALE[lang], {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
  );
  return f.format(new Date(iso));
}

/** An inclusive date range; the year is written once when both ends share it. */
/** The quarter a first day starts: "2026年第4季度" / "Q4 2026". */
export function formatQuarter(quarterStart: string, lang: Lang): string {
  const q = Math.floor((Number(quarterStart.slice(5, 7)) - 1) / 3) + 1;
  return lang === 'zh' ? `${quarterStart.slice(0, 4)}年第${q}季度` : `Q${q} ${quarterStart.slice(0, 4)}`;
}

export function formatDateRange(from: string, to: string, lang: Lang): string {
  if (from === to) return formatDate(from, lang);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  if (lang === 'zh') return `${formatDate(from, lang)}至${sameYear ? formatShortDate(to, lang) : formatDate(to, lang)}`;
  return `${sameYear ? formatShortDate(from, lang) : formatDate(from, lang)} – ${formatDate(to, lang)}`;
}
