import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekRange } from '../../api/contract/calendar.ts';
import { renderBriefing } from '../../scripts/briefing.ts';
import { briefingCampaigns } from '../src/features/briefing/briefing-campaigns.ts';
import { formatNumber, formatPercent } from '../src/features/i18n/format.ts';
import { type AppServer, ensureBuild, ROOT, startAppServer } from './support/app-server.ts';
import { apiGet, DEMO_PASSWORD, sessionCookie, signInContext } from './support/auth.ts';
import { launchChromium, pixelStats } from './support/browser.ts';

/**
 * The weekly briefing on two servers seeded differently (same "now", so the same week): the CLI's
 * PNG and PDF, the page's numbers against /api/stats/summary, and sentences that follow the data.
 */
const SHOTS = path.join(ROOT, 'screenshots');
const APP_NOW = '2026-11-25T04:00:00.000Z';
const WEEK = '2026-W47';
const RANGE = isoWeekRange(WEEK)!;

let seedA: AppServer;
let seedB: AppServer;
let browser: Browser;
const out = mkdtempSync(path.join(tmpdir(), 'hengyang-briefing-'));

interface Rendered {
  kpis: { field: string; value: string; previous: string; text: string }[];
  sentences: string[];
  topRows: number;
}

async function openBriefing(origin: string): Promise<{ page: Page; rendered: Rendered }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, origin, 'demo-county');
  const page = await context.newPage();
  await page.goto(`${origin}/briefing?week=${WEEK}&township=`);
  await page.locator('[data-briefing-ready="true"]').waitFor({ state: 'attached', timeout: 90_000 });
  const kpis = await page.locator('[data-field]').evaluateAll((els) =>
    els.map((e) => ({
      field: e.getAttribute('data-field')!,
      value: e.getAttribute('data-value')!,
      previous: e.getAttribute('data-previous')!,
      text: e.querySelector('.brief-kpi-value')!.textContent!,
    })),
  );
  const sentences = await page.getByTestId('brief-sentences').locator('li').allTextContents();
  const topRows = await page.getByTestId('brief-top').locator('tbody tr').count();
  return { page, rendered: { kpis, sentences, topRows } };
}

/** Share of an image's pixels in the choropleth's warm ramp (red well above blue); the basemap has none. */
function warmShare(page: Page, src: string): Promise<number> {
  return page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const ctx = new OffscreenCanvas(img.naturalWidth, img.naturalHeight).getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight);
    let warm = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! - data[i + 2]! > 60) warm++;
    return warm / (data.length / 4);
  }, src);
}

const at = (o: unknown, field: string): number | null => field.split('.').reduce((v, k) => (v as Record<string, unknown>)[k], o) as number | null;

async function summaryOf(origin: string) {
  return (await apiGet<{ current: object; previous: object }>(origin, `/api/stats/summary?from=${RANGE.from}&to=${RANGE.to}`)).body;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // E2E_WEB_DIST serves a build made elsewhere instead of (re)building dist/.
  const dist = process.env.E2E_WEB_DIST;
  if (!dist) ensureBuild((s) => console.log(s));
  const web: Record<string, string> = dist ? { WEB_DIST: dist } : {};
  [seedA, seedB] = await Promise.all([
    startAppServer({ timeoutMs: 360_000, env: { SEED: '20240101', APP_NOW, ...web } }),
    startAppServer({ timeoutMs: 360_000, env: { SEED: '777', APP_NOW, ...web } }),
  ]);
  browser = await launchChromium();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([seedA?.stop(), seedB?.stop()]);
  rmSync(out, { recursive: true, force: true });
});

