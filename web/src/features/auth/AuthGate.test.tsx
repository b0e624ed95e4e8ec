import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrap } from '../../api/client.ts';
import { sessionFetch, setCsrfToken } from '../../api/session.ts';
import { AuthGate } from './AuthGate.tsx';
import { useAuth } from './auth-context.ts';
import { json, session, stubApi, unauthenticated } from './test-api.ts';
import { user } from './test-users.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/** A page behind the gate: one query of its own, and the account's sign-out. */
function Page() {
  const data = useQuery({ queryKey: ['townships'], queryFn: () => sessionFetch('/api/townships').then((r) => unwrap<{ n: number }>(r)), retry: false });
  const auth = useAuth();
  return (
    <div data-testid="page">
      <span data-testid="who">{auth?.user.username}</span>
      <span data-testid="data">{data.isError ? 'error' : data.data ? `n=${data.data.n}` : 'loading'}</span>
      <button type="button" onClick={() => void auth?.signOut()}>
        logout
      </button>
    </div>
  );
}

function renderGate(url: string) {
  window.history.replaceState(null, '', url);
  const navigate = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AuthGate navigate={navigate}>
        <Page />
      </AuthGate>
    </QueryClientProvider>,
  );
  return { navigate, client };
}

async function signInThroughForm(username: string, password: string) {
  fireEvent.change(await screen.findByTestId('signin-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('signin-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('signin-submit'));
}

describe('AuthGate', () => {
  it('shows the sign-in page on 401, and after sign-in the page asked for, with its view intact', async () => {
    const calls = stubApi({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': () => session(user('county')),
      'GET /api/townships': () => ({ n: 25 }),
    });
    renderGate('/?m=coverage&p=thisQuarter');
    expect(await screen.findByTestId('signin-page')).toBeTruthy();
    expect(screen.queryByTestId('page')).toBeNull();
    await signInThroughForm('demo-county', 'hengyang-demo');
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('n=25'));
    expect(screen.getByTestId('who').textContent).toBe('demo-county');
    expect(window.location.search).toBe('?m=coverage&p=thisQuarter');
    expect(calls.find((c) => c.path === '/api/auth/login')!.body).toEqual({ username: 'demo-county', password: 'hengyang-demo' });
  });

  it('says what went wrong: wrong password, then too many attempts with the wait', async () => {
    let attempts = 0;
    stubApi({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': () =>
        ++attempts === 1
          ? json(401, { error: { code: 'invalid_credentials', message: 'wrong' } })
          : json(429, { error: { code: 'too_many_attempts', message: 'wait', retryAfterSeconds: 840 } }, { 'Retry-After': '840' }),
    });
    renderGate('/');
    await signInThroughForm('demo-county', 'wrong-password');
    await waitFor(() => expect(screen.getByTestId('signin-error').textContent).toBe('用户名或密码错误。'));
    fireEvent.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(screen.getByTestId('signin-error').textContent).toBe('登录失败次数过多，请在 14 分 0 秒 后重试。'));
    expect((screen.getByTestId('signin-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('goes back to sign-in when a query gets a 401 (session expired), keeping the address', async () => {
    let expired = false;
    stubApi({
      'GET /api/auth/me': () => session(user('county')),
      'POST /api/auth/login': () => session(user('county'), 'csrf-2'),
      'GET /api/townships': () => (expired ? unauthenticated() : { n: 25 }),
    });
    const { client } = renderGate('/?t=430421111');
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('n=25'));
    expired = true;
    void client.refetchQueries({ queryKey: ['townships'] });
    expect((await screen.findByTestId('signin-notice')).textContent).toContain('登录已过期');
    expect(window.location.search).toBe('?t=430421111');
    expired = false;
    await signInThroughForm('demo-county', 'hengyang-demo');
    await waitFor(() => expect(screen.getByTestId('data').textContent).toBe('n=25'));
  });

  it('lands a township account on its township', async () => {
    stubApi({ 'GET /api/auth/me': () => session(user('township')), 'GET /api/townships': () => ({ n: 1 }) });
    renderGate('/?m=coverage');
    await screen.findByTestId('page');
    expect(window.location.search).toBe('?t=430421110&m=coverage');
  });

  it('sends a wall account to /wall, and refuses /admin to a county account', async () => {
    stubApi({ 'GET /api/auth/me': () => session(user('wall')) });
    const { navigate } = renderGate('/?t=430421110');
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/wall'));
    cleanup();
    stubApi({ 'GET /api/auth/me': () => session(user('county')) });
    renderGate('/admin');
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.queryByTestId('page')).toBeNull();
  });

  it('signs out with the CSRF token and lands on the sign-in page with a plain address', async () => {
    const calls = stubApi({
      'GET /api/auth/me': () => session(user('county'), 'csrf-9'),
      'POST /api/auth/logout': () => ({ ok: true }),
      'GET /api/townships': () => ({ n: 25 }),
    });
    renderGate('/?t=430421111&lang=en');
    await screen.findByTestId('page');
    fireEvent.click(screen.getByText('logout'));
    expect((await screen.findByTestId('signin-notice')).textContent).toBe('You have signed out.');
    const logout = calls.find((c) => c.path === '/api/auth/logout')!;
    expect(logout.headers.get('X-CSRF-Token')).toBe('csrf-9');
    expect(window.location.search).toBe('?lang=en');
  });

  it('shows an outage as an error with a retry, not as a sign-in form', async () => {
    stubApi({ 'GET /api/auth/me': () => json(503, { error: { code: 'db_unavailable', message: 'the database is unavailable' } }) });
    renderGate('/');
    expect((await screen.findByRole('alert')).textContent).toContain('服务器或数据库暂不可用');
    expect(screen.queryByTestId('signin-page')).toBeNull();
  });
});
