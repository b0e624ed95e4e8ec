import { useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { useAuth } from './auth-context.ts';
import { can, pageOf } from './landing.ts';
import { authText } from './messages.ts';
import './auth.css';

/**
 * The header's account block: who is signed in and as what (a township account also names its
 * township, which is all it sees), the way to the admin page for an administrator, and 退出登录.
 */
export function AccountBlock({ lang }: { lang: 'zh' | 'en' }) {
  const auth = useAuth();
  const at = useLocalText(authText);
  const [leaving, setLeaving] = useState(false);
  if (!auth) return null;
  const { user } = auth;
  const role = at(`role_${user.role}`);
  const scope = (user.role === 'township' || user.role === 'officer') && user.townshipName ? ` · ${user.townshipName}` : '';
  return (
    <div className="account" data-testid="account">
      <div className="account-who" title={`${user.displayName}（${user.username}）`}>
        <span className="account-name" data-testid="account-name">
          {user.displayName}
        </span>
        <span className="account-role" data-testid="account-role">
          {role}
          {scope}
          {/* In the role line rather than as one more header button: the header is full at 1366 px. */}
          {can(user, 'admin') && pageOf(window.location.pathname) !== 'admin' && (
            <>
              {' · '}
              <a href={lang === 'en' ? '/admin?lang=en' : '/admin'} data-testid="admin-link">
                {at('admin')}
              </a>
            </>
          )}
        </span>
      </div>
      <button
        type="button"
        className="btn ghost"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void auth.signOut().finally(() => setLeaving(false));
        }}
        data-testid="logout"
      >
        {at('logout')}
      </button>
    </div>
  );
}
