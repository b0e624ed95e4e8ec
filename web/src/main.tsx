import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';
import './features/ui/controls.css';
// After the controls, as in the one stylesheet before: the ledger's error report is an .error-block
// whose border and padding must win over its .import-result ones.
import './app/status-views.css';
import { AuthGate } from './features/auth/AuthGate.tsx';
import { takeDeviceToken, useAuth } from './features/auth/auth-context.ts';
import { scopeLockOf } from './features/auth/landing.ts';
import { WallGate } from './features/auth/WallGate.tsx';
import { runtimeConfigQuery } from './features/runtime-config/runtime-config.ts';
import { canonicaliseAddress } from './features/url-state/same-origin.ts';
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

// The command-centre wall, the weekly briefing and the admin page are pages of their own (own
// URL state, own layout), loaded only when asked for. Every page is behind the sign-in gate.
// First of all: a path such as //evil.example/x becomes /evil.example/x, so that nothing that
// writes the address back (view state, sign-in, preferences) asks the history for another origin.
canonicaliseAddress();
const PAGE = window.location.pathname.replace(/\/+$/, '');
// Before anything renders: the wall's device token leaves the address at once.
const DEVICE_TOKEN = PAGE === '/wall' ? takeDeviceToken() : null;
const WallApp = lazy(() => import('./features/wall/WallApp.tsx').then((m) => ({ default: m.WallApp })));
const BriefingApp = lazy(() => import('./features/briefing/BriefingApp.tsx').then((m) => ({ default: m.BriefingApp })));
const AdminApp = lazy(() => import('./features/admin/AdminApp.tsx').then((m) => ({ default: m.AdminApp })));

/** The dashboard, held to the account's scope (a township account never leaves its township). */
function Dashboard() {
  const user = useAuth()?.user;
  const lock = useMemo(() => (user ? scopeLockOf(user) : null), [user]);
  return (
    <ViewProvider lock={lock}>
      <App />
    </ViewProvider>
  );
}

/**
 * Once signed in (the endpoint needs a session), every page reads the installation's settings, the
 * briefing and the admin page too: among them the server's request deadline, which sets how long a
 * read may wait (api/answer-deadline.ts).
 */
function Settings() {
  useQuery(runtimeConfigQuery());
  return null;
}

function Page() {
  if (PAGE === '/wall') {
    return (
      <WallGate deviceToken={DEVICE_TOKEN}>
        <Suspense fallback={null}>
          <WallApp />
        </Suspense>
      </WallGate>
    );
  }
  const page = PAGE === '/briefing' ? <BriefingApp /> : PAGE === '/admin' ? <AdminApp /> : <Dashboard />;
  return (
    <AuthGate>
      <Settings />
      <Suspense fallback={null}>{page}</Suspense>
    </AuthGate>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Page />
    </QueryClientProvider>
  </StrictMode>,
);
