/**
 * npm run briefing -- --week 2026-W47 [--township 430421110] [--metric disputeRate] [--out DIR] [--url http://host:port]
 * Renders the weekly briefing page (/briefing) in headless Debian Chromium and writes a
 * 1920x1080 PNG (for a slide), one more (-p2.png, ...) per campaign running in the week, and an A4
 * landscape PDF of those pages. Uses the running server (the one
 * holding DATA_DIR, or --url), else starts one inside this process on the configured database.
 * Signs in with the local CLI token of the server holding DATA_DIR (or of the one it starts);
 * with --url, as --user with the password in the BRIEFING_PASSWORD environment variable.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { FailureThrottle } from '../api/auth/throttle.ts';
import { loadConfig } from '../api/config.ts';
import { addDays, isoWeek, isoWeekRange, shanghaiDate } from '../api/contract/calendar.ts';
import { MAX_DATE, MIN_DATE } from '../api/contract/case-filter.ts';
import { readLock } from '../api/db/lock.ts';
import { migrate } from '../api/db/migrate.ts';
import { seedIfEmpty } from '../api/seed/seed.ts';
import { createServerApp } from '../api/server.ts';
import { cliArgs, UsageError } from './cli-args.ts';
import { openCliDb } from './cli-db.ts';

const USAGE =
  'usage: npm run briefing -- --week 2026-W47 [--township 430421110] [--metric disputeRate] [--out DIR] [--url http://127.0.0.1:8080 --user NAME (password in BRIEFING_PASSWORD)]';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--use-gl=angle',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Target {
  base: string;
  /** Headers that make the page's requests signed in (a bearer token or a session cookie). */
  auth: Record<string, string>;
  stop: () => Promise<void>;
}

/** Signs in as a user of a remote server; answers the session cookie header. */
export async function signInHeaders(base: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${username} at ${base} failed (${res.status})`);
  const cookie = /hy_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('the server set no session cookie');
  return { cookie };
}

/** The server to render from: --url, the server holding DATA_DIR, or one started here. */
async function target(url: string | undefined, user: string | undefined): Promise<Target> {
  const config = loadConfig({ ...process.env, LOG_REQUESTS: 'false' });
  if (url) {
    console.log(`using the server at ${url}`);
    const password = process.env.BRIEFING_PASSWORD;
    if (!user || !password) throw new Error(`--url needs --user and the BRIEFING_PASSWORD environment variable\n${USAGE}`);
    const base = url.replace(/\/$/, '');
    return { base, auth: await signInHeaders(base, user, password), stop: async () => {} };
  }
  const held = config.DATABASE_URL ? null : readLock(path.resolve(config.DATA_DIR));
  if (held) {
    const base = `http://127.0.0.1:${held.port}`;
    console.log(`using the running server at ${base}`);
    if (!held.cliToken) throw new Error('the running server gave no CLI token in its server.json; restart it');
    return { base, auth: { Authorization: `Bearer ${held.cliToken}` }, stop: async () => {} };
  }
  if (!existsSync(path.resolve(config.WEB_DIST, 'index.html'))) throw new Error(`the web app is not built (${config.WEB_DIST}): run npm run build`);
  const { db, where } = await openCliDb(config);
  await migrate(db);
  const now = config.APP_NOW ? new Date(config.APP_NOW) : new Date();
  await seedIfEmpty(db, { seed: config.SEED, scale: config.SEED_SCALE, now });
  const cliToken = randomBytes(32).toString('base64url');
  const app = createServerApp({ db, config, now: () => now, throttle: new FailureThrottle(), cliToken });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`started a server inside this process at ${base} on the ${where}`);
  return {
    base,
    auth: { Authorization: `Bearer ${cliToken}` },
    stop: async () => {
      server.close();
      await db.close();
    },
  };
}

