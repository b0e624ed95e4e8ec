import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { createDevice, type Device, devicesQuery, revokeDevice, usersQuery } from './admin-api.ts';
import { errorText } from './error-text.ts';
import { adminText } from './messages.ts';
import { TokenReveal } from './TokenReveal.tsx';

/** Wall screens: each signs in with its own token; a revoked one is signed out at once. */
export function DevicesPanel() {
  const a = useLocalText(adminText);
  const devices = useQuery(devicesQuery());
  return (
    <div className="admin-split">
      <section className="admin-card admin-grow">
        <div className="admin-card-head">
          <h2>{a('tabDevices')}</h2>
        </div>
        <p className="muted small">{a('devicesLead')}</p>
        {devices.isPending ? (
          <Skeleton lines={4} />
        ) : devices.isError ? (
          <ErrorBlock error={devices.error} onRetry={() => void devices.refetch()} />
        ) : (
          <DevicesTable devices={devices.data} />
        )}
      </section>
      <section className="admin-card admin-side">
        <h2>{a('newToken')}</h2>
        <NewDevice />
      </section>
    </div>
  );
}

function DevicesTable({ devices }: { devices: Device[] }) {
  const a = useLocalText(adminText);
  const i18n = useI18n();
  const client = useQueryClient();
  const revoke = useMutation({ mutationFn: (d: Device) => revokeDevice(d.id), onSuccess: () => void client.invalidateQueries({ queryKey: ['admin'] }) });
  if (devices.length === 0) return <p className="muted">{a('noDevices')}</p>;
  return (
    <>
      {revoke.isError && <p className="admin-error">{a('errorSave', { detail: errorText(revoke.error) })}</p>}
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="devices-table">
          <thead>
            <tr>
              <th>{a('deviceName')}</th>
              <th>{a('deviceUser')}</th>
              <th>{a('created')}</th>
              <th>{a('lastUsed')}</th>
              <th>{a('status')}</th>
              <th>{a('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} className={d.revokedAt ? 'is-disabled' : undefined}>
                <td>{d.name}</td>
                <td className="mono">{d.username}</td>
                <td className="nowrap">{i18n.dateTime(d.createdAt)}</td>
                <td className="nowrap">{d.lastUsedAt ? i18n.dateTime(d.lastUsedAt) : <span className="muted">{a('never')}</span>}</td>
                <td>{d.revokedAt ? <span className="status-off">{a('revokedAt', { d: i18n.dateTime(d.revokedAt) })}</span> : <span className="status-on">{a('active')}</span>}</td>
                <td>
                  {!d.revokedAt && (
                    <button
                      type="button"
                      className="btn small danger"
                      disabled={revoke.isPending}
                      onClick={() => window.confirm(a('confirmRevoke', { name: d.name })) && revoke.mutate(d)}
                      data-testid="device-revoke"
                    >
                      {a('revoke')}
                    </button>
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

function NewDevice() {
  const a = useLocalText(adminText);
  const client = useQueryClient();
  // Only enabled accounts of the wall role can own a device.
  const wallUsers = (useQuery(usersQuery()).data ?? []).filter((u) => u.role === 'wall' && !u.disabled);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState<number | null>(null);
  const [revealed, setRevealed] = useState<{ token: string; name: string } | null>(null);
  const chosen = userId ?? wallUsers[0]?.id ?? null;
  const create = useMutation({
    mutationFn: () => createDevice(name.trim(), chosen!),
    onSuccess: ({ device, token }) => {
      setRevealed({ token, name: device.name });
      setName('');
      void client.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  if (revealed) return <TokenReveal token={revealed.token} deviceName={revealed.name} onDone={() => setRevealed(null)} />;
  if (wallUsers.length === 0) return <p className="muted">{a('noWallUser')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && chosen !== null) create.mutate();
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="new-device-form">
      <label className="admin-field">
        <span>{a('deviceName')}</span>
        <input value={name} placeholder={a('deviceNamePh')} maxLength={50} onChange={(e) => setName(e.target.value)} data-testid="new-device-name" />
      </label>
      <label className="admin-field">
        <span>{a('deviceUser')}</span>
        <select value={chosen ?? ''} onChange={(e) => setUserId(Number(e.target.value))} data-testid="new-device-user">
          {wallUsers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}（{u.username}）
            </option>
          ))}
        </select>
      </label>
      {create.isError && <p className="admin-error">{a('errorSave', { detail: errorText(create.error) })}</p>}
      <button type="submit" className="btn primary" disabled={!name.trim() || create.isPending} data-testid="new-device-submit">
        {a('newToken')}
      </button>
    </form>
  );
}
