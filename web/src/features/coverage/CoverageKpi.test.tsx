import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { summary, totals } from '../../test/fixtures.ts';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { KpiCards } from '../kpis/KpiCards.tsx';

const noConfig = () => new Response('{}', { status: 404 });
const withSilent = (silent: number, met = 221, villages = 491) => {
  const t = totals({ met, coverage: met / villages });
  return { ...t, coverage: { ...t.coverage, villages, silent } };
};

describe('coverage KPI', () => {
  it('county: rate, met/total and the silent villages', async () => {
    mockApi({ '/api/config': noConfig, '/api/stats/summary': () => summary(withSilent(15), withSilent(0)) });
    renderApp(<KpiCards />, '/');
    const kpi = await screen.findByTestId('kpi-coverage');
    expect(kpi.textContent).toContain('45.0%');
    expect(kpi.textContent).toContain('221/491 个村（社区）本季度走访 ≥3 次；15 个无信息');
  });

  it('township: its own rate; no silent note when none is silent', async () => {
    mockApi({ '/api/config': noConfig, '/api/stats/summary': () => summary(withSilent(0, 8, 16), withSilent(0, 8, 16), '430421110') });
    renderApp(<KpiCards />, '/?t=430421110');
    const kpi = await screen.findByTestId('kpi-coverage');
    expect(kpi.textContent).toContain('50.0%');
    expect(kpi.textContent).toContain('8/16');
    expect(kpi.textContent).not.toContain('无信息');
  });
});
