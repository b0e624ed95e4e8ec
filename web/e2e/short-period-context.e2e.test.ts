import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, quarterStart, shanghaiDate } from '../../api/contract/calendar.ts';
import { signInContext } from './support/auth.ts';
import { waitForMap } from './support/browser.ts';
import { appInBrowser, SHOTS } from './support/suite.ts';

/**
 * Context for a short period (issue 13, item 5), in the built dashboard: 本周's trend shows the 11
 * whole weeks before it with the week shaded, coverage says the quarter it counts in, and the
 * coverage list shows visits against the rule.
 */
const app = appInBrowser();

async function openPage(width: number, height: number, pathAndQuery: string): Promise<{ context: BrowserContext; page: Page; trendUrls: URL[] }> {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, app.server.origin, 'demo-county');
  const page = await context.newPage();
  const trendUrls: URL[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/stats/trend') trendUrls.push(u);
  });
  await page.goto(`${app.server.origin}${pathAndQuery}`);
  await waitForMap(page);
  return { context, page, trendUrls };
}

const mondayOf = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));

describe('short periods in a real browser', () => {
  it('本周: the trend asks for 12 weeks and shades the running week; coverage gives its quarter and visits against the rule', async () => {
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const { context, page, trendUrls } = await openPage(w, h, '/?p=thisWeek&m=coverage');
      await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
      const today = shanghaiDate(new Date());
      // Two requests: the 11 whole weeks before, and the week itself (its buckets hold only its days).
      const asked = trendUrls.map((u) => [u.searchParams.get('from'), u.searchParams.get('to')]);
      expect(asked).toContainEqual([addDays(mondayOf(today), -77), addDays(mondayOf(today), -1)]);
      expect(asked).toContainEqual([mondayOf(today), today]);
      expect(await page.getByTestId('trend-context').textContent()).toMatch(/^所选期间 .+（高亮）及之前 11 周，共 12 周$/);

      // Coverage is per quarter whatever the header says: the legend and the panel name the quarter.
      const q = quarterStart(today);
      const qFirst = `${Number(q.slice(5, 7))}月1日`;
      // The legend names the quarter and up to when it is counted; the panel gives its dates.
      const qName = `${q.slice(0, 4)}年第${(Number(q.slice(5, 7)) - 1) / 3 + 1}季度`;
      await expect.poll(() => page.getByTestId('legend').textContent(), { timeout: 30_000 }).toContain(qName);
      const panel = page.getByTestId('coverage-panel');
      await panel.getByTestId('coverage-villages').waitFor({ timeout: 30_000 });
      expect(await panel.locator('h2').textContent()).toContain(qFirst);
      expect(await panel.locator('h2').textContent()).toContain('每村需走访 3 次');
      const visits = await panel.locator('[data-testid="coverage-villages"] .cov-row .cov-num:nth-child(4)').allTextContents();
      expect(visits.length).toBeGreaterThan(0);
      for (const v of visits) expect(v).toMatch(/^\d+\/3$/);

      await page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, `short-period-this-week-${w}x${h}.png`) });
      await context.close();
    }
  });

  it('近12个月: the trend asks for the period itself, with no band and no context line', async () => {
    const { context, page, trendUrls } = await openPage(1366, 768, '/');
    await page.getByTestId('trend-chart').waitFor({ timeout: 30_000 });
    const today = shanghaiDate(new Date());
    expect(trendUrls.at(-1)!.searchParams.get('from')).toBe(addDays(today, -364));
    expect(await page.getByTestId('trend-context').count()).toBe(0);
    await context.close();
  });
});
