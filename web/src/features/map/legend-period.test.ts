import { describe, expect, it } from 'vitest';
import { summary, totals } from '../../test/fixtures.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { legendPeriodText } from './legend-period.ts';

const base = summary(totals(), totals());
// Wednesday 2 Dec 2026 13:00 Asia/Shanghai: 本周 runs; 上周 is closed.
const running = { ...base, period: { ...base.period, from: '2026-11-30', to: '2026-12-02', partial: true, unit: 'week' as const, days: 3, asOf: '2026-12-02T05:00:00.000Z' } };
const closed = { ...base, period: { ...base.period, from: '2026-11-23', to: '2026-11-29', partial: false, unit: 'week' as const, days: 7, asOf: '2026-11-29T15:59:59.999Z' } };

describe('legendPeriodText', () => {
  it.each([
    ['a rate over the running week: its dates and up to when', 'disputeRate', '11月30日至12月2日', running, 'zh', '11月30日至12月2日 · 截至 12月2日 13:00（本周未完）'],
    ['a rate over a closed week: its dates', 'disputeRate', '11月23日至29日', closed, 'zh', '11月23日至29日'],
    ['coverage, closed week: the quarter, counted to the end of the Sunday', 'coverage', '10月1日至12月31日', closed, 'zh', '2026年第4季度 · 截至 11月29日 24:00'],
    ['coverage, running week: the quarter, counted to now', 'coverage', '10月1日至12月31日', running, 'zh', '2026年第4季度 · 截至 12月2日 13:00'],
    ['coverage in English', 'coverage', 'x', closed, 'en', 'Q4 2026 · as of 29 Nov 24:00'],
    ['no summary yet: the dates alone', 'disputeRate', '11月30日至12月2日', undefined, 'zh', '11月30日至12月2日'],
  ] as const)('%s', (_name, metric, dates, s, lang, text) => {
    expect(legendPeriodText(metric, dates, s, makeI18n(lang))).toBe(text);
  });
});
