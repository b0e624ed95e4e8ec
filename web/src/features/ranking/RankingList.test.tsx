import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ranking } from '../../test/fixtures.ts';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { RankingList } from './RankingList.tsx';

const noConfig = () => new Response('{}', { status: 404 });

describe('RankingList', () => {
  it('ranks townships at county scope, flags low counts, and selecting a row drills down', async () => {
    const api = mockApi({
      '/api/config': noConfig,
      '/api/stats/ranking': () =>
        ranking('township', [
          { code: '430421110', name: '界牌镇', value: 7.3, rawValue: 7.6 },
          { code: '430421212', name: '樟树乡', value: 6.1, lowCount: true, count: 3 },
        ]),
    });
    renderApp(<RankingList />, '/');
    const rows = await screen.findAllByRole('button', { name: /镇|乡/ });
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('界牌镇'), expect.stringContaining('樟树乡')]);
    expect(within(rows[1]!).getByText('样本少')).toBeTruthy();
    expect(within(rows[0]!).queryByText('样本少')).toBeNull();
    // The query asks for townships, worst first, by the map's metric.
    const q = api.calls.find((u) => u.pathname === '/api/stats/ranking')!.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ metric: 'disputeRate', level: 'township', order: 'desc' });
    expect(q.has('township')).toBe(false);
    // The county ranks townships: its note speaks of townships, not villages.
    const note = screen.getByTestId('ranking-note').textContent!;
    expect(note).toContain('人口少的乡镇');
    expect(note).not.toContain('村');

    fireEvent.click(rows[0]!);
    expect(window.location.search).toBe('?t=430421110');
    await waitFor(() => expect(api.calls.some((u) => u.searchParams.get('level') === 'village' && u.searchParams.get('township') === '430421110')).toBe(true));
  });

  it("ranks a township's villages and marks the village selected on the map", async () => {
    mockApi({
      '/api/config': noConfig,
      '/api/stats/ranking': () =>
        ranking('village', [
          { code: '430421110006', name: '大兴社区' },
          { code: '430421110200', name: '银溪村' },
        ]),
    });
    renderApp(<RankingList />, '/?v=430421110200');
    const selected = await screen.findByRole('button', { current: true });
    expect(selected.textContent).toContain('银溪村');
    expect(screen.getByTestId('ranking-note').textContent).toContain('小村');
    fireEvent.click(screen.getByRole('button', { name: /大兴社区/ }));
    expect(window.location.search).toBe('?v=430421110006');
  });

  it('ranks low-is-bad metrics best-last (ascending) and formats them as percentages', async () => {
    const api = mockApi({
      '/api/config': noConfig,
      '/api/stats/ranking': () => ({ ...ranking('township', [{ name: '界牌镇', value: 0.912 }]), metric: 'mediationSuccessRate', order: 'asc' }),
    });
    renderApp(<RankingList />, '/?m=mediationSuccessRate');
    expect((await screen.findByRole('button', { name: /界牌镇/ })).textContent).toContain('91.2%');
    const q = api.calls.find((u) => u.pathname === '/api/stats/ranking')!.searchParams;
    expect(q.get('order')).toBe('asc');
    expect(q.get('metric')).toBe('mediationSuccessRate');
  });

  it('shows a refused request with its reason, and retries', async () => {
    let fail = true;
    mockApi({
      '/api/config': noConfig,
      '/api/stats/ranking': () =>
        fail ? new Response(JSON.stringify({ error: { code: 'invalid_query', message: 'invalid query: metric' } }), { status: 400 }) : ranking('township', [{ name: '界牌镇' }]),
    });
    renderApp(<RankingList />, '/');
    expect((await screen.findByRole('alert')).textContent).toContain('invalid query: metric');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('button', { name: /界牌镇/ })).toBeTruthy();
  });

  it('keeps its rows when a refresh fails, marked as not updated, with no error in the panel', async () => {
    let down = false;
    mockApi({
      '/api/config': noConfig,
      '/api/stats/ranking': () => {
        // What fetch does when the server is gone.
        if (down) throw new TypeError('Failed to fetch');
        return ranking('township', [{ name: '界牌镇' }]);
      },
    });
    const { client } = renderApp(<RankingList />, '/');
    await screen.findByRole('button', { name: /界牌镇/ });
    expect(screen.queryByTestId('stale-mark')).toBeNull();
    down = true;
    await client.refetchQueries({ type: 'active' });
    const mark = await screen.findByTestId('stale-mark');
    expect(mark.textContent).toBe('数据未更新');
    expect(mark.title).toMatch(/^最近一次刷新失败，显示的是 .+ 加载的数据$/);
    expect(screen.getByRole('button', { name: /界牌镇/ })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body.textContent).not.toContain('Failed to fetch');
    // The next good answer takes the mark away.
    down = false;
    await client.refetchQueries({ type: 'active' });
    await waitFor(() => expect(screen.queryByTestId('stale-mark')).toBeNull());
  });
});
