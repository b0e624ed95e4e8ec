import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markFirstDraw, useAfterFirstMap } from './first-draw.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  performance.clearMarks();
});

describe('useAfterFirstMap', () => {
  it('turns true once the map has drawn (and the page is idle)', async () => {
    const { result } = renderHook(() => useAfterFirstMap(60_000));
    expect(result.current).toBe(false);
    const el = document.createElement('div');
    await act(async () => {
      markFirstDraw(el);
      await new Promise((r) => setTimeout(r, 900)); // idle callback or its timeout
    });
    expect(result.current).toBe(true);
    expect(el.getAttribute('data-map-ready')).toBe('true');
    expect(performance.getEntriesByName('map-first-draw')).toHaveLength(1);
  });

  it('gives up waiting after the fallback, so a map without WebGL never blocks the charts', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAfterFirstMap(4000));
    act(() => void vi.advanceTimersByTime(3999));
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
  });

  it('is true straight away when the map drew before the component mounted', () => {
    markFirstDraw(null);
    const { result } = renderHook(() => useAfterFirstMap());
    expect(result.current).toBe(true);
  });
});
