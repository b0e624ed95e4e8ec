import { ApiError } from '../../api/client.ts';
import type { Params } from '../i18n/I18nProvider.tsx';
import type { authText } from './messages.ts';

type AuthKey = keyof typeof authText.zh;
type T = (key: AuthKey, params?: Params) => string;

/** 75 -> "1 分 15 秒"; under a minute only seconds. */
export function formatWait(seconds: number, t: T): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 60 ? t('waitSeconds', { s }) : t('waitMinutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** Seconds to wait before the next attempt, when the API said so (429). */
export function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  const s = Number(error.body.retryAfterSeconds);
  return Number.isFinite(s) && s > 0 ? s : 60;
}

/**
 * What a failed sign-in means, in the user's words. `secondsLeft` is the live countdown of a
 * 429 so the message counts down with the disabled button.
 */
export function signInErrorMessage(error: unknown, t: T, secondsLeft: number | null = null): string {
  if (error instanceof ApiError) {
    if (error.status === 429 || error.code === 'too_many_attempts') return t('errorTooManyAttempts', { wait: formatWait(secondsLeft ?? retryAfterOf(error) ?? 60, t) });
    if (error.code === 'invalid_device_token') return t('errorInvalidDevice');
    if (error.status === 401 || error.code === 'invalid_credentials') return t('errorInvalidCredentials');
    if (error.status >= 500) return t('errorServer');
    return t('errorOther', { detail: error.code ?? `HTTP ${error.status}` });
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return t('errorNetwork');
  return t('errorOther', { detail: error instanceof Error ? error.message : String(error) });
}
