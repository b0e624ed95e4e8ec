import { describe, expect, it } from 'vitest';
import { applyWallTokens, WALL_MAP, WALL_TEXT, wallScale, wallTokenProperties } from './wall-tokens.ts';

describe('wall tokens', () => {
  it.each([
    [1920, 1080, 1],
    [3840, 2160, 2],
    // An ultra-wide wall keeps the 1080p layout: the height decides.
    [2560, 1080, 1],
    // A 4:3 projector: the width decides, so nothing runs off the side.
    [1600, 1200, 1600 / 1920],
  ])('%ix%i shows a design pixel as %f screen pixels', (w, h, k) => {
    expect(wallScale(w, h)).toBeCloseTo(k, 10);
  });

  it('keep every text at or above the legible minimum of 18 px at 1080p, and the KPI figures at 48 px or more', () => {
    expect(WALL_TEXT.min).toBeGreaterThanOrEqual(18);
    for (const [name, px] of Object.entries(WALL_TEXT)) expect(px, name).toBeGreaterThanOrEqual(WALL_TEXT.min);
    expect(WALL_TEXT.figure).toBeGreaterThanOrEqual(48);
    // Map names are text on the wall too.
    for (const name of ['townshipLabel', 'villageLabel', 'neighbourLabel'] as const) expect(WALL_MAP[name], name).toBeGreaterThanOrEqual(WALL_TEXT.min);
  });

  it('reach CSS as custom properties scaled by one design pixel', () => {
    const props = wallTokenProperties();
    expect(props['--wall-u']).toBe('min(calc(100vw / 1920), calc(100vh / 1080))');
    expect(props['--wall-text-min']).toBe('calc(18 * var(--wall-u))');
    expect(props['--wall-text-figure']).toBe(`calc(${WALL_TEXT.figure} * var(--wall-u))`);
    expect(props['--wall-map-alert-dot']).toBe(`calc(${WALL_MAP.alertDot} * var(--wall-u))`);
    const el = document.createElement('div');
    applyWallTokens(el.style);
    expect(el.style.getPropertyValue('--wall-text-heading')).toBe(`calc(${WALL_TEXT.heading} * var(--wall-u))`);
  });
});
