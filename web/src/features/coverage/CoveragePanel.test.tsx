import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';
import { coverageAnswer, coverageVillage } from './test-fixtures.ts';

const noConfig = () => new Response('{}', { status: 404 });

const answer = coverageAnswer({
  villages: [
    coverageVillage({
      code: '430421105200',
      name: '黄石村',
      townshipCode: '430421105',
      townshipName: '演陂镇',
      status: 'missed',
      visits: 0,
      expectedVisits: 0,
      daysSinceLastVisit: 72,
      silent: true,
      lastVisitAt: '2026-09-18T09:05:00+08:00',
      lastReportAt: '2026-09-09T13:19:00+08:00',
      officer: { id: 'OF0098', name: '陈兰伟', agency: '公安' },
    }),
    coverageVillage({ code: '430421110200', name: '银溪村', status: 'at_risk', visits: 1, expectedVisits: 3, daysSinceLastVisit: 18 }),
    coverageVillage({ code: '430421110201', name: '界牌村', status: 'at_risk', visits: 2, expectedVisits: 3, officer: null, lastVisitAt: null, daysSinceLastVisit: null }),
  ],
  officers: [{ id: 'OF0098', name: '陈兰伟', agency: '公安', villages: 1, atRisk: 0, missed: 1, villageCodes: ['430421105200'] }],
});

