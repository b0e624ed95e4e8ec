import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCsrfToken, setCsrfToken } from '../../api/session.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { AccountBlock } from './AccountBlock.tsx';
import { AuthGate } from './AuthGate.tsx';
import { ME_KEY } from './auth-api.ts';
import { checkPasswordForm } from './password-change.ts';
import { json, session, stubApi } from './test-api.ts';
import { user } from './test-users.ts';
import type { Role } from './types.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/** The account block behind the real gate, signed in as `role` with CSRF token csrf-1. */
async function renderSignedIn(role: Role, lang: 'zh' | 'en' = 'zh') {
  window.history.replaceState(null, '', role === 'wall' ? '/wall' : '/');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <I18nProvider lang={lang}>
        <AuthGate navigate={() => {}}>
          <AccountBlock lang={lang} />
        </AuthGate>
      </I18nProvider>
    </QueryClientProvider>,
  );
  await screen.findByTestId('account');
  return client;
}

/** The account menu under the name, then its 修改密码. */
function openDialog() {
  fireEvent.click(screen.getByTestId('account-menu'));
  fireEvent.click(screen.getByTestId('change-password'));
}

function fill(current: string, next: string, confirm: string) {
  fireEvent.change(screen.getByTestId('password-current'), { target: { value: current } });
  fireEvent.change(screen.getByTestId('password-next'), { target: { value: next } });
  fireEvent.change(screen.getByTestId('password-confirm'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('password-submit'));
}

describe('修改密码', () => {
  it('is offered to every role but the wall', async () => {
    for (const role of ['county', 'township', 'officer', 'admin'] as const) {
      stubApi({ 'GET /api/auth/me': () => session(user(role)) });
      await renderSignedIn(role);
      fireEvent.click(screen.getByTestId('account-menu'));
      expect(screen.getByRole('menuitem', { name: '修改密码' })).toBeTruthy();
      cleanup();
    }
    stubApi({ 'GET /api/auth/me': () => session(user('wall')) });
    await renderSignedIn('wall');
    expect(screen.queryByTestId('account-menu')).toBeNull();
    expect(screen.queryByTestId('change-password')).toBeNull();
  });

  it('opens from the account menu under the name, which Escape closes', async () => {
    stubApi({ 'GET /api/auth/me': () => session(user('county')) });
    await renderSignedIn('county');
    const menuButton = screen.getByTestId('account-menu');
    expect(menuButton.getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menuButton);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton);
    expect(screen.queryByTestId('password-dialog')).toBeNull();
  });

  it('opens an accessible dialog, checks the confirmation matches before sending, and closes on Escape', async () => {
    const calls = stubApi({ 'GET /api/auth/me': () => session(user('county')) });
    await renderSignedIn('county');
    const menuButton = screen.getByTestId('account-menu');
    fireEvent.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: '修改密码' }));
    fireEvent.click(screen.getByTestId('change-password'));
    expect(screen.queryByRole('menu')).toBeNull();
    const dialog = screen.getByRole('dialog', { name: '修改密码' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('当前密码'));
    expect(screen.getByText('10–200 位，须含字母，以及至少一个数字或符号。')).toBeTruthy();

    fill('hengyang-demo', 'new-secret-2026', 'new-secret-2025');
    expect(screen.getByTestId('password-confirm-error').textContent).toBe('两次输入的新密码不一致。');
    expect(screen.getByLabelText('确认新密码').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('确认新密码'));
    expect(screen.queryByTestId('password-current-error')).toBeNull();
    expect(calls.some((c) => c.path === '/api/auth/password')).toBe(false);

    // Typing again clears the verdict.
    fireEvent.change(screen.getByTestId('password-confirm'), { target: { value: 'new-secret-2026' } });
    expect(screen.queryByTestId('password-confirm-error')).toBeNull();

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('password-dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('account-menu'));
  });

  it('checks the rule and empty fields client-side, in English too', async () => {
    const calls = stubApi({ 'GET /api/auth/me': () => session(user('officer')) });
    await renderSignedIn('officer', 'en');
    openDialog();
    expect(screen.getByRole('dialog', { name: 'Change password' })).toBeTruthy();
    fill('', 'short1', '');
    expect(screen.getByTestId('password-current-error').textContent).toBe('Enter your current password.');
    expect(screen.getByTestId('password-next-error').textContent).toContain('at least 10 characters');
    expect(screen.getByTestId('password-confirm-error').textContent).toBe('Enter the new password again.');
    expect(calls.some((c) => c.path === '/api/auth/password')).toBe(false);
    expect(checkPasswordForm({ current: 'x', next: 'onlyletterswithoutdigits', confirm: 'onlyletterswithoutdigits' })).toEqual({ next: 'weak' });
    expect(checkPasswordForm({ current: 'x', next: 'a1'.repeat(101), confirm: 'a1'.repeat(101) })).toEqual({ next: 'tooLong' });
  });

  it('shows a wrong current password on its field, and a weak new one on its own', async () => {
    let answer = 'current';
    stubApi({
      'GET /api/auth/me': () => session(user('township')),
      'POST /api/auth/password': () =>
        answer === 'current'
          ? json(400, { error: { code: 'invalid_request', message: 'the current password is wrong', fields: { currentPassword: '当前密码不正确 (wrong current password)' } } })
          : json(400, { error: { code: 'invalid_request', message: 'weak password', fields: { password: 'letters and at least one digit or symbol' } } }),
    });
    await renderSignedIn('township');
    openDialog();
    fill('not-my-password', 'new-secret-2026', 'new-secret-2026');
    expect((await screen.findByTestId('password-current-error')).textContent).toBe('当前密码不正确。');
    expect(screen.getByLabelText('当前密码').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('当前密码'));
    expect(screen.queryByTestId('password-next-error')).toBeNull();
    expect(screen.getByTestId('password-dialog')).toBeTruthy();

    answer = 'weak';
    fireEvent.change(screen.getByTestId('password-current'), { target: { value: 'hengyang-demo' } });
    expect(screen.queryByTestId('password-current-error')).toBeNull();
    fireEvent.click(screen.getByTestId('password-submit'));
    expect((await screen.findByTestId('password-next-error')).textContent).toBe('新密码不符合要求：至少 10 位，须含字母和数字或符号。');
  });

  it('says when it is throttled', async () => {
    stubApi({
      'GET /api/auth/me': () => session(user('county')),
      'POST /api/auth/password': () => json(429, { error: { code: 'too_many_attempts', message: 'wait', retryAfterSeconds: 90 } }, { 'Retry-After': '90' }),
    });
    await renderSignedIn('county');
    openDialog();
    fill('hengyang-demo', 'new-secret-2026', 'new-secret-2026');
    expect((await screen.findByTestId('password-failure')).textContent).toBe('尝试次数过多，请在 1 分 30 秒 后重试。');
  });

  it('on success adopts the new session and CSRF token, says so and closes', async () => {
    const calls = stubApi({
      'GET /api/auth/me': () => session(user('admin'), 'csrf-1'),
      'POST /api/auth/password': () => session(user('admin'), 'csrf-2'),
      'POST /api/auth/logout': () => ({ ok: true }),
    });
    const client = await renderSignedIn('admin');
    expect(getCsrfToken()).toBe('csrf-1');
    openDialog();
    fill('hengyang-demo', 'new-secret-2026', 'new-secret-2026');

    expect((await screen.findByTestId('password-success')).textContent).toContain('密码已修改');
    const post = calls.find((c) => c.path === '/api/auth/password')!;
    expect(post.body).toEqual({ currentPassword: 'hengyang-demo', newPassword: 'new-secret-2026' });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(getCsrfToken()).toBe('csrf-2');
    expect((client.getQueryData(ME_KEY) as { csrfToken: string }).csrfToken).toBe('csrf-2');
    // Still signed in: the account block stays, and the next write carries the new token.
    expect(screen.getByTestId('account-name').textContent).toBe('系统管理员');

    fireEvent.click(screen.getByTestId('password-done'));
    expect(screen.queryByTestId('password-dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('logout'));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/auth/logout')).toBe(true));
    expect(calls.find((c) => c.path === '/api/auth/logout')!.headers.get('X-CSRF-Token')).toBe('csrf-2');
  });

  it('closes by itself a moment after the success message', async () => {
    stubApi({
      'GET /api/auth/me': () => session(user('county')),
      'POST /api/auth/password': () => session(user('county'), 'csrf-2'),
    });
    await renderSignedIn('county');
    openDialog();
    fill('hengyang-demo', 'new-secret-2026', 'new-secret-2026');
    await screen.findByTestId('password-success');
    await waitFor(() => expect(screen.queryByTestId('password-dialog')).toBeNull(), { timeout: 4000 });
  });
});
