import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftPath } from '../src/features/wall/burn-in-shift.ts';
import { type AppServer, ensureBuild, startAppServer } from './support/app-server.ts';
import { signInContext } from './support/auth.ts';
import { launchChromium, waitForMap } from './support/browser.ts';
import { SHOTS } from './support/suite.ts';

/**
 * The wall at command-centre standard, measured in Chromium at 1920x1080 and 3840x2160: text
 * legible from across the room and proportional to the screen, nothing cut off or scrolling, a
 * legend whose every symbol is on the map, and one time on screen during playback.
 * E2E_WEB_DIST serves a build made elsewhere instead of (re)building dist/.
 */
let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  const dist = process.env.E2E_WEB_DIST;
  if (!dist) ensureBuild((s) => console.log(s));
  server = await startAppServer(dist ? { env: { WEB_DIST: dist } } : {});
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWall(width: number, height: number, query = '', burnInStep?: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, server.origin, 'demo-wall');
  // Where a wall that has run for a while left its burn-in spiral (burn-in-shift.ts keeps it across reloads).
  if (burnInStep !== undefined) await context.addInitScript((step) => window.localStorage.setItem('wall-burn-in-step', String(step)), burnInStep);
  const page = await context.newPage();
  await page.goto(`${server.origin}/wall${query}`);
  await waitForMap(page);
  await expect.poll(() => page.getByTestId('wall-kpi-disputes').locator('[data-value]').getAttribute('data-value'), { timeout: 30_000 }).toMatch(/^\d+$/);
  await expect.poll(() => page.getByTestId('wall-ticker').locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(3);
  await expect.poll(() => page.getByTestId('wall-legend-entry').count(), { timeout: 30_000 }).toBeGreaterThan(6);
  // The names are placed once the framing has settled.
  await page.waitForTimeout(1500);
  return { context, page };
}

interface TextAudit {
  smallest: { px: number; what: string };
  kpiFigure: number;
  cut: string[];
  scrolling: string[];
}

/**
 * Every text node the screen shows: its font size, and whether any of it is clipped (by the
 * window or by an ancestor that hides overflow) or runs out of its own box. A row hidden whole
 * (a list showing the rows that fit) is not visible, so neither small nor cut.
 */
function auditText(page: Page): Promise<TextAudit> {
  return page.evaluate(() => {
    const out: TextAudit = { smallest: { px: Infinity, what: '' }, kpiFigure: 0, cut: [], scrolling: [] };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const el = node.parentElement!;
      const cs = getComputedStyle(el);
      if (!text || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let [x0, y0, x1, y1] = [0, 0, innerWidth, innerHeight];
      for (let a: Element | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (a === el || (s.overflowX === 'visible' && s.overflowY === 'visible')) continue;
        const b = a.getBoundingClientRect();
        [x0, y0, x1, y1] = [Math.max(x0, b.left), Math.max(y0, b.top), Math.min(x1, b.right), Math.min(y1, b.bottom)];
      }
      const shownW = Math.min(x1, r.right) - Math.max(x0, r.left);
      const shownH = Math.min(y1, r.bottom) - Math.max(y0, r.top);
      if (shownW <= 0 || shownH <= 0) continue;
      const what = `${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 24)}`;
      // Half a pixel of slack: glyph boxes are fractional.
      if (shownW < r.width - 0.5 || shownH < r.height - 0.5 || el.scrollWidth > el.clientWidth + 1) out.cut.push(what);
      const px = parseFloat(cs.fontSize);
      if (px < out.smallest.px) out.smallest = { px, what };
    }
    for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
      const s = getComputedStyle(el);
      const scrolls = (o: string) => o === 'auto' || o === 'scroll';
      const root = el === document.documentElement;
      if ((root || scrolls(s.overflowX)) && el.scrollWidth > el.clientWidth) out.scrolling.push(`${el.tagName} x`);
      if ((root || scrolls(s.overflowY)) && el.scrollHeight > el.clientHeight) out.scrolling.push(`${el.tagName} y`);
    }
    out.kpiFigure = parseFloat(getComputedStyle(document.querySelector('.wall-kpi-value')!).fontSize);
    return out;
  });
}

/** The map's distinct colours, from a screenshot of its box (what the room sees, names and all). */
async function mapColours(page: Page): Promise<number[]> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const set = new Set<number>();
    for (let i = 0; i < data.length; i += 4) set.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return [...set];
  }, png.toString('base64'));
}

