import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { interpolate } from '../i18n/I18nProvider.tsx';
import { authText } from './messages.ts';
import { formatWait, retryAfterOf, signInErrorMessage } from './sign-in-errors.ts';

const zh = (key: keyof typeof authText.zh, params?: Record<string, string | number>) => interpolate(authText.zh[key], params);
const en = (key: keyof typeof authText.zh, params?: Record<string, string | number>) => interpolate(authText.en[key], params);

describe('signInErrorMessage', () => {
  it.each<[string, unknown, string]>([
    ['wrong password', new ApiError(401, '用户名或密码错误', 'invalid_credentials'), '用户名或密码错误。'],
    ['too many attempts, with the wait', new ApiError(429, 'x', 'too_many_attempts', { retryAfterSeconds: 900 }), '登录失败次数过多，请在 15 分 0 秒 后重试。'],
    ['too many attempts, seconds only', new ApiError(429, 'x', 'too_many_attempts', { retryAfterSeconds: 42 }), '登录失败次数过多，请在 42 秒 后重试。'],
    ['a revoked device', new ApiError(401, 'x', 'invalid_device_token'), '设备令牌无效或已被撤销，请联系系统管理员重新生成。'],
    ['the server down', new ApiError(503, 'db down', 'db_unavailable'), '服务器暂不可用，请稍后重试。'],
    ['no network', new TypeError('Failed to fetch'), '无法连接服务器，请检查网络后重试。'],
    ['anything else names its code', new ApiError(400, 'bad', 'invalid_request'), '登录失败（invalid_request）。'],
  ])('%s', (_, error, text) => expect(signInErrorMessage(error, zh)).toBe(text));

  it('counts down with the live seconds left, in English too', () => {
    const e = new ApiError(429, 'x', 'too_many_attempts', { retryAfterSeconds: 900 });
    expect(signInErrorMessage(e, en, 75)).toBe('Too many failed attempts. Try again in 1 min 15 s.');
  });
});

describe('retryAfterOf / formatWait', () => {
  it('reads the wait of a 429 only, a minute when the API gave none', () => {
    expect(retryAfterOf(new ApiError(429, 'x', 'too_many_attempts', { retryAfterSeconds: 30 }))).toBe(30);
    expect(retryAfterOf(new ApiError(429, 'x', 'too_many_attempts'))).toBe(60);
    expect(retryAfterOf(new ApiError(401, 'x', 'invalid_credentials'))).toBeNull();
  });

  it.each([
    [0.2, '1 秒'],
    [59, '59 秒'],
    [60, '1 分 0 秒'],
    [899.5, '15 分 0 秒'],
  ])('%s s -> %s', (s, text) => expect(formatWait(s, zh)).toBe(text));
});
