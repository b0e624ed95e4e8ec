import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { authText } from '../auth/messages.ts';
import { ROLES, type Role } from '../auth/types.ts';
import { useLocalText } from '../i18n/local-messages.ts';
import { createUser, townshipChoicesQuery } from './admin-api.ts';
import { errorText } from './error-text.ts';
import { adminText } from './messages.ts';
import { EMPTY_FORM, type FormProblem, type NewUserForm, newUserPayload } from './new-user.ts';

function Field({ label, hint, bad, children }: { label: string; hint?: string; bad?: boolean; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: every caller passes the field's <input> or <select> as children, so the label wraps its control
    <label className={`admin-field${bad ? ' bad' : ''}`}>
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

/** 新增用户: the role decides which scope field shows (township for 乡镇用户, officer id for 民警). */
export function AddUserForm() {
  const a = useLocalText(adminText);
  const at = useLocalText(authText);
  const client = useQueryClient();
  const townships = useQuery(townshipChoicesQuery());
  const [form, setForm] = useState<NewUserForm>(EMPTY_FORM);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: ({ user }) => {
      setCreated(user.username);
      setForm(EMPTY_FORM);
      void client.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  const set = (patch: Partial<NewUserForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setCreated(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = newUserPayload(form);
    setProblems(p.ok ? [] : p.problems);
    if (p.ok) create.mutate(p.body);
  };
  const bad = (k: FormProblem) => problems.includes(k);
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="add-user-form">
      <Field label={a('username')} hint={a('usernameRule')} bad={bad('username')}>
        <input value={form.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} data-testid="new-username" />
      </Field>
      <Field label={a('displayName')} bad={bad('displayName')}>
        <input value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} data-testid="new-display-name" />
      </Field>
      <Field label={a('password')} hint={a('passwordRule')} bad={bad('password')}>
        <input value={form.password} autoComplete="new-password" onChange={(e) => set({ password: e.target.value })} data-testid="new-password" />
      </Field>
      <Field label={a('role')}>
        <select value={form.role} onChange={(e) => set({ role: e.target.value as Role })} data-testid="new-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {at(`role_${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {form.role === 'township' && (
        <Field label={a('township')} bad={bad('townshipCode')}>
          <select value={form.townshipCode} onChange={(e) => set({ townshipCode: e.target.value })} data-testid="new-township">
            <option value="">{a('chooseTownship')}</option>
            {(townships.data ?? []).map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {form.role === 'officer' && (
        <Field label={a('officerId')} hint={a('officerHint')} bad={bad('officerId')}>
          <input value={form.officerId} onChange={(e) => set({ officerId: e.target.value })} data-testid="new-officer" />
        </Field>
      )}
      {create.isError && (
        <p className="admin-error" role="alert">
          {a('errorSave', { detail: errorText(create.error) })}
        </p>
      )}
      {created && (
        <p className="admin-ok" role="status">
          {a('created_ok', { user: created })}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={create.isPending} data-testid="new-user-submit">
        {create.isPending ? a('creating') : a('create')}
      </button>
    </form>
  );
}
