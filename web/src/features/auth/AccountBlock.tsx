import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { useAuth } from './auth-context.ts';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { can, pageOf } from './landing.ts';
import { authText } from './messages.ts';
import './auth.css';

/**
 * The header's account block: who is signed in and as what (a township account also names its
 * township, which is all it sees), the way to the admin page for an administrator, and 退出登录.
 * The name opens a small account menu with 修改密码 (not for a wall screen, which signs in with
 * a device token and has no password): a menu rather than one more header item, since the
 * header is full at 1366 px.
 */
export function AccountBlock({ lang }: { lang: 'zh' | 'en' }) {
  const auth = useAuth();
  const at = useLocalText(authText);
  const [leaving, setLeaving] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const closeMenu = useCallback((refocus: boolean) => {
    setMenuOpen(false);
    if (refocus) menuButton.current?.focus();
  }, []);
  const closeDialog = useCallback(() => {
    setChanging(false);
    menuButton.current?.focus();
  }, []);
  if (!auth) return null;
  const { user } = auth;
  const role = at(`role_${user.role}`);
  const scope = (user.role === 'township' || user.role === 'officer') && user.townshipName ? ` · ${user.townshipName}` : '';
  const hasMenu = user.role !== 'wall';
  const name = (
    <span className="account-name" data-testid="account-name">
      {user.displayName}
    </span>
  );
  return (
    <div className="account" data-testid="account">
      <div className="account-who" title={`${user.displayName}（${user.username}）`}>
        {hasMenu ? (
          <button
            ref={menuButton}
            type="button"
            className="account-menu-button"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            aria-controls={menuOpen ? menuId : undefined}
            onClick={() => setMenuOpen((o) => !o)}
            data-testid="account-menu"
          >
            {name}
            <span className="account-caret" aria-hidden="true">
              ▾
            </span>
          </button>
        ) : (
          name
        )}
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
      {menuOpen && (
        <AccountMenu
          id={menuId}
          opener={menuButton}
          onClose={closeMenu}
          onChangePassword={() => {
            setMenuOpen(false);
            setChanging(true);
          }}
        />
      )}
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
      {changing && <ChangePasswordDialog username={user.username} onClose={closeDialog} />}
    </div>
  );
}

/** The account menu under the name: focus on its item, closed by Escape, Tab or a click elsewhere. */
function AccountMenu({
  id,
  opener,
  onClose,
  onChangePassword,
}: {
  id: string;
  opener: React.RefObject<HTMLButtonElement | null>;
  onClose: (refocus: boolean) => void;
  onChangePassword: () => void;
}) {
  const at = useLocalText(authText);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !opener.current?.contains(t)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose, opener]);
  return (
    <div
      ref={menu}
      id={id}
      className="account-menu"
      role="menu"
      aria-label={at('accountMenu')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose(true);
        } else if (e.key === 'Tab') onClose(false);
      }}
    >
      <button type="button" role="menuitem" onClick={onChangePassword} data-testid="change-password">
        {at('changePassword')}
      </button>
    </div>
  );
}