/** Throws with the API's reason when it refuses the briefing (any 4xx/5xx with an error body). */
export async function briefingAllowed(base: string, params: URLSearchParams, auth: Record<string, string>, week: string): Promise<void> {
  const res = await fetch(`${base}/api/briefing?${params}`, { headers: auth });
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
  const fields = Object.entries(body?.error?.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
  throw new Error(`no briefing for ${week}: HTTP ${res.status} ${body?.error?.code ?? ''} ${[body?.error?.message, ...fields].filter(Boolean).join('; ')}`.trim());
}

export async function renderBriefing(base: string, q: { week: string; township?: string; metric?: string }, out: string, auth: Record<string, string> = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.`);
  }
  const params = new URLSearchParams({ week: q.week, ...(q.township ? { township: q.township } : {}), ...(q.metric ? { metric: q.metric } : {}) });
  // The API's answer first: a refusal (403 out_of_scope, 422, 400) is reported with its reason before
  // Chromium starts, and the page cannot quietly show the account's own township instead.
  await briefingAllowed(base, params, auth, q.week);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', extraHTTPHeaders: auth });
    await page.goto(`${base}/briefing?${params}`, { waitUntil: 'load' });
    // The page sets data-briefing-ready once its data is in and its map has drawn, or shows
    // data-briefing-error with why it has no briefing (a week not started, a refused parameter).
    // An account whose landing page is elsewhere (the wall) is sent away instead: that ends the wait too.
    const settled = page.waitForSelector('[data-briefing-ready="true"], [data-briefing-error]', { timeout: 90_000 });
    const sentAway = page.waitForURL((u) => u.pathname !== '/briefing', { timeout: 90_000 });
    // The loser of the race rejects later (timeout, or the browser closing): handled, not a crash.
    for (const p of [settled, sentAway]) p.catch(() => {});
    await Promise.race([settled, sentAway]);
    const landed = new URL(page.url());
    // A township account without --township is shown its own township (the page adds it): that is the briefing asked for.
    const asked = params.get('township');
    const shown = landed.searchParams.get('township');
    if (landed.pathname !== '/briefing' || (asked !== null && shown !== asked)) {
      throw new Error(`no briefing for ${q.week}: this account is sent to ${landed.pathname}${landed.search} instead of the briefing asked for`);
    }
    const refused = await page.$('[data-briefing-error]');
    if (refused) throw new Error(`no briefing for ${q.week}: ${((await refused.textContent()) ?? '').replace(/\s+/g, ' ').trim()}`);
    mkdirSync(out, { recursive: true });
    // The metric is in the name when asked for, so renderings of one week by two metrics do not overwrite each other.
    const stem = path.join(out, `briefing-${q.week}${shown ? `-${shown}` : ''}${q.metric ? `-${q.metric}` : ''}`);
    await page.screenshot({ path: `${stem}.png`, fullPage: false });
    // A campaign running in the week has a page of its own after the week's (one more PDF sheet): a slide each too.
    const pages: string[] = [];
    for (const [i, campaignPage] of (await page.$$('[data-testid="brief-campaign-page"]')).entries()) {
      pages.push(`${stem}-p${i + 2}.png`);
      await campaignPage.screenshot({ path: pages.at(-1)! });
    }
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: `${stem}.pdf`, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    return { png: `${stem}.png`, pages, pdf: `${stem}.pdf` };
  } finally {
    await browser.close();
  }
}

/**
 * Why there is no briefing for `week` yet (it starts after today, Asia/Shanghai), or null. The
 * server refuses such a week too (422 week_not_started); saying so here spares starting Chromium.
 */
export function weekNotStarted(week: string, now: Date): string | null {
  const range = isoWeekRange(week);
  const today = shanghaiDate(now);
  if (!range || range.from <= today) return null;
  return `${week} has not started yet: it starts on ${range.from}, and today is ${today} (the current week is ${isoWeek(today)}). 该周尚未开始，没有周报。`;
}

/**
 * Why `week` names no briefing week, or null: it must be an ISO week whose days lie in the years
 * the API serves (as the server says, before any date arithmetic: a year like 0000 is no date).
 */
export function weekProblem(week: string): string | null {
  const notAWeek = `--week must be an ISO week like 2026-W47, not ${week}`;
  const outside = `--week ${week} lies outside ${MIN_DATE}..${MAX_DATE}, the years the dashboard serves`;
  const m = /^(\d{4})-W\d{2}$/.exec(week);
  if (!m) return notAWeek;
  const year = Number(m[1]);
  if (year < 1999 || year > 2100) return outside;
  const range = isoWeekRange(week);
  if (!range) return notAWeek;
  return range.from < MIN_DATE || range.to > MAX_DATE ? outside : null;
}

/** The declared flags (an unknown one, or one without its value, is refused with the usage). */
function briefingArgs(argv: string[]) {
  const string = { type: 'string' } as const;
  try {
    return cliArgs(argv, USAGE, { week: string, township: string, metric: string, out: string, url: string, user: string }).values;
  } catch (e) {
    throw e instanceof UsageError ? new Error(`${e.message}\n${USAGE}`) : e;
  }
}

async function main(argv: string[]): Promise<number> {
  const f = briefingArgs(argv);
  if (f.help) {
    console.log(USAGE);
    return 0;
  }
  // One clock for the default week and the not-started check (APP_NOW pins both for demos).
  const now = process.env.APP_NOW ? new Date(process.env.APP_NOW) : new Date();
  const week = f.week ?? isoWeek(addDays(shanghaiDate(now), -7));
  const problem = weekProblem(week);
  if (problem) throw new Error(`${problem}\n${USAGE}`);
  const notStarted = weekNotStarted(week, now);
  if (notStarted) throw new Error(notStarted);
  const township = f.township;
  if (township && !/^\d{9}$/.test(township)) throw new Error(`--township must be a 9-digit code\n${USAGE}`);
  const t = await target(f.url, f.user);
  try {
    const files = await renderBriefing(t.base, { week, township, metric: f.metric }, path.resolve(f.out ?? 'briefings'), t.auth);
    console.log([files.png, ...files.pages, files.pdf].map((f) => `wrote ${f}`).join('\n'));
    return 0;
  } finally {
    await t.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`briefing: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
