import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, ensureBuild, startAppServer } from './support/app-server.ts';
import { apiGet, signInContext } from './support/auth.ts';
import { launchChromium, waitForMap } from './support/browser.ts';
import { SHOTS } from './support/suite.ts';

/**
 * Campaigns (专项行动) in the built dashboard: choosing one in the filter bar makes the map, the KPIs
 * and the campaign panel follow it, and clearing it brings the whole picture back. The campaigns
 * are the generator's (planned from the seed), read from the API rather than named here.
 * E2E_WEB_DIST serves a build made elsewhere instead of (re)building dist/.
 */
let server: AppServer;
let browser: Browser;
beforeAll(async () => {
  const dist = process.env.E2E_WEB_DIST;
  if (!dist) ensureBuild((s) => console.log(s));
  // First start seeds the database: minutes on a busy two-core machine.
  server = await startAppServer({ timeoutMs: 360_000, ...(dist ? { env: { WEB_DIST: dist } } : {}) });
  browser = await launchChromium();
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface CampaignRow {
  code: string;
  name: string;
  status: string;
  townships: string[] | null;
}

/** The first answer of `pathname` whose query has (or, with `null`, lacks) campaign=`code`. */
function answerOf(page: Page, pathname: string, code: string | null): Promise<Response> {
  return page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === pathname && u.searchParams.get('campaign') === code && r.status() === 200;
  });
}

/** A small picture of the map's canvas, to tell two drawings apart. */
async function mapPicture(page: Page): Promise<string> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const png = await page.screenshot({ clip: { x: box.x + 230, y: box.y + 20, width: box.width - 260, height: box.height - 200 } });
  return png.toString('base64');
}

const kpiDisputes = (page: Page) => page.getByTestId('kpi-disputes').locator('.kpi-value').textContent();

describe('a campaign chosen in the filter bar', () => {
  it('the map, the KPIs and the campaign panel follow it, and clearing it restores them', async () => {
    const { body } = await apiGet<{ campaigns: CampaignRow[] }>(server.origin, '/api/campaigns');
    // One limited to a few townships, so its map differs from the county's at a glance; and another.
    const first = body.campaigns.find((c) => c.townships !== null && c.status === 'ended') ?? body.campaigns[0]!;
    const second = body.campaigns.find((c) => c.code !== first.code)!;
    expect(first && second).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInContext(context, server.origin, 'demo-county');
    const page = await context.newPage();
    const everything = answerOf(page, '/api/stats/summary', null);
    await page.goto(server.origin);
    await waitForMap(page);
    const all = (await (await everything).json()) as { current: { disputes: { total: number } } };
    await expect.poll(() => kpiDisputes(page), { timeout: 30_000 }).toBe(all.current.disputes.total.toLocaleString('zh-CN'));
    await page.waitForTimeout(1000);
    const before = await mapPicture(page);
    expect(await page.getByTestId('campaign-panel').count()).toBe(0);

    // Choose the first campaign: the URL, the map's layer, the KPIs and the panel follow.
    const summary = answerOf(page, '/api/stats/summary', first.code);
    const townships = answerOf(page, '/api/townships', first.code);
    await page.getByTestId('filter-campaign').selectOption(first.code);
    await expect.poll(() => new URL(page.url()).searchParams.get('cp')).toBe(first.code);
    const tagged = (await (await summary).json()) as { current: { disputes: { total: number } } };
    await townships;
    expect(tagged.current.disputes.total).toBeLessThan(all.current.disputes.total);
    await expect.poll(() => kpiDisputes(page), { timeout: 30_000 }).toBe(tagged.current.disputes.total.toLocaleString('zh-CN'));
    await expect.poll(() => page.getByTestId('campaign-chip').textContent(), { timeout: 30_000 }).toBe(`专项行动：${first.name}`);
    const panel = page.getByTestId('campaign-panel');
    await expect.poll(() => panel.getAttribute('data-campaign'), { timeout: 30_000 }).toBe(first.code);
    await expect.poll(() => panel.getByTestId('campaign-sentences').locator('li').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const sentences = await panel.getByTestId('campaign-sentences').textContent();
    expect(sentences).toContain(`${first.name}专项行动`);
    expect(await panel.getByTestId('campaign-chart').locator('rect[data-phase="during"]').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('campaign-map').locator('path').count()).toBeGreaterThan(10);
    await page.waitForTimeout(1500);
    expect(await mapPicture(page)).not.toBe(before);
    await page.screenshot({ path: path.join(SHOTS, `campaign-${first.code}-1366x768.png`) });

    // Another campaign: the panel is that campaign's.
    await page.getByTestId('filter-campaign').selectOption(second.code);
    await expect.poll(() => panel.getAttribute('data-campaign'), { timeout: 30_000 }).toBe(second.code);
    await expect.poll(() => panel.getByTestId('campaign-sentences').textContent(), { timeout: 30_000 }).toContain(`${second.name}专项行动`);

    // Every case again: the county's figures and no panel.
    await page.getByTestId('filter-campaign').selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.get('cp')).toBeNull();
    await expect.poll(() => kpiDisputes(page), { timeout: 30_000 }).toBe(all.current.disputes.total.toLocaleString('zh-CN'));
    expect(await page.getByTestId('campaign-panel').count()).toBe(0);
    await context.close();
  }, 240_000);

  it('a link naming a campaign the account does not see shows every case and says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInContext(context, server.origin, 'demo-county');
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname.startsWith('/api/')) refused.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.origin}/?cp=no-such-campaign`);
    await waitForMap(page);
    await page.getByTestId('campaign-unknown').waitFor({ timeout: 30_000 });
    // Nothing was asked with the unknown code (the API would have answered 400).
    expect(refused).toEqual([]);
    await context.close();
  }, 120_000);

  it('the wall shows a running campaign over its map, legible from the room (no text under 18 px at 1080p, nothing cut off)', async () => {
    const { body } = await apiGet<{ campaigns: CampaignRow[] }>(server.origin, '/api/campaigns', 'demo-wall');
    const running = body.campaigns.find((c) => c.status === 'running');
    expect(running).toBeTruthy();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInContext(context, server.origin, 'demo-wall');
    const page = await context.newPage();
    await page.goto(`${server.origin}/wall?campaign=${running!.code}`);
    const panel = page.getByTestId('wall-campaign');
    await expect.poll(() => panel.getByTestId('campaign-sentences').locator('li').count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => panel.getByTestId('campaign-map').locator('text').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const fit = await panel.evaluate((root) => {
      const box = root.getBoundingClientRect();
      let smallest = Number.POSITIVE_INFINITY;
      const outside: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!text || el.closest('title')) continue;
        smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(el).fontSize));
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)) outside.push(el.textContent!.slice(0, 20));
      }
      return { smallest, outside, scrolls: root.scrollHeight > root.clientHeight + 1 };
    });
    expect(fit).toEqual({ smallest: expect.any(Number), outside: [], scrolls: false });
    expect(fit.smallest).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: path.join(SHOTS, 'wall-campaign-1920x1080.png') });
    await context.close();
  }, 180_000);
});
