import { readPrefs, usePagePrefs } from '../../app/page-prefs.ts';
import { interpolate } from '../i18n/I18nProvider.tsx';
import { authText } from './messages.ts';
import type { AuthUser } from './types.ts';
import './auth.css';

/** The gate's own pages render before any provider of the app: they read the language themselves. */
function text(key: keyof typeof authText.zh, params?: Record<string, string>): string {
  return interpolate(authText[readPrefs(window.location.search).lang][key], params);
}

/** While the session is being checked: the page's colours at once, no flash of the sign-in form. */
export function Splash() {
  return (
    <div className="gate-page" role="status" aria-live="polite" data-testid="auth-splash">
      <span className="spinner" aria-hidden="true" />
      <span className="gate-splash-text">{text('checking')}</span>
    </div>
  );
}

/** A signed-in user on a page the role may not use (e.g. /admin): say so, offer the way back. */
export function Forbidden({ user, onSignOut }: { user: AuthUser; onSignOut: () => Promise<void> }) {
  usePagePrefs();
  const lang = readPrefs(window.location.search).lang;
  const back = lang === 'en' ? '/?lang=en' : '/';
  return (
    <div className="gate-page" data-testid="forbidden">
      <div className="gate-card">
        <h1>{text('forbiddenTitle')}</h1>
        <p>{text('forbiddenBody', { role: text(`role_${user.role}`) })}</p>
        <p className="muted">
          {user.displayName}（{user.username}）
        </p>
        <div className="gate-actions">
          <a className="btn primary" href={back}>
            {text('backToDashboard')}
          </a>
          <button type="button" className="btn" onClick={() => void onSignOut()}>
            {text('logout')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * An unattended wall without a session: one full-screen sentence that can be read from the back
 * of the room, in Chinese always (with the English beneath), and no form that needs a mouse.
 * The small link is for someone standing at the screen with an account.
 */
export function DeviceNotice({ onUseAccount }: { onUseAccount: () => void }) {
  return (
    <div className="device-notice" role="alert" data-testid="device-notice">
      <span className="device-notice-mark" aria-hidden="true" />
      <h1 lang="zh-CN">{authText.zh.deviceNoticeTitle}</h1>
      <p lang="zh-CN">{authText.zh.deviceNoticeBody}</p>
      <p lang="en" className="device-notice-en">
        {authText.en.deviceNoticeTitle}. {authText.en.deviceNoticeBody}
      </p>
      <button type="button" className="link device-notice-link" onClick={onUseAccount} data-testid="device-notice-signin">
        {authText.zh.deviceNoticeSignIn} / {authText.en.deviceNoticeSignIn}
      </button>
    </div>
  );
}
