import { ApiError } from '../../api/client.ts';

/** The three fields of 修改密码, as typed. */
export interface PasswordForm {
  current: string;
  next: string;
  confirm: string;
}

export const EMPTY_PASSWORD_FORM: PasswordForm = { current: '', next: '', confirm: '' };

export type PasswordField = keyof PasswordForm;

/** What is wrong with one field; each has its own message (messages.ts, `pw_<problem>`). */
export type PasswordProblem = 'currentMissing' | 'currentWrong' | 'weak' | 'tooLong' | 'confirmMissing' | 'mismatch';

export type PasswordProblems = Partial<Record<PasswordField, PasswordProblem>>;

/** The API's rule for a new password (api/auth/password.ts `passwordProblem`), checked first here. */
export function newPasswordProblem(password: string): PasswordProblem | null {
  if (password.length > 200) return 'tooLong';
  if (password.length < 10 || !/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) return 'weak';
  return null;
}

/** The form's problems before anything is sent: empty fields, the rule, the two new ones differing. */
export function checkPasswordForm(f: PasswordForm): PasswordProblems {
  const problems: PasswordProblems = {};
  if (!f.current) problems.current = 'currentMissing';
  const weak = newPasswordProblem(f.next);
  if (weak) problems.next = weak;
  if (!f.confirm) problems.confirm = 'confirmMissing';
  else if (f.confirm !== f.next) problems.confirm = 'mismatch';
  return problems;
}

/** A failed change: the fields the API named, or one message for the whole form. */
export type PasswordFailure =
  | { kind: 'fields'; problems: PasswordProblems }
  | { kind: 'tooMany'; retryAfterSeconds: number }
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'other'; detail: string };

/**
 * What the API's refusal means for the form. 400 names the field: `currentPassword` (wrong, or
 * empty) or `password` (too weak; `newPassword` when the body's own limits caught it).
 */
export function passwordFailure(error: unknown): PasswordFailure {
  if (error instanceof ApiError) {
    if (error.status === 429 || error.code === 'too_many_attempts') {
      const s = Number(error.body.retryAfterSeconds);
      return { kind: 'tooMany', retryAfterSeconds: Number.isFinite(s) && s > 0 ? s : 60 };
    }
    const fields = error.body.fields ?? {};
    const problems: PasswordProblems = {};
    if (fields.currentPassword !== undefined) problems.current = 'currentWrong';
    const next = fields.password ?? fields.newPassword;
    if (next !== undefined) problems.next = /200/.test(next) ? 'tooLong' : 'weak';
    if (Object.keys(problems).length > 0) return { kind: 'fields', problems };
    if (error.status >= 500) return { kind: 'server' };
    return { kind: 'other', detail: error.code ?? `HTTP ${error.status}` };
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return { kind: 'network' };
  return { kind: 'other', detail: error instanceof Error ? error.message : String(error) };
}
