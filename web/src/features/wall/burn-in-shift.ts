import { type RefObject, useEffect } from 'react';

/**
 * Burn-in protection for LED and OLED walls: the whole picture moves by a pixel now and then, so
 * the edges that never change (header, panel borders, legend) do not etch the same pixels for
 * months. One pixel every ten minutes is not seen from the room.
 */

export type Offset = readonly [x: number, y: number];

/** The shift in whole screen pixels: a fractional translation would blur every text on the wall. */
export function shiftAmplitude(designPx: number, scale: number): number {
  if (designPx <= 0) return 0;
  // A small screen still moves: a shift asked for is never rounded away.
  return Math.max(1, Math.round(designPx * scale));
}

/**
 * Every offset within `amplitude` of the centre, as a square spiral out from the centre and the
 * same way back. Each position is held equally long (the two ends half as long), so the wear is
 * spread evenly over the square rather than piled on its corners; every move is one pixel, also
 * from the last position back to the first, so no step is a visible jump.
 */
export function shiftPath(amplitude: number): Offset[] {
  const a = Math.max(0, Math.floor(amplitude));
  const count = (2 * a + 1) ** 2;
  const out: Offset[] = [[0, 0]];
  const directions = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ] as const;
  let [x, y] = [0, 0];
  // The square spiral's legs are 1, 1, 2, 2, 3, 3, ...: its first (2a+1)^2 points fill the square.
  for (let leg = 0; out.length < count; leg++) {
    const [dx, dy] = directions[leg % 4]!;
    for (let i = 0; i < Math.floor(leg / 2) + 1 && out.length < count; i++) {
      x += dx;
      y += dy;
      out.push([x, y]);
    }
  }
  return [...out, ...out.slice(1, -1).reverse()];
}

/** The offset shown at `step` (any integer, counted from the centre). */
export function shiftOffset(step: number, amplitude: number): Offset {
  const path = shiftPath(amplitude);
  const i = ((Math.trunc(step) % path.length) + path.length) % path.length;
  const [x, y] = path[i]!;
  // No -0: `translate(-0px, 0px)` reads oddly in the inspector and in tests.
  return [x + 0, y + 0];
}

const STORAGE_KEY = 'wall-burn-in-step';

/** Where the spiral was: a wall that reloads every night still walks the whole square. */
function storedStep(): number {
  try {
    const n = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  } catch {
    return 0;
  }
}

function storeStep(step: number): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(step));
  } catch {
    // No storage (a locked-down kiosk): the spiral starts again from the centre on reload.
  }
}

/**
 * Moves `ref`'s element along the spiral, one position every `everySeconds`. The transform is
 * written on the element, not through React state: nothing re-renders and the map is not redrawn,
 * the compositor only moves the finished picture. The first move comes a full period after load.
 */
export function useBurnInShift(ref: RefObject<HTMLElement | null>, designPx: number, everySeconds: number, scale: number): void {
  const amplitude = shiftAmplitude(designPx, scale);
  useEffect(() => {
    const el = ref.current;
    if (!el || amplitude === 0) return;
    const length = shiftPath(amplitude).length;
    let step = storedStep() % length;
    const apply = () => {
      const [x, y] = shiftOffset(step, amplitude);
      el.style.transform = `translate(${x}px, ${y}px)`;
      el.dataset.shift = `${x},${y}`;
    };
    apply();
    const timer = window.setInterval(() => {
      step = (step + 1) % length;
      storeStep(step);
      apply();
    }, everySeconds * 1000);
    return () => {
      window.clearInterval(timer);
      el.style.transform = '';
      delete el.dataset.shift;
    };
  }, [ref, amplitude, everySeconds]);
}
