import { useLayoutEffect, useState } from 'react';
import { usePagePrefs } from '../../app/page-prefs.ts';
import { AccountBlock } from '../auth/AccountBlock.tsx';
import { I18nProvider, translate } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { CampaignsPanel } from './CampaignsPanel.tsx';
import { campaignAdminText } from './campaign-messages.ts';
import { DevicesPanel } from './DevicesPanel.tsx';
import { adminText } from './messages.ts';
import { UsersPanel } from './UsersPanel.tsx';
import './admin.css';

const TABS = ['users', 'devices', 'campaigns', 'audit'] as const;
type Tab = (typeof TABS)[number];

function tabFromAddress(): Tab {
  const t = new URLSearchParams(window.location.search).get('tab');
  return (TABS as readonly string[]).includes(t ?? '') ? (t as Tab) : 'users';
}

/**
 * The administrator's page (/admin): accounts, wall devices and the audit log. The gate lets
 * only the admin role in; the API checks again on every call. The open tab is in the address
 * (`?tab=devices`) so a reload stays on it.
 */
export function AdminApp() {
  const prefs = usePagePrefs();
  useLayoutEffect(() => {
    document.documentElement.dataset.page = 'admin';
  }, []);
  return (
    <I18nProvider lang={prefs.lang}>
      <AdminPage prefs={prefs} />
    </I18nProvider>
  );
}

function AdminPage({ prefs }: { prefs: ReturnType<typeof usePagePrefs> }) {
  const a = useLocalText(adminText);
  const ct = useLocalText(campaignAdminText);
  const [tab, setTab] = useState<Tab>(tabFromAddress);
  useLayoutEffect(() => {
    document.title = `${a('title')} · ${translate(prefs.lang, 'appTitle')}`;
  }, [a, prefs.lang]);
  const pick = (next: Tab) => {
    const url = new URL(window.location.href);
    if (next === 'users') url.searchParams.delete('tab');
    else url.searchParams.set('tab', next);
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    setTab(next);
  };
  return (
    <div className="admin" data-testid="admin">
      <header className="app-header admin-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <div className="brand-title">{translate(prefs.lang, 'appTitle')}</div>
          <span className="admin-crumb">{a('title')}</span>
        </div>
        <div className="header-actions">
          <a className="btn ghost" href={prefs.lang === 'en' ? '/?lang=en' : '/'} data-testid="admin-back">
            {a('back')}
          </a>
          <button type="button" className="btn ghost" onClick={prefs.toggleTheme} data-testid="theme-switch">
            {prefs.theme === 'light' ? translate(prefs.lang, 'themeDark') : translate(prefs.lang, 'themeLight')}
          </button>
          <button type="button" className="btn ghost" lang={prefs.lang === 'zh' ? 'en' : 'zh-CN'} onClick={prefs.toggleLang} data-testid="lang-switch">
            {translate(prefs.lang, 'langSwitch')}
          </button>
          <AccountBlock lang={prefs.lang} />
        </div>
      </header>
      <main className="admin-main">
        <div className="admin-tabs" role="tablist">
          {TABS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'on' : ''} onClick={() => pick(k)} data-testid={`admin-tab-${k}`}>
              {k === 'campaigns' ? ct('tabCampaigns') : a(k === 'users' ? 'tabUsers' : k === 'devices' ? 'tabDevices' : 'tabAudit')}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="admin-panel">
          {tab === 'users' ? <UsersPanel /> : tab === 'devices' ? <DevicesPanel /> : tab === 'campaigns' ? <CampaignsPanel /> : <AuditPanel />}
        </div>
      </main>
    </div>
  );
}
