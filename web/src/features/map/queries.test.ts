import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CaseFilterView, caseFilterOf } from '../filters/case-filter.ts';
import { eventsQuery, townshipsQuery, villagesQuery } from './queries.ts';

const period = { from: '2026-01-01', to: '2026-03-31' };
const view = (patch: Partial<CaseFilterView> = {}): CaseFilterView => ({ township: null, categories: [], statuses: [], campaign: null, ...patch });
const all = caseFilterOf(period, view());
const hazardOnly = caseFilterOf(period, view({ categories: ['消防'] }));

describe('eventsQuery', () => {
  it('"no disputes" (a hazard-only filter) never shares the cache of "all disputes"', () => {
    expect(eventsQuery(hazardOnly, 'dispute').queryKey).not.toEqual(eventsQuery(all, 'dispute').queryKey);
  });

  it('answers an excluding filter without asking the server', async () => {
    const none = eventsQuery(hazardOnly, 'dispute');
    const answer = await (none.queryFn as unknown as () => Promise<{ rows: unknown[]; count: number }>)();
    expect(answer).toMatchObject({ rows: [], count: 0 });
  });

  it.each([
    ['township', caseFilterOf(period, view({ township: '430421110' })), 'dispute' as const],
    ['period', caseFilterOf({ from: '2026-01-02', to: '2026-03-31' }, view()), 'dispute' as const],
    ['kind', all, 'hazard' as const],
  ])('the key changes with the %s', (_n, filter, kind) => {
    expect(eventsQuery(filter, kind).queryKey).not.toEqual(eventsQuery(all, 'dispute').queryKey);
  });

  it('asks nothing before the period is known', () => {
    expect(typeof eventsQuery(null, 'dispute').queryFn).not.toBe('function');
  });
});

describe('townshipsQuery', () => {
  it('is one cache entry whatever township the view is in (the layer is county-wide)', () => {
    expect(townshipsQuery(caseFilterOf(period, view({ township: '430421110' }))).queryKey).toEqual(townshipsQuery(all).queryKey);
  });

  it('follows the category filter', () => {
    expect(townshipsQuery(hazardOnly).queryKey).not.toEqual(townshipsQuery(all).queryKey);
  });
});

describe('villagesQuery', () => {
  it('keys the township, so two townships never share their villages', () => {
    const a = villagesQuery(caseFilterOf(period, view({ township: '430421110' })));
    const b = villagesQuery(caseFilterOf(period, view({ township: '430421111' })));
    expect(a.queryKey).not.toEqual(b.queryKey);
  });
});

describe('villagesQuery, silent villages only', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server for the silent villages alone, under a key of its own', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        asked.push(String(input instanceof Request ? input.url : input));
        return new Response(JSON.stringify({ type: 'FeatureCollection', meta: {}, features: [] }), { headers: { 'content-type': 'application/json' } });
      }),
    );
    const q = villagesQuery(all, true);
    // the full county layer and the silent villages never share a cache entry
    expect(q.queryKey).not.toEqual(villagesQuery(all).queryKey);
    await (q.queryFn as unknown as () => Promise<unknown>)();
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0]!, 'http://localhost');
    expect(url.pathname).toBe('/api/villages');
    expect(url.searchParams.get('silent')).toBe('true');
    expect(url.searchParams.get('from')).toBe(period.from);
  });

  it('asks nothing before the period is known', () => {
    expect(typeof villagesQuery(null, true).queryFn).not.toBe('function');
  });
});
