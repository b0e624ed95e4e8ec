import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shiftAmplitude, shiftOffset, shiftPath, useBurnInShift } from './burn-in-shift.ts';

const chebyshev = ([ax, ay]: readonly number[], [bx, by]: readonly number[]) => Math.max(Math.abs(ax! - bx!), Math.abs(ay! - by!));

describe('the burn-in shift amplitude in screen pixels', () => {
  it.each([
    [2, 1, 2],
    [2, 2, 4],
    // A 1600x1200 projector: 1.67 px rounds to whole pixels, never a blurring fraction.
    [2, 1600 / 1920, 2],
    // Tiny screens still move by one pixel rather than not at all.
    [1, 0.4, 1],
    [0, 2, 0],
    [-3, 1, 0],
  ])('%f design px at scale %f is %i px', (design, scale, px) => {
    expect(shiftAmplitude(design, scale)).toBe(px);
  });
});

describe('the burn-in path', () => {
  it.each([0, 1, 2, 4])(
    'amplitude %i: starts at the centre, stays within the amplitude, visits every pixel of the square, moves one pixel at a time and back to the centre',
    (a) => {
      const path = shiftPath(a);
      expect(path[0]).toEqual([0, 0]);
      for (const [x, y] of path) expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(a);
      expect(new Set(path.map(([x, y]) => `${x},${y}`)).size).toBe((2 * a + 1) ** 2);
      // Including the wrap from the last position to the first.
      for (let i = 0; i < path.length; i++) expect(chebyshev(path[i]!, path[(i + 1) % path.length]!), `step ${i}`).toBeLessThanOrEqual(1);
    },
  );

  it('holds every position equally long, the two ends half as long', () => {
    const counts = new Map<string, number>();
    for (const [x, y] of shiftPath(2)) counts.set(`${x},${y}`, (counts.get(`${x},${y}`) ?? 0) + 1);
    expect(counts.get('0,0')).toBe(1);
    expect([...counts.values()].filter((n) => n === 1)).toHaveLength(2);
    expect([...counts.values()].filter((n) => n === 2)).toHaveLength(23);
  });

  it.each([
    [0, 2, [0, 0]],
    [1, 2, [1, 0]],
    [2, 2, [1, 1]],
    [3, 2, [0, 1]],
    // One whole cycle (25 out, 23 back) returns to the centre, and negative steps count back.
    [48, 2, [0, 0]],
    [49, 2, [1, 0]],
    [-1, 2, [1, 0]],
    // Off: always the centre.
    [0, 0, [0, 0]],
    [17, 0, [0, 0]],
  ])('step %i at amplitude %i is %j', (step, a, offset) => {
    expect(shiftOffset(step, a)).toEqual(offset);
  });
});

describe('useBurnInShift', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    window.localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const mount = (design: number, scale = 1) => {
    const el = document.createElement('div');
    const hook = renderHook(({ d, s }) => useBurnInShift({ current: el }, d, 600, s), { initialProps: { d: design, s: scale } });
    return { el, hook };
  };

  it('moves the element one position per period and keeps the position for a reload', () => {
    const { el, hook } = mount(2);
    expect(el.style.transform).toBe('translate(0px, 0px)');
    act(() => void vi.advanceTimersByTime(599_000));
    expect(el.style.transform).toBe('translate(0px, 0px)');
    act(() => void vi.advanceTimersByTime(1000));
    expect(el.style.transform).toBe('translate(1px, 0px)');
    act(() => void vi.advanceTimersByTime(600_000));
    expect(el.dataset.shift).toBe('1,1');
    hook.unmount();
    expect(el.style.transform).toBe('');
    // The next page load carries on from where the last one was.
    expect(mount(2).el.style.transform).toBe('translate(1px, 1px)');
  });

  it('leaves the element alone when the shift is off', () => {
    const { el } = mount(0);
    act(() => void vi.advanceTimersByTime(3_600_000));
    expect(el.style.transform).toBe('');
    expect(el.dataset.shift).toBeUndefined();
  });
});
