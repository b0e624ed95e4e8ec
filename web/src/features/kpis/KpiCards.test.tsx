import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { summary, totals } from '../../test/fixtures.ts';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { KpiCards } from './KpiCards.tsx';

const noConfig = () => new Response('{}', { status: 404 });

describe('KpiCards', () => {
  it('shows the five headlines with their change against the previous period, toned good/bad', async () => {
    mockApi({
      '/api/config': noConfig,
      '/api/stats/summary': () =>
        summary(
          totals({ disputes: 5632, success: 0.95, open: 317, overdue: 13, coverage: 0.45 }),
          totals({ disputes: 5752, success: 0.93, open: 284, overdue: 18, coverage: 0.45 }),
        ),
    });
    renderApp(<KpiCards />, '/');
    const disputes = await screen.findByTestId('kpi-disputes');
    expect(disputes.textContent).toContain('5,632');
    expect(disputes.querySelector('.kpi-delta')!.className).toContain('tone-good'); // fewer disputes
    expect(disputes.textContent).toContain('−120');
    const success = screen.getByTestId('kpi-successRate');
    expect(success.textContent).toContain('95.0%');
    expect(success.textContent).toContain('+2.0个百分点');
    expect(screen.getByTestId('kpi-hazardsOpen').querySelector('.kpi-delta')!.className).toContain('tone-bad'); // more open hazards
    expect(screen.getByTestId('kpi-coverage').textContent).toContain('221/491');
    expect(screen.getByTestId('kpi-coverage').querySelector('.kpi-delta')!.className).toContain('tone-flat');
    // Coverage counts its quarter to date: its change is against the same point of last quarter.
    expect(screen.getByTestId('kpi-coverage').querySelector('.kpi-delta')!.textContent).toContain('较上季度同期');
    expect(screen.getByTestId('kpi-disputes').querySelector('.kpi-delta')!.textContent).toContain('较上期');
  });

  it('asks for the township in scope and the period of the view', async () => {
    const api = mockApi({ '/api/config': noConfig, '/api/stats/summary': () => summary(totals(), totals(), '430421110') });
    renderApp(<KpiCards />, '/?t=430421110&p=custom&from=2026-01-01&to=2026-03-31');
    await screen.findByTestId('kpi-disputes');
    const q = api.calls.find((u) => u.pathname === '/api/stats/summary')!.searchParams;
    expect(Object.fromEntries(q)).toEqual({ from: '2026-01-01', to: '2026-03-31', township: '430421110' });
  });

  it('formats for English', async () => {
    mockApi({ '/api/config': noConfig, '/api/stats/summary': () => summary(totals({ success: 0.95 }), totals({ success: 0.97 })) });
    renderApp(<KpiCards />, '/?lang=en');
    const success = await screen.findByTestId('kpi-successRate');
    expect(success.textContent).toContain('Mediation success');
    expect(success.textContent).toContain('−2.0 pp');
    expect(screen.getByText(/Previous period: 29 Nov 2024 – 28 Nov 2025/)).toBeTruthy();
  });

  it('says a running week is partial and as of when, and compares it with the same days of last week', async () => {
    const running = {
      ...summary(totals({ disputes: 30 }), totals({ disputes: 40 })),
      period: { from: '2026-11-30', to: '2026-12-06', asOf: '2026-12-02T05:00:00.000Z', days: 7, partial: true, unit: 'week' as const, until: '2026-12-06T16:00:00.000Z' },
      previousPeriod: { from: '2026-11-23', to: '2026-11-25', asOf: '2026-11-25T05:00:00.000Z', days: 3, partial: false, unit: 'days' as const, until: '2026-11-25T05:00:00.000Z' },
    };
    mockApi({ '/api/config': noConfig, '/api/stats/summary': () => running });
    renderApp(<KpiCards />, '/');
    await screen.findByTestId('kpi-disputes');
    expect(screen.getByTestId('kpi-comparison').textContent).toBe('截至 12月2日 13:00（本周未完） · 对比上周同期：2026年11月23日至11月25日 13:00');
    expect(screen.getByTestId('kpi-disputes').querySelector('.kpi-delta')!.className).toContain('tone-good'); // fewer disputes than the same days
  });

  it('asks the API for the filtered totals and says they are filtered', async () => {
    const { calls } = mockApi({ '/api/config': noConfig, '/api/stats/summary': () => summary(totals(), totals()) });
    renderApp(<KpiCards />, '/?cat=宅基地');
    await screen.findByTestId('kpi-disputes');
    const asked = calls.find((u) => u.pathname === '/api/stats/summary')!;
    expect(asked.searchParams.get('category')).toBe('宅基地');
    expect(screen.getByText(/按当前筛选/)).toBeTruthy();
  });

  it('shows a loading state, then an error with its message', async () => {
    mockApi({
      '/api/config': noConfig,
      '/api/stats/summary': () => new Response(JSON.stringify({ error: { code: 'validation', message: 'invalid query: from' } }), { status: 400 }),
    });
    renderApp(<KpiCards />, '/');
    expect(screen.getAllByRole('status').length).toBeGreaterThan(0);
    expect((await screen.findByRole('alert')).textContent).toContain('invalid query: from');
  });
});
