import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { FailureThrottle } from '../../auth/throttle.ts';
import { loadConfig } from '../../config.ts';
import { downDb } from '../down-db.ts';
import { mountedRoutes, routeOf } from '../routes.ts';
import { type CaseGroup, DEFAULT_CONTEXT, expectedStatuses, malformedCorpus } from './index.ts';

const corpus = malformedCorpus();

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** What `new Headers()` accepts: a ByteString without CR, LF or NUL. */
const HEADER_VALUE = /^[\x20-\x7e\x80-\xff\t]*$/;

describe('malformed request corpus', () => {
  it('has at least 300 cases, each with a unique name', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const names = corpus.map((c) => c.name);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dupes).toEqual([]);
  });

  it('is a pure function of its context', () => {
    expect(malformedCorpus(DEFAULT_CONTEXT)).toEqual(corpus);
    const other = malformedCorpus({ ...DEFAULT_CONTEXT, hazard: { id: 'HZ0001234', status: '处置中' } });
    expect(other.some((c) => c.path.includes('HZ0001234'))).toBe(true);
  });

  it('expects a 4xx of every case', () => {
    const bad = corpus.filter((c) => expectedStatuses(c).length === 0 || expectedStatuses(c).some((s) => s < 400 || s > 499));
    expect(bad.map((c) => c.name)).toEqual([]);
  });

  it('builds requests fetch accepts: paths from the root, no body on GET, header values as bytes', () => {
    for (const c of corpus) {
      expect(c.path.startsWith('/'), c.name).toBe(true);
      if (c.method === 'GET') expect(c.body, c.name).toBeUndefined();
      for (const [k, v] of Object.entries(c.headers)) expect(HEADER_VALUE.test(v), `${c.name}: header ${k}`).toBe(true);
      expect(() => new Request(`http://localhost${c.path}`, { method: c.method, headers: c.headers, body: c.body })).not.toThrow();
    }
  });

  it('covers every kind of malformation', () => {
    const groups = new Set(corpus.map((c) => c.group));
    const wanted: CaseGroup[] = [
      'wrong-type',
      'date',
      'coordinates',
      'bbox',
      'enum',
      'range',
      'oversize',
      'broken-json',
      'content-type',
      'injection',
      'traversal',
      'unknown-param',
      'bad-id',
      'missing-field',
      'csrf',
      'login',
      'unauthenticated',
      'forbidden',
      'scope',
      'lifecycle',
      'location',
      'idempotency',
      'import',
      'method',
    ];
    expect(wanted.filter((g) => !groups.has(g))).toEqual([]);
    for (const needle of [
      "' OR 1=1 --",
      "'; DROP TABLE dispute; --",
      '$1',
      '<script>alert(1)</script>',
      'javascript:',
      '..%2F..%2Fetc%2Fpasswd',
      '%00',
      '2099-13-45',
      '1899-01-01',
      '1e309',
    ]) {
      expect(
        corpus.some((c) => c.path.includes(needle) || decoded(c.path).includes(needle) || (typeof c.body === 'string' && c.body.includes(needle))),
        needle,
      ).toBe(true);
    }
  });

  it('stays under the sign-in throttle and never fails a sign-in for a real account', () => {
    // FailureThrottle allows 20 failures per address in 15 minutes; each well-formed failed sign-in counts.
    const counted = corpus.filter((c) => c.audit === 'auth.login_failed' || c.audit === 'auth.device_login_failed');
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.length).toBeLessThan(20);
    // A well-formed login body must name a user that does not exist (5 wrong passwords lock an account).
    for (const c of corpus.filter((x) => x.path === '/api/auth/login' && typeof x.body === 'string')) {
      let body: unknown;
      try {
        body = JSON.parse(c.body as string);
      } catch {
        continue;
      }
      const username = (body as { username?: unknown } | null)?.username;
      if (typeof username === 'string') expect(username.trim().toLowerCase().startsWith('demo-'), c.name).toBe(false);
    }
  });

  it('sends no free text that validation would accept in an otherwise valid intake body', () => {
    // Injection strings belong where validation refuses them; in a valid body they would be stored.
    for (const c of corpus.filter((x) => x.group === 'injection' && x.method !== 'GET' && typeof x.body === 'string' && x.body.startsWith('{'))) {
      const body = JSON.parse(c.body as string) as Record<string, unknown>;
      for (const field of ['description', 'summary', 'reporterName', 'partyName', 'mediator', 'note', 'displayName', 'name']) {
        const v = body[field];
        if (typeof v === 'string') expect(/OR 1=1|DROP TABLE|<script>|javascript:/.test(v), `${c.name}: ${field}`).toBe(false);
      }
    }
  });

  it('has cases for every mounted route but those deliberately left out', () => {
    const routes = mountedRoutes(routesOnly);
    const reached = new Set(corpus.map((c) => routeOf(routes, c.method, c.path)));
    const missing = routes.filter((r) => !reached.has(r) && !(r in NOT_IN_CORPUS));
    expect(missing, `mounted routes with no case in the corpus (add some, or a reason to NOT_IN_CORPUS): ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(NOT_IN_CORPUS).filter((r) => !routes.includes(r) || reached.has(r))).toEqual([]);
  });
});

const routesOnly = createApp({ db: downDb, config: loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '' }), now: () => new Date(), throttle: new FailureThrottle() });

/** Mounted routes deliberately without a case in the corpus, each with its reason. */
const NOT_IN_CORPUS: Record<string, string> = {
  // Takes no input and answers anyone, with or without a session (api/app.test.ts, api/limits/availability.db.test.ts).
  'GET /api/health': 'no input to malform: it reads neither query nor body',
};
