import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type DemoUser, signInContext } from './support/auth.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * The dashboard header on a township chief's laptop (1366x768) and a desktop (1920x1080), in
 * both languages and for the role with the most buttons: the title and the actions share the
 * first row, the filters the second, nothing wraps inside a row and nothing leaves the screen.
 * English labels are a third longer than Chinese ones; before the header was two rows by
 * design, English (and an administrator's buttons in Chinese) broke it into a ragged line.
 */
const app = appInBrowser();

interface Box {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

async function headerBoxes(page: Page): Promise<{ header: Box; title: Box[]; actions: Box[]; filters: Box[]; scrollX: number }> {
  return page.evaluate(() => {
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      return { name: (e.getAttribute('data-testid') ?? e.className ?? e.tagName).toString(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const all = (sel: string) => [...document.querySelectorAll(sel)].filter((e) => e.getBoundingClientRect().width > 0).map(box);
    return {
      header: box(document.querySelector('.app-header')!),
      title: all('.app-header .brand'),
      actions: all('.app-header .header-actions > *'),
      filters: all('.app-header .filter-bar > *'),
      scrollX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

/** Boxes on one line: their vertical extents overlap pairwise (centres within half the shortest). */
function oneRow(boxes: Box[]): boolean {
  const centres = boxes.map((b) => (b.top + b.bottom) / 2);
  const shortest = Math.min(...boxes.map((b) => b.bottom - b.top));
  return Math.max(...centres) - Math.min(...centres) <= shortest / 2;
}

const CASES: [number, number, 'zh' | 'en', DemoUser][] = [
  [1366, 768, 'zh', 'demo-admin'],
  [1366, 768, 'en', 'demo-admin'],
  [1366, 768, 'en', 'demo-township'],
  [1920, 1080, 'en', 'demo-admin'],
];

describe('the dashboard header', () => {
  it.each(CASES)('at %ix%i in %s for %s: title and actions on one row, filters on the next, all on screen', async (width, height, lang, user) => {
    const context = await app.browser.newContext({ viewport: { width, height } });
    await signInContext(context, app.server.origin, user);
    const page = await context.newPage();
    await page.goto(`${app.server.origin}/?lang=${lang}`);
    await page.getByTestId('period-dates').waitFor();
    await page.getByTestId('account-name').waitFor();
    const b = await headerBoxes(page);
    await page.screenshot({ path: path.join(SHOTS, `header-${width}-${lang}-${user}.png`), clip: { x: 0, y: 0, width, height: Math.ceil(b.header.bottom) + 8 } });

    expect(b.actions.length).toBeGreaterThanOrEqual(5);
    expect(b.filters.length).toBeGreaterThanOrEqual(3);
    expect(oneRow([...b.title, ...b.actions]), JSON.stringify([...b.title, ...b.actions])).toBe(true);
    expect(oneRow(b.filters), JSON.stringify(b.filters)).toBe(true);
    // The filters' row is below the title's, not beside it.
    expect(Math.min(...b.filters.map((f) => f.top))).toBeGreaterThanOrEqual(Math.max(...b.actions.map((a) => a.bottom)) - 1);
    for (const x of [...b.title, ...b.actions, ...b.filters]) {
      expect(x.left, x.name).toBeGreaterThanOrEqual(0);
      expect(x.right, x.name).toBeLessThanOrEqual(width);
    }
    // The actions do not run into the title.
    expect(Math.min(...b.actions.map((a) => a.left))).toBeGreaterThan(Math.max(...b.title.map((t) => t.right)));
    expect(b.scrollX).toBe(0);
    // Two rows, not three: the map keeps the rest of a 768-pixel screen.
    expect(b.header.bottom - b.header.top).toBeLessThan(100);
    await context.close();
  });
});
