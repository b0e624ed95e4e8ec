import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { CampaignPanel } from './CampaignPanel.tsx';
import { ENDED } from './test-effect.ts';

const square = (code: string, name: string, x: number) => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 26],
        [x + 0.1, 26],
        [x + 0.1, 26.1],
        [x, 26.1],
        [x, 26],
      ],
    ],
  },
  properties: { code, name },
});
const townships = { type: 'FeatureCollection', features: ENDED.townships.map((t, i) => square(t.code, t.name, 112 + i * 0.1)) };

function api(effect: () => unknown = () => ENDED) {
  return mockApi({
    '/api/config': () => ({ basemapUrl: null, today: '2026-12-02' }),
    '/api/campaigns': () => ({ campaigns: [ENDED.campaign] }),
    '/api/campaigns/qingyuan/effect': effect,
    '/api/townships': () => townships,
  });
}

describe('CampaignPanel', () => {
  it('shows the campaign, its chart, the change by township and the sentences', async () => {
    const { calls } = api();
    renderApp(<CampaignPanel />, '/?cp=qingyuan');
    expect((await screen.findByTestId('campaign-panel')).textContent).toContain('专项行动成效 · 清源断流');
    await waitFor(() => expect(screen.getByTestId('campaign-sentences').querySelectorAll('li')).toHaveLength(4));
    expect(screen.getByTestId('campaign-chart').querySelectorAll('rect[data-phase]')).toHaveLength(ENDED.weeks.length);
    const classes = [...screen.getByTestId('campaign-map').querySelectorAll('path')].map((p) => [p.getAttribute('data-code'), p.getAttribute('data-class')]);
    expect(classes).toEqual([
      ['430421110', '0'],
      ['430421100', '3'],
      ['430421120', 'small'],
    ]);
    expect(screen.getByTestId('campaign-map-key').textContent).toBe('降30%以上升10%–30%案件少，未比较');
    // The effect is the campaign's own windows: no period is sent.
    expect(calls.find((u) => u.pathname.endsWith('/effect'))!.search).toBe('');
  });

  it('asks for the township part when the view is in a township', async () => {
    const { calls } = api();
    renderApp(<CampaignPanel />, '/?cp=qingyuan&t=430421110');
    await screen.findByTestId('campaign-sentences');
    expect(calls.find((u) => u.pathname.endsWith('/effect'))!.search).toBe('?township=430421110');
  });

  it('a campaign not a whole day old says so', async () => {
    api(() => new Response(JSON.stringify({ error: { code: 'campaign_not_started', message: 'not started' } }), { status: 422 }));
    renderApp(<CampaignPanel />, '/?cp=qingyuan');
    expect((await screen.findByTestId('campaign-not-started')).textContent).toBe('行动尚未满一天，暂无成效数据');
  });

  it('a code this account does not see: all cases, and says so', async () => {
    api();
    renderApp(<CampaignPanel />, '/?cp=leiting');
    expect((await screen.findByTestId('campaign-unknown')).textContent).toContain('已显示全部案件');
  });

  it('no campaign chosen: nothing', () => {
    api();
    const { container } = renderApp(<CampaignPanel />, '/');
    expect(container.textContent).toBe('');
  });
});
