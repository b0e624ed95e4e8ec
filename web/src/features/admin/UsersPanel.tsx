import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useAuth } from '../auth/auth-context.ts';
import { authText } from '../auth/messages.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { AddUserForm } from './AddUserForm.tsx';
import { type AdminUser, updateUser, usersQuery } from './admin-api.ts';
import { errorText } from './error-text.ts';
import { adminText } from './messages.ts';

/** Every account, newest changes visible at once (the list and the audit log are refetched). */
export function UsersPanel() {
  const a = useLocalText(adminText);
  const users = useQuery(usersQuery());
  return (
    <div className="admin-split">
      <section className="admin-card admin-grow">
        <div className="admin-card-head">
          <h2>{a('tabUsers')}</h2>
          {users.data && <span className="muted small">{a('usersCount', { n: users.data.length })}</span>}
        </div>
        {users.isPending ? <Skeleton lines={6} /> : users.isError ? <ErrorBlock error={users.error} onRetry={() => void users.refetch()} /> : <UsersTable users={users.data} />}
      </section>
      <section className="admin-card admin-side">
        <h2>{a('addUser')}</h2>
        <AddUserForm />
      </section>
    </div>
  );
}

function UsersTable({ users }: { users: AdminUser[] }) {
  const a = useLocalText(adminText);
  const at = useLocalText(authText);
  const i18n = useI18n();
  const me = useAuth()?.user;
  const client = useQueryClient();
  const [resetting, setResetting] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (u: AdminUser) => updateUser(u.id, { disabled: !u.disabled }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin'] }),
  });
  return (
    <>
      {notice && (
        <p className="admin-ok" role="status">
          {notice}
        </p>
      )}
      {toggle.isError && <p className="admin-error">{a('errorSave', { detail: errorText(toggle.error) })}</p>}
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{a('username')}</th>
              <th>{a('displayName')}</th>
              <th>{a('role')}</th>
              <th>{a('township')}</th>
              <th>{a('status')}</th>
              <th>{a('lastLogin')}</th>
              <th>{a('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.disabled ? 'is-disabled' : undefined} data-testid={`user-${u.username}`}>
                <td className="mono">
                  {u.username}
                  {me?.id === u.id && <span className="muted">{a('self')}</span>}
                </td>
                <td>{u.displayName}</td>
                <td>
                  <span className={`role-chip role-${u.role}`}>{at(`role_${u.role}`)}</span>
                </td>
                <td>
                  {u.townshipName ?? '—'}
                  {u.officerId && <span className="muted small mono"> {u.officerId}</span>}
                </td>
                <td>{u.disabled ? <span className="status-off">{a('disabled')}</span> : <span className="status-on">{a('enabled')}</span>}</td>
                <td className="nowrap">{u.lastLoginAt ? i18n.dateTime(u.lastLoginAt) : <span className="muted">{a('never')}</span>}</td>
                <td className="admin-actions">
                  {resetting === u.id ? (
                    <ResetPassword
                      user={u}
                      onDone={(ok) => {
                        setResetting(null);
                        if (ok) setNotice(a('passwordSaved', { user: u.username }));
                      }}
                    />
                  ) : (
                    <>
                      {/* An administrator cannot lock themselves out. */}
                      <button type="button" className="btn small" disabled={me?.id === u.id || toggle.isPending} onClick={() => toggle.mutate(u)} data-testid="user-toggle">
                        {u.disabled ? a('enable') : a('disable')}
                      </button>
                      <button type="button" className="btn small" onClick={() => setResetting(u.id)} data-testid="user-reset">
                        {a('resetPassword')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ResetPassword({ user, onDone }: { user: AdminUser; onDone: (ok: boolean) => void }) {
  const a = useLocalText(adminText);
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const save = useMutation({
    mutationFn: () => updateUser(user.id, { password }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      onDone(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) save.mutate();
  };
  return (
    <form className="admin-inline" onSubmit={submit}>
      <input
        type="text"
        autoComplete="new-password"
        aria-label={a('newPassword')}
        placeholder={a('newPassword')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the field appears because the administrator just chose to reset this password; focus goes where they will type
        autoFocus
        data-testid="reset-password"
      />
      <button type="submit" className="btn small primary" disabled={!password || save.isPending}>
        {a('save')}
      </button>
      <button type="button" className="btn small" onClick={() => onDone(false)}>
        {a('cancel')}
      </button>
      {save.isError && <span className="admin-error">{errorText(save.error)}</span>}
    </form>
  );
}
