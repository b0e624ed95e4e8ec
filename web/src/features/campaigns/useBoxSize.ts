import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The pixel size of an element, kept current: the campaign's SVG chart and map are drawn in
 * screen pixels so their text is the size asked for (the wall's 18 px rule), not scaled with a
 * viewBox. `fallback` until measured, and where there is no layout (tests).
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>, fallback: { width: number; height: number }) {
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) setSize((s) => (Math.abs(s.width - r.width) < 1 && Math.abs(s.height - r.height) < 1 ? s : { width: r.width, height: r.height }));
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}
