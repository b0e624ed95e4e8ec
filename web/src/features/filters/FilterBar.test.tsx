import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { FilterBar } from './FilterBar.tsx';

const serverToday = (today: string) => ({ '/api/config': () => ({ basemapUrl: null, today }) });

describe('FilterBar', () => {
  it("shows the dates of the preset, counted from the server's today", async () => {
    mockApi(serverToday('2026-11-28'));
    renderApp(<FilterBar />, '/');
    expect((await screen.findByTestId('period-dates')).textContent).toBe('2025年11月29日至2026年11月28日');
    fireEvent.click(screen.getByRole('radio', { name: '本季度' }));
    expect(window.location.search).toBe('?p=thisQuarter');
    expect(screen.getByTestId('period-dates').textContent).toBe('2026年10月1日至11月28日');
    fireEvent.click(screen.getByRole('radio', { name: '上周' }));
    expect(screen.getByTestId('period-dates').textContent).toBe('2026年11月16日至11月22日');
  });

  it('applies a custom range only when it is valid', async () => {
    mockApi(serverToday('2026-11-28'));
    renderApp(<FilterBar />, '/');
    await screen.findByTestId('period-dates');
    fireEvent.click(screen.getByRole('radio', { name: '自定义' }));
    const from = screen.getByLabelText('起') as HTMLInputElement;
    const to = screen.getByLabelText('止') as HTMLInputElement;
    expect(from.value).toBe('2025-11-29'); // starts from what was on screen
    fireEvent.change(from, { target: { value: '2026-03-01' } });
    fireEvent.change(to, { target: { value: '2026-02-01' } });
    const apply = screen.getByRole('button', { name: '应用' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.change(to, { target: { value: '2026-03-31' } });
    expect(apply.disabled).toBe(false);
    fireEvent.click(apply);
    expect(window.location.search).toBe('?p=custom&from=2026-03-01&to=2026-03-31');
  });

  it('refuses a custom period that has not started, and a link to one shows the dates in force', async () => {
    mockApi(serverToday('2026-11-28'));
    renderApp(<FilterBar />, '/?p=custom&from=2026-12-03&to=2026-12-09');
    const from = (await screen.findByLabelText('起')) as HTMLInputElement;
    const to = screen.getByLabelText('止') as HTMLInputElement;
    // The link's dates have no figures: what is on screen is the last 12 months, and the picker says so.
    await screen.findByDisplayValue('2025-11-29');
    expect([from.value, to.value]).toEqual(['2025-11-29', '2026-11-28']);
    expect(from.max).toBe('2026-11-28');
    expect(screen.getByTestId('period-not-started').textContent).toBe('链接中的时段（2026年12月3日起）尚未开始，显示近12个月');
    fireEvent.change(from, { target: { value: '2026-11-29' } });
    fireEvent.change(to, { target: { value: '2026-12-05' } });
    expect((screen.getByRole('button', { name: '应用' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('period-not-started').textContent).toBe('起始日晚于今天：该时段尚未开始');
  });

  it('chooses categories and statuses into the URL, and clears them', async () => {
    mockApi(serverToday('2026-11-28'));
    renderApp(<FilterBar />, '/');
    fireEvent.click(screen.getByTestId('filter-category'));
    const popover = screen.getByRole('group', { name: '类别' });
    fireEvent.click(within(popover).getByLabelText('宅基地'));
    fireEvent.click(within(popover).getByLabelText('消防'));
    expect(new URLSearchParams(window.location.search).get('cat')).toBe('宅基地,消防'.split(',').sort().join(','));
    expect(screen.getByTestId('filter-category').textContent).toContain('宅基地、消防');
    fireEvent.click(within(popover).getByRole('button', { name: '清除' }));
    expect(window.location.search).toBe('');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: '类别' })).toBeNull();

    fireEvent.click(screen.getByTestId('filter-status'));
    fireEvent.click(screen.getByLabelText('调处中'));
    expect(new URLSearchParams(window.location.search).get('st')).toBe('调处中');
  });

  it('offers 其他 once though both vocabularies have it', () => {
    mockApi(serverToday('2026-11-28'));
    renderApp(<FilterBar />, '/');
    fireEvent.click(screen.getByTestId('filter-category'));
    expect(screen.getAllByLabelText('其他')).toHaveLength(1);
  });

  it('offers the campaigns this account sees, running first, and keeps the choice in the URL', async () => {
    const campaign = (code: string, name: string, status: 'running' | 'ended') => ({
      code,
      name,
      description: '',
      startDate: '2026-09-01',
      endDate: '2026-11-30',
      disputeCategories: [],
      hazardCategories: ['涉毒'],
      townships: null,
      leadDepartment: '',
      autoTag: true,
      status,
    });
    mockApi({ ...serverToday('2026-11-28'), '/api/campaigns': () => ({ campaigns: [campaign('qingyuan', '清源断流', 'ended'), campaign('jingwang', '净网', 'running')] }) });
    renderApp(<FilterBar />, '/');
    const select = (await screen.findByTestId('filter-campaign')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['全部案件', '净网（进行中）', '清源断流（已结束）']);
    fireEvent.change(select, { target: { value: 'qingyuan' } });
    // A hazards-only campaign over the default dispute map: the map and the category chart turn to hazards.
    expect(window.location.search).toBe('?m=hazardsOpen&e=hazard&cp=qingyuan');
    fireEvent.change(select, { target: { value: '' } });
    expect(window.location.search).toBe('?m=hazardsOpen&e=hazard');
  });

  it('a link pairing a hazards-only campaign with a dispute map turns the map to hazards once the campaign is known', async () => {
    const jingwang = {
      code: 'jingwang',
      name: '净网',
      description: '',
      startDate: '2026-09-01',
      endDate: '2026-12-31',
      disputeCategories: [],
      hazardCategories: ['电信诈骗'],
      townships: null,
      leadDepartment: '',
      autoTag: true,
      status: 'running',
    };
    mockApi({ ...serverToday('2026-11-28'), '/api/campaigns': () => ({ campaigns: [jingwang] }) });
    const before = window.history.length;
    renderApp(<FilterBar />, '/?m=mediationSuccessRate&cp=jingwang');
    await screen.findByTestId('filter-campaign');
    await waitFor(() => expect(window.location.search).toBe('?m=hazardsOpen&e=hazard&cp=jingwang'));
    // Replaced, not pushed: Back leaves the page rather than returning to the empty dispute map.
    expect(window.history.length).toBe(before);
  });

  it('offers no campaign control while there is no campaign to choose', async () => {
    mockApi({ ...serverToday('2026-11-28'), '/api/campaigns': () => ({ campaigns: [] }) });
    renderApp(<FilterBar />, '/');
    await screen.findByTestId('period-dates');
    expect(screen.queryByTestId('filter-campaign')).toBeNull();
  });
});
