import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shownValue } from '../src/features/map/class-breaks.ts';
import { signInContext } from './support/auth.ts';
import { waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * Issue 13, items 1 and 4, in the built dashboard: for 本周 the legend is per 10,000 residents,
 * names its unit and period, and its classes are never empty, never two alike, and at least 4
 * wherever the units on screen have 8 distinct rates; the ranking names the same rate.
 */
const app = appInBrowser();

interface UnitRates {
  rates: number[];
}

/** The rates the map classes, as it classes them: from the townships or villages answer the page itself fetched. */
function captureRates(page: Page, pathname: string): UnitRates {
  const out: UnitRates = { rates: [] };
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (u.pathname !== pathname || !r.ok()) return;
    const body = (await r.json()) as { features: { properties: { disputes: number; population: number; silent?: boolean } }[] };
    // As the map classes them: a silent village is hatched, not classed, and a rate is classed as
    // the legend writes it (one decimal: 1.43 and 1.45 are one class, "1.4").
    out.rates = body.features
      .filter((f) => f.properties.population > 0 && f.properties.silent !== true)
      .map((f) => shownValue((f.properties.disputes / f.properties.population) * 10000, { decimals: 1 }));
  });
  return out;
}

async function readLegend(page: Page): Promise<{ title: string; labels: string[]; counts: number[] }> {
  const block = page.getByTestId('legend').locator('.legend-block').first();
  await expect.poll(() => block.locator('.legend-title').textContent(), { timeout: 30_000 }).toContain('每万人纠纷数');
  const rows = block.locator('.legend-classes > li:not([data-testid])');
  const labels = await rows.locator('.legend-label').allTextContents();
  const counts = (await rows.locator('.legend-count').allTextContents()).map((c) => Number(c.replace(/,/g, '')));
  return { title: (await block.locator('.legend-title').textContent()) ?? '', labels, counts };
}

describe('the legend over a short period', () => {
  for (const [level, query, pathname] of [
    ['county', '/?p=thisWeek', '/api/townships'],
    ['township', '/?p=thisWeek&t=430421110', '/api/villages'],
  ] as const) {
    it(`本周 at ${level} level: per 10,000 with unit and period, classes never empty or alike`, async () => {
      for (const [w, h] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        const context = await app.browser.newContext({ viewport: { width: w, height: h }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        await signInContext(context, app.server.origin, 'demo-county');
        const page = await context.newPage();
        const seen = captureRates(page, pathname);
        await page.goto(`${app.server.origin}${query}`);
        await waitForMap(page);
        const legend = await readLegend(page);
        expect(legend.title).toContain('（件/万人）');
        expect(legend.title).toMatch(/\d+月\d+日/);
        expect(legend.title).not.toContain('每千人');
        const classes = legend.labels.filter((l) => l !== '无数据');
        const counts = legend.counts.slice(0, classes.length);
        expect(counts.every((c) => c > 0)).toBe(true);
        expect(new Set(classes).size).toBe(classes.length);
        for (const l of classes) {
          const [lo, hi] = l.split('–');
          if (hi !== undefined) expect(lo).not.toBe(hi);
        }
        await expect.poll(() => seen.rates.length, { timeout: 30_000 }).toBeGreaterThan(0);
        const distinct = new Set(seen.rates).size;
        if (distinct >= 8) expect(classes.length).toBeGreaterThanOrEqual(4);
        else expect(classes.length).toBe(distinct);

        // The ranking names the same rate, and says the order is the smoothed one.
        const ranking = page.locator('#ranking-title');
        await ranking.waitFor({ timeout: 30_000 });
        expect(await ranking.textContent()).toContain('每万人纠纷数');
        expect(await page.getByTestId('ranking-note').textContent()).toContain('平滑后');
        await page.screenshot({ path: path.join(SHOTS, `legend-this-week-${level}-${w}x${h}.png`) });
        await context.close();
      }
    });
  }
});
