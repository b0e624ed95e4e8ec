import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import type { MapMetric } from '../url-state/view-state.ts';
import { shownValue } from './ranking-values.ts';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const YEAR = { from: '2025-12-01', to: '2026-11-30' };

describe('shownValue', () => {
  it.each<[string, MapMetric, { value: number | null; count: number; population: number }, typeof WEEK | null, 'zh' | 'en', number | null, string, string | undefined]>([
    // 大兴社区: 120 cases in 13,333 residents is 9.0 per 1,000 raw, 8.5 smoothed: the list shows 9.0 like the map.
    ['a year, raw per 1,000', 'disputeRate', { value: 8.5, count: 120, population: 13333 }, YEAR, 'zh', 9, '9.0', '原始 9.0 件/千人（120 件 / 13,333 人）；平滑后 8.5（排序依据）'],
    ['a week, raw per 10,000', 'disputeRate', { value: 0.3, count: 1, population: 2000 }, WEEK, 'zh', 5, '5.0', '原始 5.0 件/万人（1 件 / 2,000 人）；平滑后 3.0（排序依据）'],
    [
      'a week, in English',
      'disputeRate',
      { value: 0.3, count: 1, population: 2000 },
      WEEK,
      'en',
      5,
      '5.0',
      'raw 5.0 cases per 10,000 (1 cases / 2,000 residents); smoothed 3.0 (sort key)',
    ],
    ['no residents: no rate', 'disputeRate', { value: 0.4, count: 0, population: 0 }, WEEK, 'zh', null, '—', undefined],
    ['no period known: per 1,000', 'disputeRate', { value: 2, count: 4, population: 2000 }, null, 'zh', 2, '2.0', undefined],
    ['counts are shown as ranked', 'hazardsOpen', { value: 7, count: 7, population: 2000 }, WEEK, 'zh', 7, '7', undefined],
    ['percentages too', 'mediationSuccessRate', { value: 0.912, count: 30, population: 2000 }, WEEK, 'en', 0.912, '91.2%', undefined],
  ])('%s', (_name, metric, row, period, lang, value, text, title) => {
    const s = shownValue(metric, row, makeI18n(lang), period);
    if (value === null) expect(s.value).toBeNull();
    else expect(s.value).toBeCloseTo(value);
    expect(s.text).toBe(text);
    if (title !== undefined) expect(s.title).toBe(title);
    if (metric !== 'disputeRate') expect(s.title).toBeUndefined();
  });
});