/** Each legend symbol's colours as the legend shows them (computed style), by entry. */
function legendColours(page: Page): Promise<{ entry: string; kind: string; rgb: number[][] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="wall-legend"] [data-symbol]')].map((el) => {
      const s = getComputedStyle(el);
      const kind = el.dataset.symbol!;
      const source = kind === 'ramp' ? s.backgroundImage : kind === 'outline' ? s.borderTopColor : s.backgroundColor;
      const rgb = [...source.matchAll(/rgba?\((\d+), (\d+), (\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
      return { entry: el.closest('[data-testid="wall-legend-entry"]')!.textContent!, kind, rgb };
    }),
  );
}

const distance = (c: number, [r, g, b]: number[]) => Math.hypot(((c >> 16) & 255) - r!, ((c >> 8) & 255) - g!, (c & 255) - b!);
const nearest = (colours: number[], rgb: number[]) => Math.min(...colours.map((c) => distance(c, rgb)));

describe('the wall on a big screen', () => {
  it('no text under 18 px at 1080p and exactly twice each size at 4K, KPI figures of 48 px and more, nothing cut off, no scrollbars', async () => {
    const audits: Record<number, TextAudit> = {};
    for (const [w, h] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const { context, page } = await openWall(w, h);
      const audit = await auditText(page);
      audits[w] = audit;
      expect(audit.scrolling).toEqual([]);
      expect(audit.cut).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `wall-screen-${w}x${h}.png`) });
      await context.close();
    }
    // The longest header there is: English, a week played back, the carousel on, a township.
    const { context, page } = await openWall(1920, 1080, '?lang=en&play=1&step=600&carousel=300&township=430421110');
    const worst = await auditText(page);
    expect([worst.cut, worst.scrolling]).toEqual([[], []]);
    expect(worst.smallest.px, worst.smallest.what).toBeGreaterThanOrEqual(18);
    // Every event on one line (rows of one height, as many as fit), and a wrapped alert headline keeps its dot on its first line.
    const rows = await page
      .getByTestId('wall-ticker')
      .locator('li:visible')
      .evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().height)));
    expect(new Set(rows).size, `ticker row heights ${rows.join(',')}`).toBe(1);
    const dots = await page.locator('.wall-alert-headline').evaluateAll((hs) =>
      hs.map((h) => {
        const dot = h.querySelector('.wall-dot')!.getBoundingClientRect();
        const line = h.querySelector('.wall-alert-name')!.getClientRects()[0]!;
        return dot.top >= line.top - 1 && dot.bottom <= line.bottom + 1;
      }),
    );
    expect(dots.every(Boolean), "alert dot on its headline's first line").toBe(true);
    // Beside a township, the alerts say they are the county's; coverage says it is the quarter's to date.
    expect(await page.getByTestId('wall-alerts-scope').textContent()).toBe('County-wide');
    expect(await page.getByTestId('wall-kpi-coverage-to-date').textContent()).toMatch(/^Quarter to \d{1,2} [A-Z][a-z]{2,3}$/);
    await page.screenshot({ path: path.join(SHOTS, 'wall-screen-en-township-1920x1080.png') });
    await context.close();
    const [hd, uhd] = [audits[1920]!, audits[3840]!];
    console.log(`smallest text ${hd.smallest.px} px at 1080p (${hd.smallest.what}), ${uhd.smallest.px} px at 4K; KPI figure ${hd.kpiFigure} / ${uhd.kpiFigure} px`);
    expect(hd.smallest.px, hd.smallest.what).toBeGreaterThanOrEqual(18);
    expect(uhd.smallest.px, uhd.smallest.what).toBe(2 * hd.smallest.px);
    expect(hd.kpiFigure).toBeGreaterThanOrEqual(48);
    expect(uhd.kpiFigure).toBe(2 * hd.kpiFigure);
  });

  it('moved to each corner of the largest burn-in shift (8 px at 1080p), nothing is cut off and nothing scrolls', async () => {
    const path8 = shiftPath(8);
    for (const corner of [
      [8, 8],
      [-8, -8],
      [8, -8],
      [-8, 8],
    ] as const) {
      const step = path8.findIndex(([x, y]) => x === corner[0] && y === corner[1]);
      expect(step).toBeGreaterThan(0);
      // The longest header (English, a week played back, the carousel, a township) in each corner.
      const { context, page } = await openWall(1920, 1080, '?lang=en&play=1&step=600&carousel=300&township=430421110&shift=8', step);
      expect(await page.locator('[data-shift]').getAttribute('data-shift')).toBe(corner.join(','));
      const audit = await auditText(page);
      expect([audit.cut, audit.scrolling], `shifted to ${corner.join(',')}`).toEqual([[], []]);
      await context.close();
    }
  });

  it.each([
    ['the county', ''],
    ['a township', '?township=430421110'],
  ])('every legend symbol of %s is a colour on the map', async (_name, query) => {
    const { context, page } = await openWall(1920, 1080, query);
    await page.screenshot({ path: path.join(SHOTS, `wall-legend-${query ? 'township' : 'county'}.png`) });
    const colours = await mapColours(page);
    const symbols = await legendColours(page);
    expect(symbols.length).toBeGreaterThan(6);
    for (const s of symbols) {
      // A ramp is drawn blended over the fills, never its stops alone: one stop close is enough.
      const d = Math.min(...s.rgb.map((c) => nearest(colours, c)));
      expect(d, `${s.entry} (${s.kind} ${JSON.stringify(s.rgb)})`).toBeLessThanOrEqual(s.kind === 'ramp' ? 12 : 6);
    }
    await context.close();
  });
});

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('one time on screen', () => {
  it('a week played back is on every panel that follows it, the live panels say they are live, and nothing covers the map', async () => {
    const { context, page } = await openWall(1920, 1080);
    const liveMap = (await page.getByTestId('map').boundingBox())!;
    expect(await page.getByTestId('wall-live-tag').allTextContents()).toEqual(['● 实时', '● 实时']);
    expect(await page.getByTestId('wall-kpis-caption').textContent()).toBe('近7日 · 实时');

    await page
      .getByTestId('wall-playback')
      .getByRole('button', { name: /第\d+周/ })
      .nth(3)
      .click();
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-mode')).toBe('playback');
    const week = `第${/第(\d+)周/.exec((await page.getByTestId('wall-playback').locator('[aria-current="step"]').textContent())!)![1]}周`;
    const banner = page.getByTestId('wall-week');
    await expect.poll(() => banner.textContent()).toContain(week);
    const dates = (await banner.locator('.wall-week-dates').textContent())!;
    // The KPIs, the map's legend and its heat entry name the same week as the header.
    expect(await page.getByTestId('wall-kpis-caption').textContent()).toContain(week);
    // Until the week's own figures arrive, the cards are marked loading, never the previous week's as this one's.
    await expect.poll(() => page.locator('.wall-kpis').getAttribute('data-pending')).toBe('false');
    await expect.poll(async () => (await page.locator('.wall-legend-period').textContent())?.trim()).toBe(dates);
    expect(await page.locator('[data-testid="wall-legend"] [data-key="heat"]').textContent()).toContain(week);
    // Today's alerts are not drawn on the week's map; the alert and event panels say they stay live.
    expect(await page.locator('[data-testid="wall-legend"] [data-key^="alert-"]').count()).toBe(0);
    expect(await page.getByTestId('wall-live-tag').allTextContents()).toEqual(['● 实时 · 不随回放', '● 实时 · 不随回放']);
    for (const tag of await page.getByTestId('wall-live-tag').all()) expect(await tag.isVisible()).toBe(true);
    expect(await page.getByTestId('wall-asof').textContent()).toMatch(/^预警与动态截至 \d{2}:\d{2}$/);
    // The week is in the header, not over the map, and the map kept its size.
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(overlap((await banner.boundingBox())!, map)).toBe(false);
    expect(map).toEqual(liveMap);
    await page.screenshot({ path: path.join(SHOTS, 'wall-screen-playback-1920x1080.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-mode')).toBe('live');
    expect(await page.getByTestId('wall-kpis-caption').textContent()).toBe('近7日 · 实时');
    await context.close();
  });

  it('the URL sets the panels and the carousel: ?panels=map,alerts&carousel=5 shows the map and the alerts, and moves on to a township', async () => {
    const { context, page } = await openWall(1920, 1080);
    const full = (await page.getByTestId('map').boundingBox())!;
    await context.close();
    const context2 = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInContext(context2, server.origin, 'demo-wall');
    const page2 = await context2.newPage();
    await page2.goto(`${server.origin}/wall?panels=map,alerts&carousel=5`);
    await waitForMap(page2);
    expect(await page2.getByTestId('wall-alerts').isVisible()).toBe(true);
    for (const gone of ['wall-kpi-disputes', 'wall-ticker', 'wall-playback']) expect(await page2.getByTestId(gone).count(), gone).toBe(0);
    // The left-out KPI column is the map's now.
    expect((await page2.getByTestId('map').boundingBox())!.width).toBeGreaterThan(full.width + 250);
    await expect.poll(() => page2.getByTestId('wall').getAttribute('data-township'), { timeout: 20_000 }).toMatch(/^\d{9}$/);
    await context2.close();
  });
});
