import { describe, expect, it } from 'vitest';
import { NoAnswerError } from '../../api/answer-deadline.ts';
import { ApiError } from '../../api/client.ts';
import { nextOutage, type Outage, type OutageKind, outageKindOf, type QuerySnapshot, retryDelaySeconds } from './outage-kind.ts';

const api = (status: number, code: string | null = null, retryAfterSeconds?: number) =>
  new ApiError(status, `HTTP ${status}`, code, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });

describe('outageKindOf', () => {
  it.each<[string, unknown, OutageKind | null]>([
    ['Chromium: no answer at all', new TypeError('Failed to fetch'), 'unreachable'],
    ['Firefox: no answer at all', new TypeError('NetworkError when attempting to fetch resource.'), 'unreachable'],
    ['Safari: no answer at all', new TypeError('Load failed'), 'unreachable'],
    ['no answer by the deadline (a hung proxy or connection)', new NoAnswerError(30_000), 'unreachable'],
    ['a read cancelled by the page (not an outage)', new DOMException('The operation was aborted.', 'AbortError'), null],
    ['a proxy whose upstream is down (502)', api(502), 'unreachable'],
    ['a proxy that timed out (504)', api(504), 'unreachable'],
    ['a 503 without our code (a proxy)', api(503), 'unreachable'],
    ['the database down', api(503, 'db_unavailable', 5), 'database'],
    ['the request queue full', api(503, 'busy', 2), 'busy'],
    ['the request deadline passed', api(503, 'request_timeout', 2), 'busy'],
    ['an unhandled server error', api(500, 'internal'), 'server'],
    ['a request refused (400) is about that request', api(400, 'invalid_query'), null],
    ['a period not started (422)', api(422, 'period_not_started'), null],
    ['a bug, not the network', new TypeError("Cannot read properties of undefined (reading 'rows')"), null],
    ['no error', null, null],
  ])('%s → %s', (_name, error, kind) => {
    expect(outageKindOf(error)).toBe(kind);
  });
});

const q = (failure: unknown, fetching = false, paused = false): QuerySnapshot => ({ failure, fetching, paused });
const ok = q(null);

describe('nextOutage', () => {
  it.each<[string, Outage | null, QuerySnapshot[], boolean, Outage | null]>([
    ['all answered: none', null, [ok, ok], true, null],
    ['a 4xx is not an outage', null, [ok, q(api(422, 'period_not_started'))], true, null],
    [
      'one network failure among good answers',
      null,
      [ok, q(new TypeError('Failed to fetch'))],
      true,
      { kind: 'unreachable', status: null, retrying: false, retryAfterSeconds: null },
    ],
    [
      'the database: its Retry-After is kept',
      null,
      [q(api(503, 'db_unavailable', 5)), q(api(503, 'db_unavailable', 5))],
      true,
      { kind: 'database', status: 503, retrying: false, retryAfterSeconds: 5 },
    ],
    [
      'mixed answers name the cause furthest from the server',
      null,
      [q(api(500)), q(api(503, 'db_unavailable')), q(new TypeError('Failed to fetch'))],
      true,
      { kind: 'unreachable', status: null, retrying: false, retryAfterSeconds: null },
    ],
    ['a server error keeps its status', null, [q(api(500, 'internal'))], true, { kind: 'server', status: 500, retrying: false, retryAfterSeconds: null }],
    [
      "a retry still running (TanStack's failureReason) is already an outage, retrying",
      null,
      [q(new TypeError('Failed to fetch'), true)],
      true,
      { kind: 'unreachable', status: null, retrying: true, retryAfterSeconds: null },
    ],
    [
      'a query without data loses its error while refetched: the outage holds until it settles',
      { kind: 'database', status: 503, retrying: false, retryAfterSeconds: 5 },
      [q(null, true), ok],
      true,
      { kind: 'database', status: 503, retrying: true, retryAfterSeconds: 5 },
    ],
    ['…and ends when the refetch succeeded', { kind: 'database', status: 503, retrying: true, retryAfterSeconds: 5 }, [ok, ok], true, null],
    ['offline with requests paused', null, [q(null, false, true)], false, { kind: 'offline', status: null, retrying: false, retryAfterSeconds: null }],
    ['offline with nothing asked yet: no banner', null, [ok], false, null],
  ])('%s', (_name, prev, queries, online, expected) => {
    expect(nextOutage(prev, queries, online)).toEqual(expected);
  });
});

describe('retryDelaySeconds', () => {
  const outage = (retryAfterSeconds: number | null): Outage => ({ kind: 'unreachable', status: null, retrying: false, retryAfterSeconds });
  it('backs off 5, 10, 20, then every 30 s', () => {
    expect([0, 1, 2, 3, 10].map((n) => retryDelaySeconds(outage(null), n))).toEqual([5, 10, 20, 30, 30]);
  });
  it('never sooner than the server asked', () => {
    expect(retryDelaySeconds(outage(45), 0)).toBe(45);
    expect(retryDelaySeconds(outage(2), 2)).toBe(20);
  });
});
