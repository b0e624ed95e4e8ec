import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, type RenderResult, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import { setCsrfToken } from '../api/session.ts';
import { I18nProvider } from '../features/i18n/I18nProvider.tsx';
import { useView, ViewProvider } from '../features/url-state/ViewContext.tsx';
import type { ScopeLock } from '../features/url-state/view-state.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // The session's CSRF token is module state: no test inherits another's.
  setCsrfToken(null);
});

export type Route = (url: URL) => unknown | Response | undefined;

/**
 * Replaces fetch with a tiny router over the API paths: each handler gets the request URL and
 * returns a JSON body (or a Response for errors). Every call is recorded.
 */
export function mockApi(routes: Record<string, Route>) {
  const calls: URL[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, window.location.origin);
    calls.push(url);
    const route = routes[url.pathname];
    const body = route?.(url);
    if (body instanceof Response) return body;
    if (body === undefined) return new Response(JSON.stringify({ error: { code: 'not_found', message: `no mock for ${url.pathname}` } }), { status: 404 });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

function LangFromView({ children }: { children: ReactNode }) {
  const { view } = useView();
  return <I18nProvider lang={view.lang}>{children}</I18nProvider>;
}

/** Renders inside the app's providers, at `url` (the view lives in the address); `lock` as for a township account. */
export function renderApp(ui: ReactElement, url = '/', lock: ScopeLock | null = null): RenderResult & { client: QueryClient } {
  window.history.replaceState(null, '', url);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const result = render(
    <QueryClientProvider client={client}>
      <ViewProvider lock={lock}>
        <LangFromView>{ui}</LangFromView>
      </ViewProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}
