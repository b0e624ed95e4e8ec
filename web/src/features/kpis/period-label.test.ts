import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { comparisonLabels, formatShortDateTime } from './period-label.ts';

const zh = makeI18n('zh');
const en = makeI18n('en');

// 2 Dec 2026, a Wednesday, 13:00 Asia/Shanghai = 05:00Z.
const running = {
  period: { from: '2026-11-30', to: '2026-12-06', asOf: '2026-12-02T05:00:00.000Z', days: 7, partial: true, unit: 'week' as const, until: '2026-12-06T16:00:00.000Z' },
  previousPeriod: { from: '2026-11-23', to: '2026-11-25', asOf: '2026-11-25T05:00:00.000Z', days: 3, partial: false, unit: 'days' as const, until: '2026-11-25T05:00:00.000Z' },
};
const closed = {
  period: { from: '2026-11-23', to: '2026-11-29', asOf: '2026-11-29T15:59:59.999Z', days: 7, partial: false, unit: 'week' as const, until: '2026-11-29T16:00:00.000Z' },
  previousPeriod: { from: '2026-11-16', to: '2026-11-22', asOf: '2026-11-22T15:59:59.999Z', days: 7, partial: false, unit: 'week' as const, until: '2026-11-22T16:00:00.000Z' },
};
const runningMonth = {
  period: { ...running.period, from: '2026-12-01', to: '2026-12-31', unit: 'month' as const, days: 31 },
  previousPeriod: { ...running.previousPeriod, from: '2026-11-01', to: '2026-11-02', until: '2026-11-02T05:00:00.000Z' },
};

// The wall's 近7日 on Wednesday 2 Dec: a rolling window, its comparison the 7 days before it.
const lastSevenDays = {
  period: { ...running.period, from: '2026-11-26', to: '2026-12-02', unit: 'days' as const, until: '2026-12-02T16:00:00.000Z' },
  previousPeriod: { ...running.previousPeriod, from: '2026-11-19', to: '2026-11-25', days: 7 },
};
// The same window on Sunday 6 Dec runs Monday to Sunday: its dates are a week's.
const sevenDaysFromMonday = { ...running, period: { ...running.period, asOf: '2026-12-06T05:00:00.000Z' } };

describe('comparisonLabels', () => {
  it.each([
    ['running week, zh', running, zh, '截至 12月2日 13:00（本周未完）', '对比上周同期：2026年11月23日至11月25日 13:00'],
    ['running week, en', running, en, 'as of 2 Dec 13:00 (week in progress)', 'vs the same days of last week: 23 Nov – 25 Nov 2026 13:00'],
    ['running month, zh', runningMonth, zh, '截至 12月2日 13:00（本月未完）', '对比上月同期：2026年11月1日至11月2日 13:00'],
    ['closed week, zh', closed, zh, null, '上期：2026年11月16日至11月22日'],
    ['closed week, en', closed, en, null, 'Previous period: 16 Nov – 22 Nov 2026'],
    ['rolling 7 days, zh: as of, not unfinished', lastSevenDays, zh, '截至 12月2日 13:00', '对比上期同期：2026年11月19日至11月25日 13:00'],
    ['rolling 7 days, en', lastSevenDays, en, 'as of 2 Dec 13:00', 'vs the same days of the previous period: 19 Nov – 25 Nov 2026 13:00'],
  ])('%s', (_, s, i18n, asOf, previous) => {
    expect(comparisonLabels(s, i18n)).toEqual({ asOf, previous });
  });

  it.each([
    ['a rolling window whose dates are a week', sevenDaysFromMonday, true, '截至 12月6日 13:00'],
    ['the running week itself', sevenDaysFromMonday, false, '截至 12月6日 13:00（本周未完）'],
  ])('%s', (_, s, rolling, asOf) => expect(comparisonLabels(s, zh, { rolling }).asOf).toBe(asOf));
});

describe('formatShortDateTime', () => {
  it.each([
    ['2026-12-02T05:00:00.000Z', 'zh', '12月2日 13:00'],
    ['2026-12-01T16:30:00.000Z', 'zh', '12月2日 00:30'],
    ['2026-12-02T05:00:00.000Z', 'en', '2 Dec 13:00'],
  ] as const)('%s in %s is %s', (iso, lang, text) => expect(formatShortDateTime(iso, lang)).toBe(text));
});
