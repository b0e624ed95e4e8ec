import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, ensureBuild, ROOT, startAppServer } from './support/app-server.ts';
import { apiGet, DEMO_PASSWORD, signInContext } from './support/auth.ts';
import { launchChromium } from './support/browser.ts';

/**
 * Weeks that exist (issue 13): on Wednesday 2 Dec 2026 at 13:00 (Asia/Shanghai) the current week
 * 2026-W49 is partial and compared with the same days of last week; 2026-W50 has not started and is
 * refused by the API, the page and the CLI; parameters the page cannot honour are refused, and so
 * is every request the API refuses (a week before 2000, an unknown township), with the API's reason.
 */
const APP_NOW = '2026-12-02T05:00:00.000Z';

let server: AppServer;
let browser: Browser;

async function open(search: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await signInContext(context, server.origin, 'demo-county');
  const page = await context.newPage();
  await page.goto(`${server.origin}/briefing${search}`);
  return page;
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

describe('briefing weeks', () => {
  it('the API refuses a week not started with 422 and answers the running week as partial', async () => {
    const future = await apiGet<{ error: { code: string; fields: { week: string } } }>(server.origin, '/api/briefing?week=2026-W50');
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('week_not_started');
    const running = await apiGet<{ partial: boolean; asOf: string; summary: { previousPeriod: { from: string; to: string; until: string } } }>(
      server.origin,
      '/api/briefing?week=2026-W49',
    );
    expect(running.body).toMatchObject({ partial: true, asOf: APP_NOW });
    expect(running.body.summary.previousPeriod).toMatchObject({ from: '2026-11-23', to: '2026-11-25', until: '2026-11-25T05:00:00.000Z' });
  });

  it('the page for the running week says it is partial, as of when, and compares with the same days of last week', async () => {
    const page = await open('?week=2026-W49');
    await page.locator('[data-briefing-ready="true"]').waitFor({ state: 'attached', timeout: 90_000 });
    expect(await page.getByTestId('brief-partial').textContent()).toContain('截至 12月2日 13:00（本周未完');
    const deltas = await page
      .locator('.brief-kpi')
      .evaluateAll((cards) => cards.map((c) => [c.getAttribute('data-field'), c.querySelector('.brief-kpi-delta')?.textContent ?? '']));
    expect(deltas.length).toBe(6);
    // Coverage counts its quarter to date: against the same point of last quarter, the flows against last week's same days.
    for (const [field, d] of deltas) expect(d).toContain(field === 'coverage.rate' ? '较上季度同期' : '较上周同期');
    const sentences = (await page.getByTestId('brief-sentences').locator('li').allTextContents()).join('');
    expect(sentences).toContain('12月2日13:00（本周未完）');
    expect(sentences).not.toContain('12月6日');
    await page.context().close();
  });

  it.each([
    ['?week=2026-W50', 'week_not_started', '2026-W50 尚未开始'],
    ['?week=2026-W49&lang=en', 'invalid_parameters', 'lang=en：周报仅提供中文版'],
    ['?week=2026-W48&metric=bogus', 'invalid_parameters', 'metric=bogus'],
    // Refused by the API (400), not by the page: the API's own reason, in the same marked block.
    ['?week=1999-W52', 'invalid_request', 'week=1999-W52：expected a week whose days lie between 2000-01-01 and 2099-12-31'],
    ['?week=2026-W48&township=430421999', 'invalid_request', 'township=430421999：no township with code 430421999'],
  ])('the page refuses %s with a message', async (search, code, text) => {
    const page = await open(search);
    const refused = page.locator('[data-briefing-error]');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.getAttribute('data-briefing-error')).toBe(code);
    expect(await refused.textContent()).toContain(text);
    await page.context().close();
  });

  it('the CLI refuses a week not started and exits 1', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/briefing.ts', '--week', '2026-W50', '--url', server.origin, '--user', 'demo-county'], {
      cwd: ROOT,
      env: { ...process.env, APP_NOW, BRIEFING_PASSWORD: DEMO_PASSWORD },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2026-W50 has not started yet');
  });

  it('the CLI reports a township the API does not know, and exits 1 without waiting out its 90 s', () => {
    const started = Date.now();
    const r = spawnSync('npx', ['tsx', 'scripts/briefing.ts', '--week', '2026-W48', '--township', '430421999', '--url', server.origin, '--user', 'demo-county'], {
      cwd: ROOT,
      env: { ...process.env, APP_NOW, BRIEFING_PASSWORD: DEMO_PASSWORD },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no township with code 430421999');
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it.each([
    ['a township outside the account (403 out_of_scope)', 'demo-township', ['--township', '430421111'], 'out_of_scope'],
    ['an account whose landing page is not the briefing (the wall)', 'demo-wall', [], 'instead of the briefing'],
  ])('the CLI refuses %s with the reason, writing nothing', (_name, user, extra, reason) => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-refused-'));
    const r = spawnSync('npx', ['tsx', 'scripts/briefing.ts', '--week', '2026-W48', ...extra, '--url', server.origin, '--user', user, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, APP_NOW, BRIEFING_PASSWORD: DEMO_PASSWORD },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(reason);
    expect(readdirSync(out)).toEqual([]);
  });

  it("the CLI gives a township account without --township its own township's briefing", () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-own-'));
    const r = spawnSync('npx', ['tsx', 'scripts/briefing.ts', '--week', '2026-W48', '--url', server.origin, '--user', 'demo-township', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, APP_NOW, BRIEFING_PASSWORD: DEMO_PASSWORD },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    // The PDF, the slide PNG, and a -p2.png, ... per campaign page (净网, county-wide, runs through W48).
    const files = readdirSync(out).sort();
    expect(files.filter((f) => !/-p\d+\.png$/.test(f))).toEqual(['briefing-2026-W48-430421110.pdf', 'briefing-2026-W48-430421110.png']);
    expect(files).toContain('briefing-2026-W48-430421110-p2.png');
  });
});