describe('CoveragePanel', () => {
  it('shows the tally and the villages short of the rule with officer, visits against the rule and days since the last visit', async () => {
    mockApi({ '/api/config': noConfig, '/api/coverage': () => answer });
    renderApp(<CoveragePanel />, '/');
    const summary = await screen.findByTestId('coverage-summary');
    expect(summary.textContent).toContain('达标 221/491（45.0%）');
    expect(summary.textContent).toContain('无信息 15');
    const rows = within(screen.getByTestId('coverage-villages')).getAllByRole('button');
    expect(rows.map((r) => r.dataset.code)).toEqual(['430421105200', '430421110200', '430421110201']);
    expect(rows[0]!.textContent).toContain('黄石村');
    expect(rows[0]!.textContent).toContain('演陂镇'); // county scope: which township
    expect(rows[0]!.textContent).toContain('陈兰伟');
    expect(rows[0]!.textContent).toContain('72 天');
    expect(rows[0]!.textContent).toContain('无信息');
    // Visits against the rule: no visit and none expected is 0/3, not a complete-looking 0/0.
    const visits = rows.map((r) => r.querySelectorAll('.cov-num')[0]!);
    expect(visits.map((v) => v.textContent)).toEqual(['0/3', '1/3', '2/3']);
    expect(visits[0]!.getAttribute('title')).toBe('本季度已走访 0 次，需走访 3 次；按该民警近半年走访节奏，季度末预计 0 次');
    expect(screen.getByRole('heading', { name: /走访覆盖/ }).textContent).toContain('每村需走访 3 次');
    expect(rows[2]!.textContent).toContain('未确定'); // no officer
    expect(rows[2]!.textContent).toContain('从未');
    expect(screen.getByText(/剩余 33 天/)).toBeTruthy();
  });

  it('a village row selects the village: township and village go to the URL', async () => {
    mockApi({ '/api/config': noConfig, '/api/coverage': () => answer });
    renderApp(<CoveragePanel />, '/?m=coverage');
    const row = (await screen.findByTestId('coverage-villages')).querySelector<HTMLButtonElement>('[data-code="430421110200"]')!;
    fireEvent.click(row);
    expect(window.location.search).toBe('?v=430421110200&m=coverage');
    // The scope is now the village's township: the list reloads for it and marks the village.
    await waitFor(() => expect(screen.getByTestId('coverage-villages').querySelector('[aria-current="true"]')?.getAttribute('data-code')).toBe('430421110200'));
  });

  it('lists silent villages and the officers behind the villages at risk, each selectable', async () => {
    mockApi({ '/api/config': noConfig, '/api/coverage': () => answer });
    renderApp(<CoveragePanel />, '/');
    fireEvent.click(await screen.findByRole('tab', { name: /无信息 1/ }));
    const silent = within(screen.getByTestId('coverage-silent')).getAllByRole('button');
    expect(silent).toHaveLength(1);
    expect(silent[0]!.textContent).toMatch(/黄石村.*陈兰伟/);
    expect(screen.getByText(/连续 4 周既无网格上报也无民警走访/)).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: /民警 1/ }));
    const officers = screen.getByTestId('coverage-officers');
    expect(officers.textContent).toContain('有风险 0 · 未达标 1');
    fireEvent.click(within(officers).getByRole('button', { name: '黄石村' }));
    expect(window.location.search).toBe('?v=430421105200');
  });

  it('asks for the township in scope and the period of the view', async () => {
    const api = mockApi({ '/api/config': noConfig, '/api/coverage': () => coverageAnswer() });
    renderApp(<CoveragePanel />, '/?t=430421110&p=custom&from=2026-01-01&to=2026-03-31');
    expect((await screen.findByTestId('coverage-summary')).textContent).toBeTruthy();
    const q = api.calls.find((u) => u.pathname === '/api/coverage')!.searchParams;
    expect(Object.fromEntries(q)).toEqual({ from: '2026-01-01', to: '2026-03-31', township: '430421110' });
    expect(screen.getByText('本季度各村（社区）均已达标或可达标')).toBeTruthy();
  });

  it.each([
    ['the current quarter: 本季度 and the days left', '2026-12-02', '2026-10-01', '2026-12-31', 29, '本季度 2026年10月1日至12月31日 · 每村需走访 3 次 · 剩余 29 天'],
    ['a period ending in an earlier quarter: that quarter, ended', '2026-12-02', '2026-07-01', '2026-09-30', 0, '2026年7月1日至9月30日（该季度已结束） · 每村需走访 3 次'],
  ])('names its quarter: %s', async (_name, today, quarterStart, quarterEnd, daysLeft, text) => {
    mockApi({ '/api/config': () => ({ basemapUrl: null, today }), '/api/coverage': () => ({ ...answer, quarterStart, quarterEnd, daysLeft }) });
    renderApp(<CoveragePanel />, '/');
    await waitFor(() => expect(screen.getByTestId('coverage-quarter').textContent).toBe(text));
  });

  it('speaks English', async () => {
    mockApi({ '/api/config': noConfig, '/api/coverage': () => answer });
    renderApp(<CoveragePanel />, '/?lang=en');
    expect((await screen.findByTestId('coverage-summary')).textContent).toContain('Covered 221/491 (45.0%)');
    expect(screen.getByTestId('coverage-villages').querySelector('.cov-head')!.textContent).toContain('Visits/required');
    expect(screen.getByRole('heading', { name: /Visit coverage/ }).textContent).toContain('3 visits per village');
    expect(screen.getByRole('tab', { name: /No information 1/ })).toBeTruthy();
  });

  it('shows a refused request with its reason', async () => {
    mockApi({ '/api/config': noConfig, '/api/coverage': () => new Response(JSON.stringify({ error: { code: 'invalid_query', message: 'invalid query: to' } }), { status: 400 }) });
    renderApp(<CoveragePanel />, '/');
    expect((await screen.findByRole('alert')).textContent).toContain('invalid query: to');
  });

  it('without data during an outage shows a quiet placeholder, not an error (the page banner says why)', async () => {
    mockApi({
      '/api/config': noConfig,
      '/api/coverage': () => new Response(JSON.stringify({ error: { code: 'db_unavailable', message: 'database unavailable' } }), { status: 503 }),
    });
    renderApp(<CoveragePanel />, '/');
    expect((await screen.findByTestId('panel-waiting')).textContent).toBe('暂无数据，连接恢复后自动加载');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
