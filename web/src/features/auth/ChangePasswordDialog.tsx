import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { changePassword, ME_KEY } from './auth-api.ts';
import { authText } from './messages.ts';
import { checkPasswordForm, EMPTY_PASSWORD_FORM, type PasswordFailure, type PasswordField, type PasswordForm, type PasswordProblems, passwordFailure } from './password-change.ts';
import { formatWait } from './sign-in-errors.ts';
import './auth.css';

const FIELDS: { key: PasswordField; label: 'currentPassword' | 'newPassword' | 'confirmPassword'; autoComplete: string }[] = [
  { key: 'current', label: 'currentPassword', autoComplete: 'current-password' },
  { key: 'next', label: 'newPassword', autoComplete: 'new-password' },
  { key: 'confirm', label: 'confirmPassword', autoComplete: 'new-password' },
];

/**
 * 修改密码: the signed-in user's own password. The server ends every session of the user and
 * opens a new one for this page; its CSRF token is adopted (auth-api.ts) and the session in the
 * query cache replaced, so the page carries on signed in. `closeAfterMs`: how long the success
 * message stays before the dialog closes by itself.
 */
export function ChangePasswordDialog({ username, onClose, closeAfterMs = 2500 }: { username: string; onClose: () => void; closeAfterMs?: number }) {
  const at = useLocalText(authText);
  const client = useQueryClient();
  const id = useId();
  const [form, setForm] = useState<PasswordForm>(EMPTY_PASSWORD_FORM);
  const [problems, setProblems] = useState<PasswordProblems>({});
  const [failure, setFailure] = useState<Exclude<PasswordFailure, { kind: 'fields' }> | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const inputs = useRef<Partial<Record<PasswordField, HTMLInputElement | null>>>({});
  const closeButton = useRef<HTMLButtonElement>(null);
  const busyRef = useRef(false);
  busyRef.current = busy;

  useEffect(() => {
    if (!done) return;
    closeButton.current?.focus();
    const timer = window.setTimeout(onClose, closeAfterMs);
    return () => window.clearTimeout(timer);
  }, [done, onClose, closeAfterMs]);

  const close = () => {
    if (!busyRef.current) onClose();
  };

  const edit = (key: PasswordField, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblems((p) => {
      const rest: PasswordProblems = { ...p };
      delete rest[key];
      // A new password typed again makes the confirmation's old verdict stale too.
      if (key === 'next' && rest.confirm === 'mismatch') delete rest.confirm;
      return rest;
    });
    setFailure(null);
  };

  const showProblems = (p: PasswordProblems) => {
    setProblems(p);
    const first = FIELDS.find((f) => p[f.key]);
    if (first) inputs.current[first.key]?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || done) return;
    setFailure(null);
    const local = checkPasswordForm(form);
    if (Object.keys(local).length > 0) {
      showProblems(local);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const session = await changePassword(form.current, form.next);
      // Same user, new session: the cached data stays, only the session is replaced.
      client.setQueryData(ME_KEY, session);
      setForm(EMPTY_PASSWORD_FORM);
      setDone(true);
    } catch (err) {
      const f = passwordFailure(err);
      if (f.kind === 'fields') showProblems(f.problems);
      else setFailure(f);
    } finally {
      setBusy(false);
    }
  };

  const failureText = (f: NonNullable<typeof failure>): string => {
    switch (f.kind) {
      case 'tooMany':
        return at('pwTooMany', { wait: formatWait(f.retryAfterSeconds, at) });
      case 'network':
        return at('errorNetwork');
      case 'server':
        return at('errorServer');
      case 'other':
        return at('pwOther', { detail: f.detail });
    }
  };

  return (
    <Dialog
      title={at('changePassword')}
      onClose={close}
      closeLabel={at('close')}
      closeDisabled={busy}
      initialFocus={() => inputs.current.current}
      className="pw-dialog"
      backdropClassName="pw-backdrop"
      testId="password-dialog"
    >
      {done ? (
        <div className="pw-body">
          <p className="pw-success" role="status" data-testid="password-success">
            {at('passwordChanged')}
          </p>
          <div className="pw-actions">
            <button ref={closeButton} type="button" className="btn primary" onClick={onClose} data-testid="password-done">
              {at('close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="pw-body pw-form" onSubmit={(e) => void submit(e)} noValidate>
          {/* For password managers: which account this password belongs to. */}
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
          {FIELDS.map(({ key, label, autoComplete }) => {
            const problem = problems[key];
            const hintId = key === 'next' ? `${id}-${key}-hint` : undefined;
            const errorId = `${id}-${key}-error`;
            return (
              <div key={key} className="pw-field">
                <label htmlFor={`${id}-${key}`}>{at(label)}</label>
                <input
                  ref={(el) => {
                    inputs.current[key] = el;
                  }}
                  id={`${id}-${key}`}
                  type="password"
                  autoComplete={autoComplete}
                  value={form[key]}
                  maxLength={key === 'current' ? 200 : undefined}
                  onChange={(e) => edit(key, e.target.value)}
                  disabled={busy}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={[problem ? errorId : null, hintId].filter(Boolean).join(' ') || undefined}
                  data-testid={`password-${key}`}
                />
                {hintId && (
                  <small id={hintId} className="pw-hint">
                    {at('passwordRule')}
                  </small>
                )}
                {problem && (
                  <span id={errorId} className="pw-error" data-testid={`password-${key}-error`}>
                    {at(`pw_${problem}`)}
                  </span>
                )}
              </div>
            );
          })}
          {failure && (
            <p className="pw-error pw-failure" role="alert" data-testid="password-failure">
              {failureText(failure)}
            </p>
          )}
          <div className="pw-actions">
            <button type="button" className="btn" onClick={close} disabled={busy}>
              {at('cancel')}
            </button>
            <button type="submit" className="btn primary" disabled={busy} data-testid="password-submit">
              {busy ? at('passwordSaving') : at('passwordSave')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
