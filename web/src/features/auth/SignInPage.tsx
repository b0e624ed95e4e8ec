import { useLayoutEffect, useState } from 'react';
import { usePagePrefs } from '../../app/page-prefs.ts';
import { I18nProvider, translate } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { authText } from './messages.ts';
import { AccountForm, DeviceForm } from './SignInForms.tsx';
import type { Session } from './types.ts';
import './auth.css';

export type SignInNotice = 'expired' | 'signedOut' | null;
type Tab = 'account' | 'device';

/**
 * The sign-in page, shown in place of whatever page was asked for: the address is left as it
 * is, so once signed in the user is on that page with its view intact. Two ways in: an account
 * (username + password) or, for a wall screen, a device token.
 */
export function SignInPage({ onSignedIn, notice = null, initialTab = 'account' }: { onSignedIn: (s: Session) => void; notice?: SignInNotice; initialTab?: Tab }) {
  const prefs = usePagePrefs();
  return (
    <I18nProvider lang={prefs.lang}>
      <SignInLayout onSignedIn={onSignedIn} notice={notice} initialTab={initialTab} prefs={prefs} />
    </I18nProvider>
  );
}

function SignInLayout({
  onSignedIn,
  notice,
  initialTab,
  prefs,
}: {
  onSignedIn: (s: Session) => void;
  notice: SignInNotice;
  initialTab: Tab;
  prefs: ReturnType<typeof usePagePrefs>;
}) {
  const at = useLocalText(authText);
  const [tab, setTab] = useState<Tab>(initialTab);
  const t = (k: Parameters<typeof translate>[1]) => translate(prefs.lang, k);
  useLayoutEffect(() => {
    document.title = `${at('signInTitle')} · ${translate(prefs.lang, 'appTitle')}`;
  }, [at, prefs.lang]);
  return (
    <div className="signin-page" data-testid="signin-page">
      <section className="signin-brand" aria-hidden="true">
        <div className="signin-brand-inner">
          <span className="brand-mark signin-mark" />
          <h1>{t('appTitle')}</h1>
          <p>{t('appSubtitle')}</p>
          <svg className="signin-grid" viewBox="0 0 400 260" role="presentation">
            {/* A stylised township mesh: the product is a map, the first screen says so. */}
            <path d="M40 60 L130 30 L210 70 L300 40 L370 110 L330 200 L230 230 L120 220 L50 170 Z" />
            <path d="M130 30 L150 120 L210 70 M150 120 L50 170 M150 120 L230 230 M150 120 L260 140 L300 40 M260 140 L370 110 M260 140 L330 200" />
            <circle cx="150" cy="120" r="5" />
            <circle cx="260" cy="140" r="4" />
            <circle cx="210" cy="70" r="3" />
          </svg>
        </div>
      </section>
      <main className="signin-main">
        <div className="signin-tools">
          <button type="button" className="link" onClick={prefs.toggleTheme} data-testid="signin-theme">
            {prefs.theme === 'light' ? t('themeDark') : t('themeLight')}
          </button>
          <button type="button" className="link" lang={prefs.lang === 'zh' ? 'en' : 'zh-CN'} onClick={prefs.toggleLang} data-testid="signin-lang">
            {t('langSwitch')}
          </button>
        </div>
        <div className="signin-card">
          <h2>{at('signInTitle')}</h2>
          {notice && (
            <div className="signin-notice" role="status" data-testid="signin-notice">
              {notice === 'expired' ? at('sessionExpired') : at('signedOut')}
            </div>
          )}
          <div className="signin-tabs" role="tablist">
            {(['account', 'device'] as const).map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'on' : ''} onClick={() => setTab(k)} data-testid={`signin-tab-${k}`}>
                {k === 'account' ? at('tabAccount') : at('tabDevice')}
              </button>
            ))}
          </div>
          <div role="tabpanel" className="signin-panel">
            {tab === 'account' ? (
              <>
                <p className="signin-hint">{at('signInLead')}</p>
                <AccountForm onSignedIn={onSignedIn} />
              </>
            ) : (
              <DeviceForm onSignedIn={onSignedIn} />
            )}
          </div>
        </div>
        <footer className="signin-footer">{at('footer')}</footer>
      </main>
    </div>
  );
}
