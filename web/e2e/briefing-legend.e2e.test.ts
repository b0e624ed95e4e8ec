import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, ensureBuild, startAppServer } from './support/app-server.ts';
import { signInContext } from './support/auth.ts';
import { launchChromium } from './support/browser.ts';

/**
 * The briefing map's heading and legend on Wednesday 2 Dec 2026, 13:00 (Asia/Shanghai), 2026-W49
 * running: for every metric the page accepts, the heading names the quantity the legend's title
 * (with its unit) and the colours show; the legend's period says up to when a running week counts,
 * and coverage states its quarter.
 */
const APP_NOW = '2026-12-02T05:00:00.000Z';
const METRICS = ['disputes', 'disputeRate', 'mediationSuccessRate', 'hazards', 'hazardsOpen', 'hazardsOverdue', 'coverageRate'] as const;

let server: AppServer;
let browser: Browser;

interface MapCard {
  heading: string;
  title: string;
  period: string;
  mapMetric: string;
}

async function open(search: string): Promise<{ page: Page; card: MapCard }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, server.origin, 'demo-county');
  const page = await context.newPage();
  await page.goto(`${server.origin}/briefing${search}`);
  await page.locator('[data-briefing-ready="true"]').waitFor({ state: 'attached', timeout: 90_000 });
  const card = {
    heading: (await page.getByTestId('brief-map-heading').textContent()) ?? '',
    title: (await page.getByTestId('brief-legend-title').textContent()) ?? '',
    period: (await page.getByTestId('brief-legend-period').textContent()) ?? '',
    mapMetric: (await page.getByTestId('brief-legend').getAttribute('data-metric')) ?? '',
  };
  return { page, card };
}

beforeAll(async () => {
  ensureBuild((s) => console.log(s));
  server = await startAppServer({ env: { APP_NOW } });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('briefing map legend', () => {
  it('the running week: the legend says up to when, in the header words, and never names the Sunday', async () => {
    const { page, card } = await open('?week=2026-W49');
    expect(card.period).toContain('截至 12月2日 13:00（本周未完）');
    expect(card.period).not.toContain('12月6日');
    // The header says it with the same helper.
    expect(await page.getByTestId('brief-partial').textContent()).toContain('截至 12月2日 13:00（本周未完）');
    await page.context().close();
  });

  it('a closed week: the legend gives its dates', async () => {
    const { page, card } = await open('?week=2026-W48');
    expect(card.period).toBe('2026年11月23日至11月29日');
    await page.context().close();
  });

  it('coverage states its quarter, up to when it counts', async () => {
    const running = await open('?week=2026-W49&metric=coverageRate');
    expect(running.card.period).toBe('2026年第4季度（截至 12月2日 13:00）');
    await running.page.context().close();
    const closed = await open('?week=2026-W48&metric=coverageRate&township=430421110');
    expect(closed.card.period).toBe('2026年第4季度（截至 11月29日 24:00）');
    await closed.page.context().close();
  });

  it('for every metric, the heading names the quantity of the legend title and the colours', async () => {
    const seen: Record<string, MapCard> = {};
    for (const metric of METRICS) {
      const { page, card } = await open(`?week=2026-W49&metric=${metric}`);
      seen[metric] = card;
      const quantity = card.heading
        .replace(/^各乡镇/, '')
        .replace(/（.*$/, '')
        .trim();
      expect(quantity, metric).not.toBe('');
      expect(card.title.startsWith(quantity), `${metric}: heading "${card.heading}" vs legend "${card.title}"`).toBe(true);
      await page.context().close();
    }
    // Counts have no choropleth: metric=disputes is mapped as the rate and says the ranking is by counts.
    expect(seen.disputes).toMatchObject({ mapMetric: 'disputeRate', title: '每万人纠纷数（件/万人）' });
    expect(seen.disputes!.heading).toContain('排名按矛盾纠纷数（件）');
    expect(seen.hazards).toMatchObject({ mapMetric: 'hazardsOpen', title: '未办结隐患（件）' });
    expect(seen.coverageRate!.mapMetric).toBe('coverage');
  });
});
