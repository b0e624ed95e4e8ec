import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useViewState } from './useViewState.ts';

describe('useViewState', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));
  afterEach(cleanup);

  it('reads the view from the address', () => {
    window.history.replaceState(null, '', '/?t=430421110&m=hazardsOpen');
    const { result } = renderHook(() => useViewState());
    expect(result.current[0].township).toBe('430421110');
    expect(result.current[0].metric).toBe('hazardsOpen');
  });

  it('writes changes to the address and adds a history entry', () => {
    const { result } = renderHook(() => useViewState());
    const before = window.history.length;
    act(() => result.current[1]({ township: '430421110' }));
    expect(window.location.search).toBe('?t=430421110');
    expect(window.history.length).toBe(before + 1);
    expect(result.current[0].township).toBe('430421110');
  });

  it('replace does not add a history entry', () => {
    const { result } = renderHook(() => useViewState());
    const before = window.history.length;
    act(() => result.current[1]({ lang: 'en' }, { replace: true }));
    expect(window.location.search).toBe('?lang=en');
    expect(window.history.length).toBe(before);
  });

  it('two updates in one tick compose', () => {
    const { result } = renderHook(() => useViewState());
    act(() => {
      result.current[1]({ township: '430421110' });
      result.current[1]((v) => ({ metric: v.township ? 'hazardsOverdue' : 'disputeRate' }));
    });
    expect(result.current[0]).toMatchObject({ township: '430421110', metric: 'hazardsOverdue' });
  });

  it('follows back navigation (popstate)', () => {
    const { result } = renderHook(() => useViewState());
    act(() => result.current[1]({ township: '430421110' }));
    act(() => {
      window.history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(result.current[0].township).toBeNull();
  });

  it('a change that encodes to the same address is a no-op', () => {
    const { result } = renderHook(() => useViewState());
    const before = window.history.length;
    act(() => result.current[1]({ layers: ['labels', 'choropleth'] }));
    expect(window.history.length).toBe(before);
  });
});
