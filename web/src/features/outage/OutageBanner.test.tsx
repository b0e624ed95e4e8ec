import { useQuery } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrap } from '../../api/client.ts';
import { sessionFetch } from '../../api/session.ts';
import { mockApi, renderApp } from '../../test/harness.tsx';
import { bannerLines, OutageBanner } from './OutageBanner.tsx';
import { OutageProvider } from './OutageProvider.tsx';
import type { Outage } from './outage-kind.ts';

/** A panel's query, reduced to what the banner watches. */
function Probe({ path }: { path: string }) {
  const q = useQuery({ queryKey: ['probe', path], queryFn: async () => unwrap<{ n: number }>(await sessionFetch(path)) });
  return <span data-testid={`probe${path}`}>{q.data ? `n=${q.data.n}` : 'none'}</span>;
}

const PATHS = ['/api/a', '/api/b', '/api/c'];
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const dbDown = () => json(503, { error: { code: 'db_unavailable', message: 'the database is unavailable; try again shortly' } }, { 'retry-after': '5' });

/** Every probe answers `answer()`; returns a switch to put the server back. */
function serve(answer: () => Response | never) {
  const state = { down: true };
  mockApi(Object.fromEntries(PATHS.map((p) => [p, () => (state.down ? answer() : { n: 1 })])));
  return state;
}

function page(url = '/') {
  return renderApp(
    <OutageProvider>
      <OutageBanner />
      {PATHS.map((p) => (
        <Probe key={p} path={p} />
      ))}
    </OutageProvider>,
    url,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OutageBanner', () => {
  it.each<[string, () => Response, string, string, string]>([
    [
      'the server does not answer',
      () => {
        throw new TypeError('Failed to fetch');
      },
      'unreachable',
      '网络或服务器不可达',
      'Network or server unreachable',
    ],
    ['the database is down (503)', dbDown, 'database', '数据库暂不可用', 'Database temporarily unavailable'],
    ['the server sheds load (503 busy)', () => json(503, { error: { code: 'busy', message: 'too many requests waiting' } }), 'busy', '服务器繁忙', 'Server busy'],
    [
      'the server fails (500)',
      () => json(500, { error: { code: 'internal', message: 'internal error' } }),
      'server',
      '服务器出错 服务器处理请求时出错（HTTP 500）',
      'Server error',
    ],
  ])('%s: one banner, in words, never the raw error', async (_name, answer, kind, zh, en) => {
    serve(answer);
    const zhPage = page();
    const banner = await screen.findByTestId('outage-banner');
    expect(screen.getAllByTestId('outage-banner')).toHaveLength(1);
    expect(banner.dataset.kind).toBe(kind);
    expect(banner.textContent).toContain(zh);
    expect(banner.textContent).toContain('地图和各面板保留最近一次成功加载的数据。');
    // 正在重试… while the other requests are still out, then the countdown.
    await waitFor(() => expect(screen.getByTestId('outage-retry').textContent).toMatch(/^\d+ 秒后自动重试$/));
    expect(document.body.textContent).not.toMatch(/Failed to fetch|HTTP 50\d\)?$|try again shortly|internal error/);
    await waitFor(() => expect(screen.getByTestId('probe/api/a').textContent).toBe('none'));
    // The same state in English.
    zhPage.unmount();
    page('/?lang=en');
    const english = await screen.findByTestId('outage-banner');
    expect(english.textContent).toContain(en);
    expect(english.textContent).toContain('The map and panels keep the data last loaded successfully.');
  });

  it('shows nothing while every answer is good, nor for a request refused on its own merits (4xx)', async () => {
    mockApi({ '/api/a': () => ({ n: 1 }), '/api/b': () => json(422, { error: { code: 'period_not_started', message: 'x' } }), '/api/c': () => ({ n: 3 }) });
    page();
    await waitFor(() => expect(screen.getByTestId('probe/api/c').textContent).toBe('n=3'));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('outage-banner')).toBeNull();
  });

  it('counts down, retries by itself, and goes away once the server answers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = serve(dbDown);
    page();
    await screen.findByTestId('outage-banner');
    await waitFor(() => expect(screen.getByTestId('outage-retry').textContent).toBe('5 秒后自动重试'));
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('outage-retry').textContent).toBe('4 秒后自动重试');
    server.down = false;
    await act(async () => void vi.advanceTimersByTime(4100));
    await waitFor(() => expect(screen.queryByTestId('outage-banner')).toBeNull());
    for (const p of PATHS) expect(screen.getByTestId(`probe${p}`).textContent).toBe('n=1');
  });

  it('retries at once on the button', async () => {
    const server = serve(() => {
      throw new TypeError('Failed to fetch');
    });
    page();
    await screen.findByTestId('outage-banner');
    server.down = false;
    fireEvent.click(screen.getByRole('button', { name: '立即重试' }));
    await waitFor(() => expect(screen.queryByTestId('outage-banner')).toBeNull());
    expect(screen.getByTestId('probe/api/b').textContent).toBe('n=1');
  });
});

describe('bannerLines', () => {
  const outage = (o: Partial<Outage>): Outage => ({ kind: 'unreachable', status: null, retrying: false, retryAfterSeconds: null, ...o });
  it.each<[string, Outage, number | null, ReturnType<typeof bannerLines>]>([
    ['counting down', outage({}), 7, { title: 'unreachableTitle', detail: 'unreachableDetail', retry: 'retryIn', n: 7 }],
    ['a request on its way', outage({ kind: 'database', retrying: true }), 3, { title: 'databaseTitle', detail: 'databaseDetail', retry: 'retrying', n: null }],
    ['offline: the browser resumes by itself', outage({ kind: 'offline' }), null, { title: 'offlineTitle', detail: 'offlineDetail', retry: 'retryOnline', n: null }],
  ])('%s', (_name, o, seconds, expected) => {
    expect(bannerLines(o, seconds)).toEqual(expected);
  });
});
