import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { onUnauthenticated, setCsrfToken } from '../../api/session.ts';
import { readPrefs, withPref } from '../../app/page-prefs.ts';
import { ErrorBlock } from '../../app/StatusViews.tsx';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { logout, ME_KEY, meQuery } from './auth-api.ts';
import { AuthContext, type AuthContextValue } from './auth-context.ts';
import { Forbidden, Splash } from './GateViews.tsx';
import { landingFor } from './landing.ts';
import { type SignInNotice, SignInPage } from './SignInPage.tsx';
import type { Session } from './types.ts';

export interface GateProps {
  children: ReactNode;
  /** Wall screens opened with `?device=` (already taken out of the address). */
  deviceToken?: string | null;
  /** What to show without a session; the sign-in page by default (the wall shows a notice instead). */
  signedOut?: (signIn: (s: Session) => void, notice: SignInNotice) => ReactNode;
  /** Goes to another page of the app (a full load); replaceable in tests. */
  navigate?: (href: string) => void;
  /**
   * An unattended screen: when the server cannot be reached at start (power cut, server still
   * booting) keep trying, with back-off, instead of showing a retry button nobody will press.
   */
  unattended?: boolean;
}

const backOff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

/** Every query but the session itself: what one user fetched must never show to the next. */
const notAuth = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== 'auth' };

/**
 * The door of every page: asks `/api/auth/me` once, shows the sign-in page without a session,
 * sends a user who asked for the wrong page to the right one (landing.ts), and only then renders
 * the page. A 401 from any later request means the session ended: the sign-in page comes back in
 * place, the address untouched, so signing in again returns to the same view.
 */
export function AuthGate({ children, deviceToken = null, signedOut, navigate = (href) => window.location.replace(href), unattended = false }: GateProps) {
  const client = useQueryClient();
  const me = useQuery({ ...meQuery(deviceToken), ...(unattended ? { retry: true, retryDelay: backOff } : {}) });
  const [notice, setNotice] = useState<SignInNotice>(null);
  // Re-render after the gate rewrote the address itself (landing within the same page).
  const [, setAddressVersion] = useState(0);

  useEffect(
    () =>
      onUnauthenticated(() => {
        // A screen holding its device token signs itself back in; anyone else must sign in.
        if (deviceToken) {
          void client.invalidateQueries({ queryKey: ME_KEY });
          return;
        }
        setCsrfToken(null);
        setNotice('expired');
        client.setQueryData(ME_KEY, null);
      }),
    [client, deviceToken],
  );

  const signIn = useCallback(
    (session: Session) => {
      client.removeQueries(notAuth);
      client.setQueryData(ME_KEY, session);
      setNotice(null);
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await logout();
    client.removeQueries(notAuth);
    // The next person starts from a plain address (only the language and theme stay).
    const { lang, theme } = readPrefs(window.location.search);
    window.history.replaceState(null, '', withPref(withPref(window.location.pathname, 'lang', lang), 'theme', theme));
    setNotice('signedOut');
    client.setQueryData(ME_KEY, null);
  }, [client]);

  const session = me.data ?? null;
  const landing = session ? landingFor(session.user, window.location) : null;
  const redirect = landing?.kind === 'redirect' ? landing : null;
  // The effect follows the redirect's values, not the object (a new one on every render).
  const redirectHref = redirect?.href;
  const redirectReload = redirect?.reload;
  useLayoutEffect(() => {
    if (redirectHref === undefined) return;
    if (redirectReload) navigate(redirectHref);
    else {
      window.history.replaceState(null, '', redirectHref);
      setAddressVersion((n) => n + 1);
    }
  }, [redirectHref, redirectReload, navigate]);

  const value: AuthContextValue | null = useMemo(() => (session ? { user: session.user, signOut } : null), [session, signOut]);

  if (me.isPending) return <Splash />;
  if (me.isError && !session) {
    return (
      <I18nProvider lang={readPrefs(window.location.search).lang}>
        <div className="gate-page">
          <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />
        </div>
      </I18nProvider>
    );
  }
  if (!session || !value) return <>{signedOut ? signedOut(signIn, notice) : <SignInPage onSignedIn={signIn} notice={notice} />}</>;
  if (redirect) return <Splash />;
  if (landing?.kind === 'forbidden') return <Forbidden user={session.user} onSignOut={signOut} />;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
