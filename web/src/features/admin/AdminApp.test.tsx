import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/session.ts';
import { AuthContext } from '../auth/auth-context.ts';
import { type Call, json, stubApi } from '../auth/test-api.ts';
import { user } from '../auth/test-users.ts';
import { AdminApp } from './AdminApp.tsx';
import type { AdminUser, AuditEntry, Device } from './admin-api.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const admin = user('admin');
const adminUser = (patch: Partial<AdminUser> & Pick<AdminUser, 'id' | 'username' | 'role'>): AdminUser => ({
  displayName: patch.username,
  townshipCode: null,
  townshipName: null,
  villageCodes: null,
  officerId: null,
  disabled: false,
  createdAt: '2026-11-01T08:00:00+08:00',
  lastLoginAt: null,
  ...patch,
});
const USERS = [
  adminUser({ id: 6, username: 'demo-admin', role: 'admin', lastLoginAt: '2026-11-28T09:30:00+08:00' }),
  adminUser({ id: 3, username: 'demo-township', role: 'township', townshipCode: '430421110', townshipName: '界牌镇' }),
  adminUser({ id: 5, username: 'demo-wall', role: 'wall', displayName: '综治中心大屏' }),
];
const townships = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { code: '430421110', name: '界牌镇' } }] };
const entry = (id: number): AuditEntry => ({
  id: String(id),
  at: '2026-11-28T09:30:00+08:00',
  actor: 'demo-admin',
  role: 'admin',
  action: 'auth.login',
  target: null,
  detail: {},
  ip: '127.0.0.1',
});

function renderAdmin(url: string, routes: Record<string, (c: Call) => unknown>) {
  window.history.replaceState(null, '', url);
  setCsrfToken('csrf-admin');
  const calls = stubApi({ 'GET /api/admin/users': () => ({ users: USERS }), 'GET /api/townships': () => townships, ...routes });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AuthContext.Provider value={{ user: admin, signOut: async () => {} }}>
        <AdminApp />
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
  return calls;
}

describe('AdminApp', () => {
  it('lists the users and creates a township account with the CSRF token', async () => {
    const calls = renderAdmin('/admin', { 'POST /api/admin/users': (c) => json(201, { user: adminUser({ id: 9, ...(c.body as { username: string; role: 'township' }) }) }) });
    const table = await screen.findByTestId('users-table');
    await waitFor(() => expect(within(table).getByTestId('user-demo-township').textContent).toContain('界牌镇'));
    expect(within(table).getByTestId('user-demo-township').textContent).toContain('乡镇用户');
    // the admin cannot disable their own account
    expect((within(screen.getByTestId('user-demo-admin')).getByTestId('user-toggle') as HTMLButtonElement).disabled).toBe(true);

    const form = screen.getByTestId('add-user-form');
    fireEvent.change(within(form).getByTestId('new-username'), { target: { value: 'chief-jiepai' } });
    fireEvent.change(within(form).getByTestId('new-display-name'), { target: { value: '界牌镇 镇长' } });
    fireEvent.change(within(form).getByTestId('new-password'), { target: { value: 'jiepai-2026!' } });
    fireEvent.change(within(form).getByTestId('new-role'), { target: { value: 'township' } });
    await within(form).findByRole('option', { name: '界牌镇' });
    fireEvent.change(within(form).getByTestId('new-township'), { target: { value: '430421110' } });
    fireEvent.click(within(form).getByTestId('new-user-submit'));
    await within(form).findByText('已创建用户 chief-jiepai。');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/admin/users')!;
    expect(post.body).toEqual({ username: 'chief-jiepai', displayName: '界牌镇 镇长', password: 'jiepai-2026!', role: 'township', townshipCode: '430421110' });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-admin');
  });

  it('disables a user through PATCH', async () => {
    const calls = renderAdmin('/admin', { 'PATCH /api/admin/users/3': () => ({ user: { ...USERS[1], disabled: true } }) });
    fireEvent.click(within(await screen.findByTestId('user-demo-township')).getByTestId('user-toggle'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ disabled: true }));
  });

  it('creates a device token and shows it once, with the ready-made wall address', async () => {
    const device: Device = { id: 2, name: '一号大屏', userId: 5, username: 'demo-wall', createdAt: '2026-11-28T09:00:00+08:00', lastUsedAt: null, revokedAt: null };
    const calls = renderAdmin('/admin?tab=devices', {
      'GET /api/admin/devices': () => ({ devices: [] }),
      'POST /api/admin/devices': () => json(201, { device, token: 'dev_abc123XYZ' }),
    });
    fireEvent.change(await screen.findByTestId('new-device-name'), { target: { value: '一号大屏' } });
    fireEvent.click(screen.getByTestId('new-device-submit'));
    expect(((await screen.findByTestId('device-token-value')) as HTMLTextAreaElement).value).toBe('dev_abc123XYZ');
    expect((screen.getByTestId('device-wall-url') as HTMLTextAreaElement).value).toBe(`${window.location.origin}/wall?device=dev_abc123XYZ`);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: '一号大屏', userId: 5 });
  });

  it('pages the audit log with `before` the oldest id shown', async () => {
    const calls = renderAdmin('/admin?tab=audit', {
      'GET /api/admin/audit': (c) => ({ entries: c.url.searchParams.get('before') ? [entry(3)] : Array.from({ length: 50 }, (_, i) => entry(200 - i)) }),
    });
    await waitFor(() => expect(screen.getByTestId('audit-table').querySelectorAll('tbody tr')).toHaveLength(50));
    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(screen.getByTestId('audit-table').querySelectorAll('tbody tr')).toHaveLength(51));
    expect(calls.filter((c) => c.path === '/api/admin/audit').map((c) => c.url.search)).toEqual(['?limit=50', '?limit=50&before=151']);
    expect(screen.getByText('已显示全部记录')).toBeTruthy();
  });
});
