import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../api/types.ts';
import { summary, totals } from '../../test/fixtures.ts';
import { renderApp } from '../../test/harness.tsx';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { WallKpis } from './WallKpis.tsx';
import { wallText } from './wall-messages.ts';

// Wednesday 2 Dec 2026, 13:00 Asia/Shanghai.
const asOf = '2026-12-02T05:00:00.000Z';
const running = (from: string, to: string, unit: Summary['period']['unit']): Summary => {
  const s = summary(totals(), totals());
  return { ...s, period: { ...s.period, from, to, asOf, days: 7, partial: true, unit, until: '2026-12-02T16:00:00.000Z' } };
};

describe('WallKpis: the as-of line', () => {
  it.each<[string, Summary, boolean, string]>([
    ['近7日 live: as of its time, not an unfinished period', running('2026-11-26', '2026-12-02', 'days'), true, '截至 12月2日 13:00 · '],
    ['近7日 whose dates fit a month (1st to 7th): still a rolling window', running('2026-12-01', '2026-12-07', 'month'), true, '截至 12月2日 13:00 · '],
    ['the running week played back: a calendar week to date', running('2026-11-30', '2026-12-02', 'week'), false, '截至 12月2日 13:00（本周未完） · '],
  ])('%s', (_name, s, rolling, line) => {
    renderApp(<WallKpis summary={s} i18n={makeI18n('zh')} w={wallText('zh')} rolling={rolling} caption="" />);
    const text = screen.getByTestId('wall-kpi-comparison').textContent!;
    expect(text.startsWith(line), text).toBe(true);
    if (rolling) expect(text).not.toContain('未完');
  });
});

describe('WallKpis: what each change is against', () => {
  it('coverage (per quarter, to date) is against the same point of last quarter; the flows against the previous period', () => {
    renderApp(<WallKpis summary={running('2026-11-26', '2026-12-02', 'days')} i18n={makeI18n('zh')} w={wallText('zh')} rolling caption="" />);
    expect(screen.getByTestId('wall-kpi-coverage').textContent).toContain('较上季度同期');
    expect(screen.getByTestId('wall-kpi-disputes').textContent).toContain('较上期');
    expect(screen.getByTestId('wall-kpi-disputes').textContent).not.toContain('季度');
  });
});

describe('WallKpis: figures of another period while the named one loads', () => {
  it.each<[string, boolean]>([
    ['pending: dimmed and marked loading', true],
    ['the named period: shown plainly', false],
  ])('%s', (_name, pending) => {
    renderApp(<WallKpis summary={running('2026-11-26', '2026-12-02', 'days')} i18n={makeI18n('zh')} w={wallText('zh')} rolling caption="2026年第49周" pending={pending} />);
    const section = screen.getByLabelText('KPI');
    expect(section.dataset.pending).toBe(String(pending));
    expect(section.getAttribute('aria-busy')).toBe(String(pending));
    expect(screen.queryByTestId('wall-kpis-loading')?.textContent ?? null).toBe(pending ? '加载中…' : null);
  });

  it('nothing to dim before the first answer: the loading line, no tag', () => {
    renderApp(<WallKpis summary={undefined} i18n={makeI18n('zh')} w={wallText('zh')} rolling caption="" pending />);
    expect(screen.queryByTestId('wall-kpis-loading')).toBeNull();
    expect(screen.getByText('加载中…')).toBeTruthy();
  });
});

describe('WallKpis: coverage is the quarter to date', () => {
  it.each<['zh' | 'en', string]>([
    ['zh', '本季度截至12月2日'],
    ['en', 'Quarter to 2 Dec'],
  ])('%s: the coverage card names the quarter and the day it counts to', (lang, sub) => {
    const s = running('2026-11-30', '2026-12-02', 'week');
    const coverage = { ...s.current.coverage, asOf };
    renderApp(<WallKpis summary={{ ...s, current: { ...s.current, coverage } }} i18n={makeI18n(lang)} w={wallText(lang)} rolling={false} caption="" />);
    expect(screen.getByTestId('wall-kpi-coverage-to-date').textContent).toBe(sub);
    expect(screen.getByTestId('wall-kpi-disputes').textContent).not.toContain(sub);
  });
});
