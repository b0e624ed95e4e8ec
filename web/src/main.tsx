import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';
import { basemapQuery } from './features/map/queries.ts';
import { runtimeConfigQuery } from './features/runtime-config/runtime-config.ts';
import { ViewProvider } from './features/url-state/ViewContext.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Figures move slowly (a few cases a day); a minute of freshness spares the database.
      staleTime: 60_000,
      gcTime: 10 * 60_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && (err as { status: number }).status < 500),
    },
  },
});

// The map's own data starts downloading now, while React renders the shell.
void queryClient.prefetchQuery(runtimeConfigQuery());
void queryClient.prefetchQuery(basemapQuery());

// The command-centre wall and the weekly briefing are pages of their own (own URL state, own
// layout), loaded only when asked for.
const PAGE = window.location.pathname.replace(/\/+$/, '');
const WallApp = lazy(() => import('./features/wall/WallApp.tsx').then((m) => ({ default: m.WallApp })));
const BriefingApp = lazy(() => import('./features/briefing/BriefingApp.tsx').then((m) => ({ default: m.BriefingApp })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {PAGE === '/wall' ? (
        <Suspense fallback={null}>
          <WallApp />
        </Suspense>
      ) : PAGE === '/briefing' ? (
        <Suspense fallback={null}>
          <BriefingApp />
        </Suspense>
      ) : (
        <ViewProvider>
          <App />
        </ViewProvider>
      )}
    </QueryClientProvider>
  </StrictMode>,
);
