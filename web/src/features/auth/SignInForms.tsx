import { type FormEvent, useEffect, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { login, loginDevice } from './auth-api.ts';
import { authText } from './messages.ts';
import { retryAfterOf, signInErrorMessage } from './sign-in-errors.ts';
import type { Session } from './types.ts';

/**
 * One attempt at a time, with its error; after a 429 the button stays disabled and the message
 * counts down to the moment the API will listen again, so nobody hammers a locked account.
 */
function useAttempt(onSignedIn: (s: Session) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (lockedUntil <= Date.now()) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [lockedUntil]);
  const secondsLeft = lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : null;
  const run = async (attempt: () => Promise<Session>) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await attempt());
    } catch (e) {
      setError(e);
      const wait = retryAfterOf(e);
      if (wait) {
        setLockedUntil(Date.now() + wait * 1000);
        setNow(Date.now());
      }
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, secondsLeft, locked: secondsLeft !== null, run };
}

function ErrorLine({ text }: { text: string | null }) {
  return (
    <div className="signin-error" role="alert" data-testid="signin-error" hidden={!text}>
      {text}
    </div>
  );
}

export function AccountForm({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const at = useLocalText(authText);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [missing, setMissing] = useState(false);
  const attempt = useAttempt(onSignedIn);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!username.trim() || !password);
    if (!username.trim() || !password || attempt.locked) return;
    void attempt.run(() => login(username.trim(), password));
  };
  const message = missing ? at('errorMissing') : attempt.error ? signInErrorMessage(attempt.error, at, attempt.secondsLeft) : null;
  return (
    <form className="signin-form" onSubmit={submit} noValidate data-testid="signin-form">
      <label className="signin-field">
        <span>{at('username')}</span>
        <input
          name="username"
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has one job; the user expects to type the username straight away
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={Boolean(message)}
          data-testid="signin-username"
        />
      </label>
      <label className="signin-field">
        <span>{at('password')}</span>
        <span className="signin-password">
          <input
            name="password"
            type={reveal ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={Boolean(message)}
            data-testid="signin-password"
          />
          <button type="button" className="signin-reveal" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
            {reveal ? at('hidePassword') : at('showPassword')}
          </button>
        </span>
      </label>
      <ErrorLine text={message} />
      <button type="submit" className="btn primary signin-submit" disabled={attempt.busy || attempt.locked} data-testid="signin-submit">
        {attempt.busy ? at('signingIn') : at('signIn')}
      </button>
    </form>
  );
}

export function DeviceForm({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const at = useLocalText(authText);
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState(false);
  const attempt = useAttempt(onSignedIn);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!token.trim());
    if (!token.trim() || attempt.locked) return;
    void attempt.run(() => loginDevice(token.trim()));
  };
  const message = missing ? at('errorMissingToken') : attempt.error ? signInErrorMessage(attempt.error, at, attempt.secondsLeft) : null;
  return (
    <form className="signin-form" onSubmit={submit} noValidate data-testid="device-form">
      <p className="signin-hint">{at('deviceHint')}</p>
      <label className="signin-field">
        <span>{at('deviceToken')}</span>
        <input
          name="token"
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the device sign-in page of a wall screen has one field; the token is typed or pasted straight away
          autoFocus
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={Boolean(message)}
          data-testid="device-token"
        />
      </label>
      <ErrorLine text={message} />
      <button type="submit" className="btn primary signin-submit" disabled={attempt.busy || attempt.locked} data-testid="device-submit">
        {attempt.busy ? at('signingIn') : at('deviceSignIn')}
      </button>
    </form>
  );
}
