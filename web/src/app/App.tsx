import { useEffect } from 'react';
import { AccountBlock } from '../features/auth/AccountBlock.tsx';
import { useAuth } from '../features/auth/auth-context.ts';
import { can } from '../features/auth/landing.ts';
import { BriefingLink } from '../features/briefing/BriefingLink.tsx';
import { DashboardExportButton } from '../features/export/DashboardExportButton.tsx';
import { FilterBar } from '../features/filters/FilterBar.tsx';
import { I18nProvider, useI18n } from '../features/i18n/I18nProvider.tsx';
import { LedgerImportButton } from '../features/imports/LedgerImportButton.tsx';
import { markMapUnavailable } from '../features/map/first-draw.ts';
import { MapView } from '../features/map/MapView.tsx';
import { OutageBanner } from '../features/outage/OutageBanner.tsx';
import { OutageProvider } from '../features/outage/OutageProvider.tsx';
import { SidePanel } from '../features/panels/SidePanel.tsx';
import { useView } from '../features/url-state/ViewContext.tsx';
import { WallLink } from '../features/wall/WallLink.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

function Header() {
  const { view, update } = useView();
  const { t } = useI18n();
  // Controls a role may not use are not offered (the API would answer 403).
  const user = useAuth()?.user;
  return (
    <header className="app-header with-filters">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <div>
          <div className="brand-title" title={t('appTitle')}>
            {t('appTitle')}
          </div>
          <div className="brand-sub">{t('appSubtitle')}</div>
        </div>
      </div>
      <FilterBar />
      <div className="header-actions">
        {can(user, 'import') && <LedgerImportButton />}
        <DashboardExportButton />
        <BriefingLink />
        {can(user, 'wallView') && <WallLink />}
        <button
          type="button"
          className="btn ghost"
          onClick={() => update({ theme: view.theme === 'light' ? 'dark' : 'light' })}
          aria-label={t('themeLabel')}
          data-testid="theme-switch"
        >
          {view.theme === 'light' ? t('themeDark') : t('themeLight')}
        </button>
        <button
          type="button"
          className="btn ghost"
          lang={view.lang === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => update({ lang: view.lang === 'zh' ? 'en' : 'zh' })}
          data-testid="lang-switch"
        >
          {t('langSwitch')}
        </button>
        <AccountBlock lang={view.lang} />
      </div>
    </header>
  );
}

/** The page: header with filters, the map, and the panel beside it. */
export function App() {
  const { view } = useView();
  useEffect(() => {
    document.documentElement.lang = view.lang === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.dataset.theme = view.theme;
  }, [view.lang, view.theme]);
  return (
    <I18nProvider lang={view.lang}>
      <Title />
      <OutageProvider>
        <div className="app">
          {/* One grid row for both: the banner comes and goes without moving the page grid's rows. */}
          <div className="app-top">
            <Header />
            <OutageBanner />
          </div>
          <main className="app-main">
            <ErrorBoundary onError={markMapUnavailable}>
              <MapView />
            </ErrorBoundary>
            <ErrorBoundary>
              <SidePanel />
            </ErrorBoundary>
          </main>
        </div>
      </OutageProvider>
    </I18nProvider>
  );
}

function Title() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t('appTitle');
  }, [t]);
  return null;
}
