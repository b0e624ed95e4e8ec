import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, ensureBuild, startAppServer } from './support/app-server.ts';
import { apiGet, signInContext } from './support/auth.ts';
import { launchChromium, waitForMap } from './support/browser.ts';
import { SHOTS } from './support/suite.ts';

/**
 * "导出图片" on the dashboard: the PNG is a composed figure (title, scope, period, as-of time, map,
 * legend with its hatch beside the map, boundary note) at slide size, with no controls in it, and
 * the export is reported to the audit log. Exported on Wednesday 2 Dec 2026, 13:00 (Asia/Shanghai):
 * a closed period is as of its end, a running one as of now.
 */
const APP_NOW = '2026-12-02T05:00:00.000Z';
/** A township with villages under the "no information" hatch in the seeded data. */
const HONGSHI = '洪市镇';
const app = {} as { server: AppServer; browser: Browser };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureBuild((s) => console.log(s));
  app.server = await startAppServer({ env: { APP_NOW } });
  app.browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await app.browser?.close();
  await app.server?.stop();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Distinct colours and luminance deviation of a region of a PNG, decoded in the page. */
function regionStats(page: Page, png: Buffer, clip: { x: number; y: number; width: number; height: number }) {
  return page.evaluate(
    async ([b64, c]) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(c.x, c.y, c.width, c.height);
      const colours = new Set<number>();
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < data.length; i += 4) {
        const l = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
        sum += l;
        sumSq += l * l;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      const n = data.length / 4;
      const mean = sum / n;
      return { colours: colours.size, stdev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
    },
    [png.toString('base64'), clip] as const,
  );
}

interface Case {
  pathAndQuery: string;
  scopeName: string;
  /** The rate's label: per 1,000 over a year, per 10,000 over a week. */
  metric: string;
  asOf: string;
  shot: string;
}

async function exportAt(width: number, height: number, { pathAndQuery, scopeName, metric, asOf, shot }: Case): Promise<void> {
  const context = await app.browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  await signInContext(context, app.server.origin, 'demo-county');
  const page = await context.newPage();
  await page.goto(`${app.server.origin}${pathAndQuery}`);
  await waitForMap(page);
  await page.getByTestId('legend-silent').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId('scope-title').textContent(), { timeout: 20_000 }).toBe(scopeName);
  await page.waitForTimeout(1500); // the camera settles on the scope
  const period = (await page.getByTestId('period-dates').textContent())!;

  const audit = page.waitForResponse((r) => r.url().endsWith('/api/exports') && r.request().method() === 'POST');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dashboard-\d{4}-\d{2}-\d{2}-\d{4}\.png$/);
  const saved = (await file.path())!;
  const png = readFileSync(saved);
  copyFileSync(saved, path.join(SHOTS, `export-${shot}.png`));
  expect((await audit).status()).toBeLessThan(300);

  // A slide, whatever the screen.
  expect(pngSize(png)).toEqual({ width: 1920, height: 1080 });

  // What was painted: the composed figure, kept hidden in the page after the export.
  const figure = page.getByTestId('export-figure');
  const text = (await figure.textContent())!;
  expect(text).toContain(`衡阳县政法综治态势 · ${metric}`);
  expect(text).toContain(`范围：衡阳县${scopeName === '衡阳县' ? '' : ` / ${scopeName}`}`);
  expect(text).toContain(`时段：${period}`);
  // Up to when the numbers count, not when the button was pressed.
  expect(text).toContain(asOf);
  expect(text).toContain('注：乡镇、村（社区）边界为根据驻地生成的近似边界');
  expect(text).toContain('无信息');
  // None of the page's chrome: no controls, none of the header's buttons.
  expect(await figure.locator('button, input, select, textarea, [role="button"], [role="checkbox"], [role="radio"]').count()).toBe(0);
  for (const chrome of ['大屏模式', '退出登录', '导出图片', '分级着色']) expect(text).not.toContain(chrome);

  // The hatch swatch was painted as a hatch: two colours or more, not a blank box.
  const [x, y, w, h] = (await figure.getAttribute('data-hatch-rect'))!.split(',').map(Number) as [number, number, number, number];
  expect(w).toBeGreaterThanOrEqual(20);
  const hatch = await regionStats(page, png, { x: x + 2, y: y + 2, width: w - 4, height: h - 4 });
  expect(hatch.colours).toBeGreaterThanOrEqual(2);
  expect(hatch.stdev).toBeGreaterThan(10);
  // The legend sits beside the map, not across an empty band.
  const gap = Number(await figure.getAttribute('data-map-legend-gap'));
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(40);
  // And the map is there, not a blank canvas.
  const map = await regionStats(page, png, { x: 100, y: 200, width: 1200, height: 700 });
  expect(map.colours).toBeGreaterThan(50);
  await context.close();
}

describe('export PNG in a real browser', () => {
  it('county at 1366x768, last 12 months: a 1920x1080 figure with title, scope, period, as-of now, legend hatch and note, no controls', async () => {
    await exportAt(1366, 768, { pathAndQuery: '/', scopeName: '衡阳县', metric: '每千人纠纷数', asOf: '数据截至 12月2日 13:00', shot: '1366x768' });
  });

  it('county at 1920x1080, this week: as of now, labelled as the unfinished week the header names', async () => {
    await exportAt(1920, 1080, { pathAndQuery: '/?p=thisWeek', scopeName: '衡阳县', metric: '每万人纠纷数', asOf: '数据截至 12月2日 13:00（本周未完）', shot: 'this-week' });
  });

  it('township at 1920x1080, last week (closed): as of the end of its Sunday, not the export time', async () => {
    const { body } = await apiGet<{ features: { properties: { code: string; name: string } }[] }>(app.server.origin, '/api/townships');
    const code = body.features.find((f) => f.properties.name === HONGSHI)!.properties.code;
    await exportAt(1920, 1080, { pathAndQuery: `/?t=${code}&p=lastWeek`, scopeName: HONGSHI, metric: '每万人纠纷数', asOf: '数据截至 11月29日 24:00', shot: 'last-week-township' });
  });
});
