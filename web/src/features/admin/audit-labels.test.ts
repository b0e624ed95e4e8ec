import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { auditActionLabel, auditDetailText } from './audit-labels.ts';
import { errorText } from './error-text.ts';

describe('audit labels', () => {
  it.each([
    ['auth.login', 'zh', '登录'],
    ['device.revoke', 'en', 'Device revoked'],
    ['campaign.update', 'zh', '修改专项行动'],
    ['campaign.delete', 'en', 'Campaign deleted'],
    ['rules.update', 'zh', 'rules.update'], // unknown: the code itself
  ] as const)('%s (%s) -> %s', (action, lang, label) => expect(auditActionLabel(action, lang)).toBe(label));

  it('writes the detail on one line without unset members', () => {
    expect(auditDetailText({ role: 'township', townshipCode: '430421110', officerId: null, passwordChanged: true })).toBe(
      'role=township · townshipCode=430421110 · passwordChanged=true',
    );
    expect(auditDetailText({ view: { t: '1' } })).toBe('view={"t":"1"}');
    expect(auditDetailText(null)).toBe('');
  });
});

describe('errorText', () => {
  it('prefers the fields the API named, else its message', () => {
    expect(errorText(new ApiError(400, 'weak password: at least 10 characters', 'invalid_request', { fields: { password: 'at least 10 characters' } }))).toBe(
      'password: at least 10 characters',
    );
    expect(errorText(new ApiError(409, 'the username demo-county is taken', 'username_taken'))).toBe('the username demo-county is taken');
    expect(errorText(new ApiError(502, 'HTTP 502'))).toBe('HTTP 502');
  });
});
