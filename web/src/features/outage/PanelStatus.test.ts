import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { isStale, type PanelQuery, type PanelShow, panelShowOf, useKeptData } from './PanelStatus.tsx';

const network = new TypeError('Failed to fetch');
const dbDown = new ApiError(503, 'the database is unavailable', 'db_unavailable');
const refused = new ApiError(422, 'period not started', 'period_not_started');
const q = (o: Partial<PanelQuery>): PanelQuery => ({ data: undefined, error: null, failureReason: null, isPending: false, ...o });

describe('panelShowOf', () => {
  it.each<[string, PanelQuery, boolean, PanelShow, boolean]>([
    ['data, fresh', q({ data: 1 }), false, 'data', false],
    ['data whose refresh found no server: still shown, marked', q({ data: 1, error: network }), true, 'data', true],
    ['data whose refresh is failing, retries still running', q({ data: 1, failureReason: dbDown, isPending: false }), true, 'data', true],
    ['data whose refresh was refused (4xx): shown, not an outage', q({ data: 1, error: refused }), false, 'data', false],
    ['never had data, server unreachable: placeholder', q({ error: network }), true, 'waiting', false],
    ['never had data, database down: placeholder', q({ error: dbDown }), true, 'waiting', false],
    ['never had data, refused: its own error', q({ error: refused }), false, 'error', false],
    ['loading, all well: skeleton', q({ isPending: true }), false, 'loading', false],
    ['loading again during an outage (a retry): placeholder, not a blinking skeleton', q({ isPending: true }), true, 'waiting', false],
  ])('%s', (_name, query, pageOutage, show, stale) => {
    expect(panelShowOf(query, pageOutage)).toBe(show);
    expect(isStale(query)).toBe(stale);
  });
});

describe('useKeptData', () => {
  it('keeps the last data through an outage on a new key, not through a refusal or a success', () => {
    const { result, rerender } = renderHook((p: { data: string | undefined; error: unknown }) => useKeptData({ ...p, failureReason: null }), {
      initialProps: { data: 'week 47' as string | undefined, error: null as unknown },
    });
    expect(result.current).toBe('week 47');
    rerender({ data: undefined, error: network });
    expect(result.current).toBe('week 47');
    rerender({ data: undefined, error: refused });
    expect(result.current).toBeUndefined();
    rerender({ data: 'week 48', error: null });
    expect(result.current).toBe('week 48');
  });
});
