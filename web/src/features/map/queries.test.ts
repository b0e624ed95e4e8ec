import { describe, expect, it } from 'vitest';
import { filterFor } from '../filters/api-filters.ts';
import { eventsQuery } from './queries.ts';

const period = { from: '2026-01-01', to: '2026-03-31' };

describe('eventsQuery', () => {
  it('"no disputes" (a hazard-only filter) never shares the cache of "all disputes"', () => {
    const all = eventsQuery({ kind: 'dispute', period, township: null, filter: filterFor('dispute', { categories: [], statuses: [] }) });
    const none = eventsQuery({ kind: 'dispute', period, township: null, filter: filterFor('dispute', { categories: ['消防'], statuses: [] }) });
    expect(none.queryKey).not.toEqual(all.queryKey);
  });

  it('answers an excluding filter without asking the server', async () => {
    const none = eventsQuery({ kind: 'dispute', period, township: null, filter: filterFor('dispute', { categories: ['消防'], statuses: [] }) });
    const answer = await (none.queryFn as unknown as () => Promise<{ rows: unknown[]; count: number }>)();
    expect(answer).toMatchObject({ rows: [], count: 0 });
  });

  it.each([
    ['township', { township: '430421110' }],
    ['period', { period: { from: '2026-01-02', to: '2026-03-31' } }],
    ['kind', { kind: 'hazard' as const }],
  ])('the key changes with the %s', (_n, patch) => {
    const base = { kind: 'dispute' as const, period, township: null, filter: filterFor('dispute', { categories: [], statuses: [] }) };
    expect(eventsQuery({ ...base, ...patch }).queryKey).not.toEqual(eventsQuery(base).queryKey);
  });
});
