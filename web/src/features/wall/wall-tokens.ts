import { useEffect, useState } from 'react';

/**
 * Every size of the wall, in one place. The wall is designed for 1920x1080; a size here is in
 * design pixels, and the screen shows it at `wallScale` times that, so a 3840x2160 wall is the same
 * picture at twice the pixels and a 2560x1080 one keeps the 1080p layout, centred in its height.
 * CSS reads them as custom properties (`applyWallTokens`), deck.gl as numbers times `wallScale`:
 * the map's labels and marks grow with the panels' text, never apart from it.
 */
export const DESIGN = { width: 1920, height: 1080 } as const;

/** Text sizes: nothing on the wall is smaller than `min`, legible from the back of the room. */
export const WALL_TEXT = {
  min: 18,
  body: 20,
  heading: 24,
  scope: 28,
  week: 30,
  title: 34,
  clock: 40,
  /** The KPI figures: the numbers the room reads first. */
  figure: 60,
} as const;

/** Map marks and labels (deck.gl pixels at 1080p). */
export const WALL_MAP = {
  townshipLabel: 24,
  /** A township's villages when it is shown; the neighbouring townships' names in the muted colour. */
  villageLabel: 20,
  neighbourLabel: 20,
  /** The dark rim around every name: white text reads on the palest and the darkest class. */
  labelHalo: 3,
  /** Room kept free between two names. */
  labelGap: 4,
  alertDot: 9,
  alertDotFocus: 14,
  alertRing: 2,
  alertOutline: 4,
  /** Space left around the county or a township when the map frames it. */
  framePadding: 32,
} as const;

/** One 1080p design pixel in screen pixels. */
export function wallScale(width: number, height: number): number {
  return Math.min(width / DESIGN.width, height / DESIGN.height);
}

/** The same factor for CSS, so the stylesheet and the map never compute it twice. */
const UNIT = `min(calc(100vw / ${DESIGN.width}), calc(100vh / ${DESIGN.height}))`;

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The custom properties: `--wall-u` (one design pixel), `--wall-text-<name>` and `--wall-map-<name>`,
 * each `calc(n * var(--wall-u))`. The root font size (wall.css) is 16 design pixels, so rem-based
 * spacing follows the same scale.
 */
export function wallTokenProperties(): Record<string, string> {
  const props: Record<string, string> = { '--wall-u': UNIT };
  for (const [k, v] of Object.entries(WALL_TEXT)) props[`--wall-text-${kebab(k)}`] = `calc(${v} * var(--wall-u))`;
  for (const [k, v] of Object.entries(WALL_MAP)) props[`--wall-map-${kebab(k)}`] = `calc(${v} * var(--wall-u))`;
  return props;
}

export function applyWallTokens(style: CSSStyleDeclaration): void {
  for (const [k, v] of Object.entries(wallTokenProperties())) style.setProperty(k, v);
}

/** `wallScale` of the window, kept current: the map's marks are sized in JavaScript. */
export function useWallScale(): number {
  const [scale, setScale] = useState(() => wallScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setScale(wallScale(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
