import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { summary, totals } from '../../test/fixtures.ts';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { Legend } from './Legend.tsx';
import { colorScale, type Unit } from './metrics.ts';
import { legendContext, someEvents } from './overlays/test-context.ts';

const units: Unit[] = [2, 4, 6, 8, 10].map((d, i) => ({
  kind: 'township',
  props: { code: String(i), name: `T${i}`, population: 1000, disputes: d } as never,
}));

describe('Legend', () => {
  it('states the metric, its unit and each class with how many units it holds', () => {
    renderApp(<Legend ctx={legendContext({ metric: 'disputeRate' }, { scale: colorScale('disputeRate', units, makeI18n('zh')) })} />);
    const legend = screen.getByTestId('legend');
    expect(legend.textContent).toContain('每千人纠纷数');
    expect(legend.textContent).toContain('（件/千人）');
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
  });

  it('explains the density layers, with the hexbin count range once known', () => {
    renderApp(<Legend ctx={legendContext({ layers: ['heat', 'hex', 'points'], events: 'hazard' }, { events: someEvents(), hexDomain: [1, 39] })} />, '/?lang=en');
    const legend = screen.getByTestId('legend');
    expect(legend.textContent).toContain('Hazards density (relative)');
    expect(legend.textContent).toContain('Events per cell (Hazards)');
    expect(legend.textContent).toMatch(/1\s*39/);
    expect(legend.textContent).toContain('Telecom fraud'); // point colours per category
  });

  it.each([
    ['本周 (running): up to when, and unfinished', '?p=thisWeek', true, '2026年11月30日至12月2日 · 截至 12月2日 13:00（本周未完）'],
    ['上周 (closed): its dates only', '?p=lastWeek', false, '2026年11月23日至11月29日'],
  ])('states the period of its colours: %s', async (_name, search, partial, text) => {
    const base = summary(totals(), totals());
    const [from, to] = partial ? ['2026-11-30', '2026-12-02'] : ['2026-11-23', '2026-11-29'];
    mockApi({
      '/api/config': () => ({ basemapUrl: null, today: '2026-12-02' }),
      '/api/stats/summary': () => ({ ...base, period: { ...base.period, from, to, partial, unit: 'week', days: partial ? 3 : 7, asOf: '2026-12-02T05:00:00.000Z' } }),
    });
    const scale = colorScale('disputeRate', units, makeI18n('zh'), { period: { from, to } });
    renderApp(<Legend ctx={legendContext({ metric: 'disputeRate' }, { scale })} />, `/${search}`);
    await waitFor(() => expect(screen.getByTestId('legend-period').textContent!.trim()).toBe(text));
  });

  it('is absent when nothing on the map needs explaining', () => {
    renderApp(<Legend ctx={legendContext({})} />);
    expect(screen.queryByTestId('legend')).toBeNull();
  });

  describe('counts: each unit once, and what they count', () => {
    const villages: Unit[] = [2, 4, 6, 8, 10, 12, 14, 16, 0, 0].map((d, i) => ({
      kind: 'village',
      props: { code: String(i), name: `V${i}`, population: 1000, disputes: d, coverageStatus: 'missed', silent: i >= 8 } as never,
    }));
    const countOf = (li: Element) => li.querySelector('.legend-count')!;

    it.each<[string, string | null, Unit[], number, string, string, string]>([
      ['county scope: the classes count townships, the hatch row villages', null, units, 7, '/', '乡镇数', '7（村）'],
      ['county scope, in English', null, units, 7, '/?lang=en', 'Townships', '7 (villages)'],
      ['a township: villages throughout, the silent ones only in their row', '430421110', villages, 2, '/', '村（社区）数', '2'],
    ])('%s', (_name, township, shown, silent, url, classTitle, silentCount) => {
      const ctx = legendContext({ metric: 'disputeRate', township }, { scale: colorScale('disputeRate', shown, makeI18n('zh')), silence: { count: silent, weeks: 4 } });
      renderApp(<Legend ctx={ctx} />, url);
      const classRows = screen.getAllByRole('listitem').filter((li) => li.dataset.testid !== 'legend-silent');
      expect(classRows.every((li) => countOf(li).getAttribute('title') === classTitle)).toBe(true);
      const inClasses = classRows.reduce((n, li) => n + Number(countOf(li).textContent), 0);
      // Townships: every one once. Villages: the classes and the hatch row share them out.
      expect(township === null ? inClasses : inClasses + silent).toBe(shown.length);
      expect(countOf(screen.getByTestId('legend-silent')).textContent).toBe(silentCount);
    });
  });
});