describe('the weekly briefing', () => {
  it('the CLI writes a 1920x1080 PNG whose map is drawn, and an A4 landscape PDF of one page and one more per campaign running in the week', async () => {
    // The CLI renders the page signed in with the headers it is given (here a county session).
    const files = await renderBriefing(seedA.origin, { week: WEEK }, out, { cookie: await sessionCookie(seedA.origin, 'demo-county') });
    const png = readFileSync(files.png);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
    copyFileSync(files.png, path.join(SHOTS, `briefing-${WEEK}.png`));

    // Where the map sits on the page, then its pixels in the PNG shown in a bare page.
    const { page } = await openBriefing(seedA.origin);
    // What print shows: the snapshot holds the choropleth (warm fills), not the bare basemap of the
    // frame before (it was read inside deck.gl's render callback, before that frame was presented).
    expect(await warmShare(page, (await page.locator('.brief-map-snapshot').getAttribute('src'))!)).toBeGreaterThan(0.15);
    const box = (await page.getByTestId('briefing-map').boundingBox())!;
    await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${png.toString('base64')}"></body>`);
    const stats = await pixelStats(page, { x: Math.round(box.x + 130), y: Math.round(box.y + 60), width: Math.round(box.width - 220), height: Math.round(box.height - 140) });
    expect(stats.stdev).toBeGreaterThan(12);
    expect(stats.colours).toBeGreaterThan(50);
    await page.context().close();

    // The week's page, then a page (and a slide PNG) for each campaign running in it (issue 15).
    const { body } = await apiGet<{ campaigns: Parameters<typeof briefingCampaigns>[0] }>(seedA.origin, '/api/campaigns');
    const campaigns = briefingCampaigns(body.campaigns, RANGE, null).length;
    // The generator keeps 净网 running today, begun 35-70 days ago: the week has at least that one.
    expect(campaigns).toBeGreaterThan(0);
    expect(files.pages).toHaveLength(campaigns);
    for (const p of files.pages) expect([readFileSync(p).readUInt32BE(16), readFileSync(p).readUInt32BE(20)]).toEqual([1920, 1080]);
    const pdf = readFileSync(files.pdf, 'latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1 + campaigns);
    const [, , , w, h] = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!.map(Number);
    // A4 landscape: 297 x 210 mm = 842 x 595 pt.
    expect(Math.round(w!)).toBe(842);
    expect(Math.round(h!)).toBe(595);
    // The map goes into print as its snapshot image, not as a (blank-prone) WebGL canvas.
    expect(pdf).toMatch(/\/Subtype\s*\/Image/);
  });

  it('every KPI equals /api/stats/summary for the week, on both seeds, and the sentences follow the data', async () => {
    const rendered: Rendered[] = [];
    for (const server of [seedA, seedB]) {
      const { page, rendered: r } = await openBriefing(server.origin);
      const summary = await summaryOf(server.origin);
      expect(r.kpis).toHaveLength(6);
      for (const k of r.kpis) {
        const value = at(summary.current, k.field);
        expect(k.value, k.field).toBe(value === null ? '' : String(value));
        expect(k.previous, k.field).toBe(at(summary.previous, k.field) === null ? '' : String(at(summary.previous, k.field)));
        expect(k.text, k.field).toBe(k.field.endsWith('Rate') || k.field.endsWith('rate') ? formatPercent(value, 'zh') : formatNumber(value, 'zh'));
      }
      const api = (await apiGet<{ sentences: string[] }>(server.origin, `/api/briefing?week=${WEEK}`)).body;
      expect(r.sentences).toEqual(api.sentences);
      expect(r.sentences.length).toBeGreaterThanOrEqual(3);
      expect(r.sentences.length).toBeLessThanOrEqual(6);
      expect(r.topRows).toBe(10);
      rendered.push(r);
      await page.context().close();
    }
    // Two seeds, two different weeks on paper: the text is written from the data, not canned.
    expect(rendered[0]!.sentences).not.toEqual(rendered[1]!.sentences);
    expect(rendered[0]!.kpis.map((k) => k.value)).not.toEqual(rendered[1]!.kpis.map((k) => k.value));
  });

  it('the CLI says plainly when Chromium is missing', () => {
    // With --url the CLI signs in as a user, the password from the environment.
    const r = spawnSync('npx', ['tsx', 'scripts/briefing.ts', '--week', WEEK, '--url', seedA.origin, '--user', 'demo-county', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', BRIEFING_PASSWORD: DEMO_PASSWORD },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Chromium not found at \/nonexistent\/chromium.*apt-get install -y chromium/);
  });
});
