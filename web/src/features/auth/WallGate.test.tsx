import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrap } from '../../api/client.ts';
import { sessionFetch, setCsrfToken } from '../../api/session.ts';
import { takeDeviceToken } from './auth-context.ts';
import { json, session, stubApi, unauthenticated } from './test-api.ts';
import { user } from './test-users.ts';
import { WallGate } from './WallGate.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function Wall() {
  const feed = useQuery({ queryKey: ['feed'], queryFn: () => sessionFetch('/api/feed').then((r) => unwrap<{ n: number }>(r)), retry: false });
  return <div data-testid="wall">{feed.data ? `feed ${feed.data.n}` : feed.isError ? 'error' : 'loading'}</div>;
}

/** As main.tsx does it: the token leaves the address before the first render. */
function renderWall(url: string) {
  window.history.replaceState(null, '', url);
  const token = takeDeviceToken();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <WallGate deviceToken={token}>
        <Wall />
      </WallGate>
    </QueryClientProvider>,
  );
  return { token, client };
}

const deviceRefused = () => json(401, { error: { code: 'invalid_device_token', message: 'revoked' } });

describe('wall device sign-in', () => {
  it('posts the token from ?device=, takes it out of the address, and shows the wall', async () => {
    const calls = stubApi({
      'POST /api/auth/device': () => session(user('wall')),
      'GET /api/feed': () => ({ n: 40 }),
    });
    const { token } = renderWall('/wall?device=tok-abcdef123456&refresh=30');
    expect(token).toBe('tok-abcdef123456');
    expect(window.location.pathname + window.location.search).toBe('/wall?refresh=30');
    await waitFor(() => expect(screen.getByTestId('wall').textContent).toBe('feed 40'));
    expect(calls.find((c) => c.path === '/api/auth/device')!.body).toEqual({ token: 'tok-abcdef123456' });
    expect(calls.some((c) => c.path === '/api/auth/me')).toBe(false);
  });

  it('shows the full-screen notice, not a form, for a revoked token', async () => {
    stubApi({ 'POST /api/auth/device': deviceRefused });
    renderWall('/wall?device=tok-revoked-0000');
    expect((await screen.findByTestId('device-notice')).textContent).toContain('设备未登录或已被撤销');
    expect(screen.queryByTestId('signin-form')).toBeNull();
    expect(window.location.search).toBe('');
  });

  it('shows the notice when a wall opened without a token has no session', async () => {
    stubApi({ 'GET /api/auth/me': unauthenticated });
    renderWall('/wall');
    expect(await screen.findByTestId('device-notice')).toBeTruthy();
    // someone at the screen may still sign in with an account
    fireEvent.click(screen.getByTestId('device-notice-signin'));
    expect(await screen.findByTestId('signin-form')).toBeTruthy();
  });

  it('signs itself back in when its session is dropped, and gives up with the notice once revoked', async () => {
    let revoked = false;
    let feedDown = false;
    const calls = stubApi({
      'POST /api/auth/device': () => (revoked ? deviceRefused() : session(user('wall'))),
      'GET /api/feed': () => (feedDown ? unauthenticated() : { n: 40 }),
    });
    const { client } = renderWall('/wall?device=tok-abcdef123456');
    await waitFor(() => expect(screen.getByTestId('wall').textContent).toBe('feed 40'));
    // the server restarted and forgot the session: the screen signs in again by itself
    feedDown = true;
    void client.refetchQueries({ queryKey: ['feed'] });
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/auth/device')).toHaveLength(2));
    expect(screen.queryByTestId('device-notice')).toBeNull();
    // now the device is revoked: the next 401 ends on the notice
    revoked = true;
    void client.refetchQueries({ queryKey: ['feed'] });
    expect(await screen.findByTestId('device-notice')).toBeTruthy();
  });

  it('keeps trying while the server cannot be reached at start (no retry button on an unattended screen)', async () => {
    let attempts = 0;
    stubApi({
      'POST /api/auth/device': () => (++attempts === 1 ? json(503, { error: { code: 'db_unavailable', message: 'down' } }) : session(user('wall'))),
      'GET /api/feed': () => ({ n: 40 }),
    });
    renderWall('/wall?device=tok-abcdef123456');
    await waitFor(() => expect(screen.getByTestId('wall').textContent).toBe('feed 40'), { timeout: 5000 });
    expect(attempts).toBe(2);
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });
});
