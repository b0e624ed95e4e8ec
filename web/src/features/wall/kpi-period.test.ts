import { describe, expect, it } from 'vitest';
import { summary, totals } from '../../test/fixtures.ts';
import { coverageDay, type KpiTarget, summaryIsFor } from './kpi-period.ts';

// The fixture's summary is the county's, 2025-11-29..2026-11-28.
const county = summary(totals(), totals());
const township = summary(totals(), totals(), '430421110');
const { period: _omitted, ...noPeriod } = county;

describe('summaryIsFor: the KPI figures are the named period and scope', () => {
  it.each<[string, Parameters<typeof summaryIsFor>[0], KpiTarget, boolean]>([
    ['the same period, county', county, { from: '2025-11-29', to: '2026-11-28', township: null }, true],
    ['the same period, the same township', township, { from: '2025-11-29', to: '2026-11-28', township: '430421110' }, true],
    ['the previous week kept while the next loads (from differs)', county, { from: '2025-12-06', to: '2026-11-28', township: null }, false],
    ['the running week cut at another day (to differs)', county, { from: '2025-11-29', to: '2026-11-27', township: null }, false],
    ["the county's figures beside a township", county, { from: '2025-11-29', to: '2026-11-28', township: '430421110' }, false],
    ["a township's figures beside the county", township, { from: '2025-11-29', to: '2026-11-28', township: null }, false],
    ['another township', township, { from: '2025-11-29', to: '2026-11-28', township: '430421111' }, false],
    ['nothing yet', undefined, { from: '2025-11-29', to: '2026-11-28', township: null }, false],
    ['an answer without its period cannot be vouched for', noPeriod, { from: '2025-11-29', to: '2026-11-28', township: null }, false],
  ])('%s', (_name, s, target, expected) => {
    expect(summaryIsFor(s, target)).toBe(expected);
  });
});

describe('coverageDay: the Asia/Shanghai day quarterly coverage is counted to', () => {
  it.each<[string, string, 'zh' | 'en', string]>([
    ['a week played back: the end of its Sunday', '2026-10-11T15:59:59.999Z', 'zh', '10月11日'],
    ['the same in English', '2026-10-11T15:59:59.999Z', 'en', '11 Oct'],
    ['live: now, past midnight in the county while still the day before in UTC', '2026-10-11T16:30:00.000Z', 'zh', '10月12日'],
    ['the first day of a quarter', '2026-09-30T16:00:00.000Z', 'en', '1 Oct'],
  ])('%s', (_name, asOf, lang, day) => {
    expect(coverageDay({ asOf }, lang)).toBe(day);
  });
});
