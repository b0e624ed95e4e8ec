import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/session.ts';
import { AuthContext } from '../auth/auth-context.ts';
import { type Call, json, stubApi } from '../auth/test-api.ts';
import { user } from '../auth/test-users.ts';
import { AdminApp } from './AdminApp.tsx';
import type { Campaign } from './admin-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setCsrfToken(null);
});

const LEITING: Campaign = {
  code: 'leiting',
  name: '雷霆',
  description: '',
  startDate: '2026-09-01',
  endDate: '2026-11-30',
  disputeCategories: [],
  hazardCategories: ['治安'],
  townships: ['430421110'],
  leadDepartment: '县公安局',
  autoTag: true,
  status: 'running',
};
const townships = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { code: '430421110', name: '界牌镇' } }] };

function renderTab(routes: Record<string, (c: Call) => unknown>) {
  window.history.replaceState(null, '', '/admin?tab=campaigns');
  setCsrfToken('csrf-admin');
  const calls = stubApi({ 'GET /api/campaigns': () => ({ campaigns: [LEITING] }), 'GET /api/townships': () => townships, ...routes });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AuthContext.Provider value={{ user: user('admin'), signOut: async () => {} }}>
        <AdminApp />
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
  return calls;
}

describe('the campaigns tab', () => {
  it('lists the campaigns with their scope by name, and creates one with the CSRF token', async () => {
    const calls = renderTab({ 'POST /api/admin/campaigns': (c) => json(201, { campaign: { ...(c.body as Campaign), status: 'planned' } }) });
    const row = await screen.findByText('雷霆');
    await waitFor(() => expect(row.closest('tr')!.textContent).toContain('界牌镇'));
    expect(row.closest('tr')!.textContent).toContain('进行中');

    const form = screen.getByTestId('campaign-form');
    fireEvent.change(within(form).getByTestId('campaign-code'), { target: { value: 'jingwang' } });
    fireEvent.change(within(form).getByTestId('campaign-name'), { target: { value: '净网' } });
    fireEvent.change(within(form).getByTestId('campaign-start'), { target: { value: '2026-12-01' } });
    fireEvent.change(within(form).getByTestId('campaign-end'), { target: { value: '2027-02-28' } });
    // Nothing targeted yet: told before any request.
    fireEvent.click(within(form).getByTestId('campaign-submit'));
    expect(await within(form).findByText('至少选择一个纠纷或隐患类别')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(within(form).getByTestId('campaign-hazard-categories')).getByLabelText('电信诈骗'));
    fireEvent.click(within(form).getByTestId('campaign-submit'));
    await screen.findByText('已创建“净网”。');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      code: 'jingwang',
      name: '净网',
      description: '',
      startDate: '2026-12-01',
      endDate: '2027-02-28',
      disputeCategories: [],
      hazardCategories: ['电信诈骗'],
      townships: null,
      leadDepartment: '',
      autoTag: false,
    });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-admin');
  });

  it('an edit sends only the changed fields', async () => {
    const calls = renderTab({ 'PATCH /api/admin/campaigns/leiting': (c) => ({ campaign: { ...LEITING, ...(c.body as object) } }) });
    fireEvent.click(await screen.findByTestId('campaign-edit-leiting'));
    const form = screen.getByTestId('campaign-form');
    expect(within(form).queryByTestId('campaign-code')).toBeNull();
    fireEvent.change(within(form).getByTestId('campaign-end'), { target: { value: '2026-12-31' } });
    fireEvent.click(within(form).getByTestId('campaign-submit'));
    await screen.findByText('已保存“雷霆”。');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ endDate: '2026-12-31' });
  });

  it('a campaign with tagged cases is not deleted unless the admin agrees to remove its tags, and says why', async () => {
    // Yes to the delete, no to removing the 12 tags.
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(true).mockReturnValueOnce(false);
    const calls = renderTab({ 'DELETE /api/admin/campaigns/leiting': () => json(409, { error: { code: 'campaign_in_use', message: 'in use', tagged: 12 } }) });
    fireEvent.click(await screen.findByTestId('campaign-delete-leiting'));
    expect((await screen.findByTestId('campaign-delete-error')).textContent).toBe('已有案件标记为该行动，不能删除（可修改结束日期）。');
    expect(confirm).toHaveBeenLastCalledWith('12 件案件标记为“雷霆”。同时去掉这些标记并删除该行动？此操作记入审计日志。');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url.search)).toEqual(['']);
  });

  it('agreeing to remove the tags deletes the campaign with untag=true', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const calls = renderTab({
      'DELETE /api/admin/campaigns/leiting': (c) =>
        c.url.searchParams.get('untag') === 'true' ? new Response(null, { status: 204 }) : json(409, { error: { code: 'campaign_in_use', message: 'in use', tagged: 12 } }),
    });
    fireEvent.click(await screen.findByTestId('campaign-delete-leiting'));
    await screen.findByText('已删除“雷霆”。');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url.search)).toEqual(['', '?untag=true']);
  });
});
