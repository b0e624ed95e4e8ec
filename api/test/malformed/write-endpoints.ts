import { NOT_A_STRING, raw, statusNext } from './blocks.ts';
import type { CorpusContext } from './types.ts';
import { BIDI, clientIdSpec, enumSpec, instantSpec, lngLat, phoneSpec, statusChange, TEXT_TYPES, villageCodeSpec, type WriteEndpoint } from './write-fields.ts';

/** The JSON write endpoints, each with a valid body and the spec of every field. */

export function writeEndpoints(ctx: CorpusContext): WriteEndpoint[] {
  const v = ctx.village;
  const hazardNext = statusNext.hazard(ctx.hazard.status) ?? '已分流';
  const disputeNext = statusNext.dispute(ctx.dispute.status) ?? '调处中';
  const intakeLimit = 64 * 1024;
  // AUTH_BODY_MAX_BYTES: sign-in bodies are refused before they are parsed.
  const authLimit = 4096;
  return [
    {
      label: 'hazard intake',
      method: 'POST',
      path: '/api/hazards',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-hz',
        category: '消防',
        severity: 2,
        lng: v.lng,
        lat: v.lat,
        villageCode: v.code,
        reportedAt: '2025-06-01T09:00:00+08:00',
        description: '仓库电线老化',
        reporterName: '张三',
        reporterPhone: '13800000000',
      },
      fields: {
        clientId: clientIdSpec,
        category: enumSpec('消防', [['dispute-category', '婚姻家庭']]),
        severity: {
          bad: [
            ['zero', 0],
            ['five', 5],
            ['fraction', 2.5],
            ['negative', -1],
            ['1e309', raw('1e309')],
            ['huge', 1e20],
          ],
          types: 'number',
        },
        lng: lngLat('lng'),
        lat: lngLat('lat'),
        villageCode: villageCodeSpec(ctx),
        reportedAt: instantSpec(false),
        description: TEXT_TYPES(2000),
        reporterName: TEXT_TYPES(50),
        reporterPhone: phoneSpec,
      },
      required: ['category', 'severity', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'dispute intake',
      method: 'POST',
      path: '/api/disputes',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-ds',
        category: '邻里纠纷',
        channel: '综治中心',
        lng: v.lng,
        lat: v.lat,
        villageCode: v.code,
        receivedAt: '2025-06-01T09:00:00+08:00',
        summary: '宅基地边界争议',
        partyName: '李四',
        partyPhone: '0734-1234567',
        mediator: '王五',
      },
      fields: {
        clientId: clientIdSpec,
        category: enumSpec('邻里纠纷', [['hazard-category', '消防']]),
        channel: enumSpec('综治中心'),
        lng: lngLat('lng'),
        lat: lngLat('lat'),
        villageCode: villageCodeSpec(ctx),
        receivedAt: instantSpec(false),
        summary: TEXT_TYPES(2000),
        partyName: TEXT_TYPES(50),
        partyPhone: phoneSpec,
        mediator: TEXT_TYPES(50),
      },
      required: ['category', 'channel', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'visit intake',
      method: 'POST',
      path: '/api/visits',
      as: 'township',
      base: {
        clientId: 'malformed-corpus-vs',
        officerId: ctx.officerId,
        villageCode: v.code,
        kind: '走访',
        visitedAt: '2025-06-01T09:00:00+08:00',
        lng: v.lng,
        lat: v.lat,
      },
      fields: {
        clientId: clientIdSpec,
        officerId: {
          bad: [
            ['too-short', 'O'],
            ['too-long', 'OF'.repeat(11)],
            ['space', 'OF 0220'],
            ['underscore', 'OF_0220'],
          ],
          injections: true,
          types: 'string',
        },
        villageCode: villageCodeSpec(ctx),
        kind: enumSpec('走访'),
        visitedAt: instantSpec(false),
        lng: lngLat('lng'),
        lat: lngLat('lat'),
      },
      required: ['officerId', 'villageCode', 'kind', 'visitedAt', 'lng', 'lat'],
      bodyLimit: intakeLimit,
      nonJsonStatus: 400,
    },
    // A legal next step dated before the previous one: refused late (422) even if a field slipped through.
    statusChange(
      'hazard',
      `/api/hazards/${ctx.hazard.id}`,
      hazardNext,
      'malformed-corpus-hz-st',
      [
        ['dispute-status', '调处中'],
        ['closed', 'closed'],
      ],
      intakeLimit,
    ),
    statusChange(
      'dispute',
      `/api/disputes/${ctx.dispute.id}`,
      disputeNext,
      'malformed-corpus-ds-st',
      [
        ['hazard-status', '已办结'],
        ['mediating', 'mediating'],
      ],
      intakeLimit,
    ),
    {
      // Valid: only the mutated field makes it a 400 (script markup is refused in `view`).
      label: 'export report',
      method: 'POST',
      path: '/api/exports',
      as: 'township',
      base: { kind: 'dashboard-png', view: 'level=township' },
      fields: {
        kind: enumSpec('dashboard-png', [['pdf', 'pdf']]),
        view: {
          bad: [
            ['too-long', 'x'.repeat(501)],
            ['xss-script', '<script>alert(1)</script>'],
            ['xss-img', '<img src=x onerror=alert(1)>'],
            ['xss-svg', '"><svg/onload=alert(1)>'],
            ...NOT_A_STRING,
          ],
        },
      },
      required: ['kind'],
      nonJsonStatus: 400,
    },
    {
      label: 'sign-in',
      method: 'POST',
      path: '/api/auth/login',
      as: 'none',
      // Never sent as is: a case always breaks a field (a well-formed failure would count toward the throttle).
      base: { username: 'malformed-nobody', password: 'not-the-password' },
      fields: {
        username: {
          bad: [
            ['10-kB', 'u'.repeat(10_000)],
            ['100-kB', 'u'.repeat(100_000)],
            ['65-chars', 'u'.repeat(65)],
            ['empty', ''],
            ['blank', '    '],
          ],
          types: 'string',
        },
        password: {
          bad: [
            ['201-chars', 'p'.repeat(201)],
            ['empty', ''],
          ],
          types: 'string',
        },
      },
      required: ['username', 'password'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'own password change',
      method: 'POST',
      path: '/api/auth/password',
      as: 'county',
      // Every case fails validation before the current password is checked (a wrong one would count toward the throttle).
      base: { currentPassword: 'malformed-not-it-1', newPassword: 'malformed-new-1' },
      fields: {
        currentPassword: {
          bad: [
            ['201-chars', 'p'.repeat(201)],
            ['empty', ''],
          ],
          types: 'string',
        },
        newPassword: { bad: [['201-chars', 'p'.repeat(201)]], types: 'string' },
      },
      required: ['currentPassword', 'newPassword'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      label: 'device sign-in',
      method: 'POST',
      path: '/api/auth/device',
      as: 'none',
      base: { token: 'hyw_malformed-corpus-token' },
      fields: {
        token: {
          bad: [
            ['too-short', 'short'],
            ['too-long', 't'.repeat(201)],
            ['empty', ''],
          ],
          types: 'string',
        },
      },
      required: ['token'],
      bodyLimit: authLimit,
      nonJsonStatus: 400,
    },
    {
      // Valid but for a taken username (409), so a field that slipped through still creates nothing.
      label: 'admin new user',
      method: 'POST',
      path: '/api/admin/users',
      as: 'admin',
      base: { username: 'demo-county', displayName: '畸形请求测试', password: 'Malformed-Passw0rd!', role: 'county' },
      fields: {
        username: {
          bad: [
            ['too-short', 'ab'],
            ['too-long', 'a'.repeat(41)],
            ['starts-with-dot', '.abc'],
            ['space', 'mal formed'],
            ['chinese', '用户名称'],
            ['nul', 'abc\u0000def'],
          ],
          injections: true,
          types: 'string',
        },
        displayName: { bad: [['empty', ''], ['blank', '   '], ['too-long', '名'.repeat(51)], ...BIDI, ...NOT_A_STRING] },
        password: { bad: [['too-long', `${'Aa1'.repeat(67)}x`], ...NOT_A_STRING] },
        role: enumSpec('county', [
          ['superuser', 'superuser'],
          ['upper-case', 'ADMIN'],
          ['root', 'root'],
        ]),
        townshipCode: { bad: [['5-digits', '43042']], injections: true, types: 'string' },
        officerId: {
          bad: [
            ['too-long', 'O'.repeat(41)],
            ['space', 'OF 0220'],
          ],
          injections: true,
          types: 'string',
        },
      },
      required: ['username', 'displayName', 'password', 'role'],
      nonJsonStatus: 400,
    },
    {
      // Legal (changes nothing) only without a field: every case sets a bad one.
      label: 'admin user change',
      method: 'PATCH',
      path: `/api/admin/users/${ctx.wallUserId}`,
      as: 'admin',
      base: {},
      fields: {
        displayName: { bad: [['empty', ''], ['blank', '   '], ['too-long', '名'.repeat(51)], ...BIDI, ...NOT_A_STRING] },
        password: { bad: [['too-long', 'p'.repeat(201)], ['weak-short', 'abc'], ['letters-only', 'abcdefghijkl'], ...NOT_A_STRING] },
        disabled: {
          bad: [
            ['string', 'true'],
            ['number', 1],
            ['null', null],
            ['array', [true]],
            ['object', {}],
          ],
        },
        role: { bad: [['admin', 'admin']] },
        failedLogins: { bad: [['zero', 0]] },
      },
      required: [],
      // A non-JSON body is read as {} (a valid empty change): sent to a user that does not exist.
      nonJsonStatus: 404,
    },
    {
      // Valid but for a county user (a device belongs to a wall user): 400 late.
      label: 'admin new device',
      method: 'POST',
      path: '/api/admin/devices',
      as: 'admin',
      base: { name: '畸形请求测试屏', userId: ctx.countyUserId },
      fields: {
        name: { bad: [['empty', ''], ['blank', '  '], ['too-long', '屏'.repeat(51)], ...NOT_A_STRING] },
        userId: {
          bad: [
            ['string', String(ctx.wallUserId)],
            ['fraction', 1.5],
            ['zero', 0],
            ['negative', -1],
            ['not-a-safe-integer', raw('99999999999999999999')],
            ['1e309', raw('1e309')],
            ['unknown-user', 2147483647],
          ],
          types: 'number',
        },
      },
      required: ['name', 'userId'],
      nonJsonStatus: 400,
    },
  ];
}
