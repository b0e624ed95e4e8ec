import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HUNG_MAP_MS, mapSettled, markFirstDraw, markMapUnavailable, useAfterFirstMap } from './first-draw.ts';

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

  it('gives up waiting after the fallback, so a map that hangs without a word never blocks the charts for good', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAfterFirstMap(4000));
    act(() => void vi.advanceTimersByTime(3999));
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
  });

  it('waits for a slow map well past a few seconds: the first map keeps the link to itself', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAfterFirstMap());
    act(() => void vi.advanceTimersByTime(30_000));
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(HUNG_MAP_MS - 30_000));
    expect(result.current).toBe(true);
  });

  it('lets the panels go as soon as the map says it cannot draw, long before the safety net', async () => {
    const { result } = renderHook(() => useAfterFirstMap());
    expect(mapSettled()).toBe(false);
    await act(async () => {
      markMapUnavailable();
      await new Promise((r) => setTimeout(r, 900)); // idle callback or its timeout
    });
    expect(result.current).toBe(true);
    expect(mapSettled()).toBe(true);
    // Marked once: a second failure does not add a second mark, and the bench's first-draw mark stays absent.
    markMapUnavailable();
    expect(performance.getEntriesByName('map-unavailable')).toHaveLength(1);
    expect(performance.getEntriesByName('map-first-draw')).toHaveLength(0);
  });

  it('is true straight away when the map could not draw before the component mounted', () => {
    markMapUnavailable();
    const { result } = renderHook(() => useAfterFirstMap());
    expect(result.current).toBe(true);
  });

  it('is true straight away when the map drew before the component mounted', () => {
    markFirstDraw(null);
    const { result } = renderHook(() => useAfterFirstMap());
    expect(result.current).toBe(true);
  });
});
