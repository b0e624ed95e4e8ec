/**
 * npm run soak:wall [-- --minutes 10 --every 10 --warmup 150] [--dist DIR | --url http://host:port]
 *
 * A wall left alone: /wall in headless Chromium at 1920x1080, refreshing every 2 s (the least
 * wall-params.ts allows) with the carousel at its fastest (5 s) and the burn-in shift every 5 s, so
 * minutes stand for hours (48 minutes make the 1,440 refreshes of a day on the default 60 s).
 * Every --every seconds, after a forced garbage collection: JS heap, DOM nodes, canvases, event
 * listeners, refreshes and carousel steps. The carousel comes back to a view every 130 s (county
 * and 25 townships at 5 s); sampling every 10 s lands on the same view again within two rounds,
 * so each half of the run holds every view (soak-wall-figures.ts, halvesOf). Halfway, the server is killed and started again on the
 * same port and data folder, and the wall must show fresh data again. Prints the samples and the
 * figures; exits 1 past a bound of soak-wall-figures.ts (BOUNDS), on any console or page error
 * outside the restart, or without recovery. Our own server by default (built web app from --dist,
 * else dist/ built if stale); --url soaks a running one as SOAK_USER/SOAK_PASSWORD (no restart).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { CDPSession, Page } from 'playwright-core';
import { DIST, ensureBuild } from '../web/e2e/support/app-server.ts';
import { launchChromium } from '../web/e2e/support/browser.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { freePort, ROOT, rmDir, sleep, table, tempDir } from './fault-support.ts';
import { failures, figuresOf, type Restart, type Sample, sampleTable, summaryRows } from './soak-wall-figures.ts';

const USAGE = 'usage: npm run soak:wall [-- --minutes 10 --every 10 --warmup 150] [--dist DIR | --url http://host:port]';
const { values: f } = cliArgsOrExit('soak:wall', USAGE, {
  minutes: { type: 'string', default: '10' },
  every: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '150' },
  dist: { type: 'string' },
  url: { type: 'string' },
});
const [MINUTES, EVERY_S, WARMUP_S] = [Number(f.minutes), Number(f.every), Number(f.warmup)];
if (!(MINUTES > 0 && EVERY_S > 0 && WARMUP_S >= 0) || WARMUP_S + 2 * EVERY_S > MINUTES * 60) {
  console.error(`soak:wall: --minutes must leave room for the warm-up and two samples after it\n${USAGE}`);
  process.exit(2);
}
const REFRESH_S = 2;
const QUERY = `?refresh=${REFRESH_S}&carousel=5&shiftEvery=5`;
/** Console errors this long after the wall recovered still count as the restart's (a request in flight). */
const RESTART_GRACE_MS = 5000;

interface OwnServer {
  origin: string;
  /** When it first answered /api/health. */
  upAt: number;
  kill: () => Promise<void>;
}

/** `node --import tsx api/main.ts` in its own process group, so the kill reaches the server itself. */
async function startServer(port: number, dataDir: string, dist: string): Promise<OwnServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', WEB_DIST: dist, LOG_REQUESTS: 'false' },
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', killGroup);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const origin = `http://127.0.0.1:${port}`;
  // The first start seeds the database.
  for (const deadline = Date.now() + 240_000; ; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${err}`);
    if (Date.now() > deadline) throw new Error(`server not healthy after 240 s:\n${err}`);
    const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (res?.status === 200) break;
  }
  const kill = () => {
    killGroup();
    return exited;
  };
  return { origin, upAt: Date.now(), kill };
}

const wallState = (page: Page) =>
  page.evaluate(() => {
    const wall = document.querySelector<HTMLElement>('[data-testid="wall"]');
    const scrolls = [document.documentElement, ...document.querySelectorAll('body *')].some((el) => {
      const s = getComputedStyle(el);
      const root = el === document.documentElement;
      const x = root || s.overflowX === 'auto' || s.overflowX === 'scroll';
      const y = root || s.overflowY === 'auto' || s.overflowY === 'scroll';
      return (x && el.scrollWidth > el.clientWidth) || (y && el.scrollHeight > el.clientHeight);
    });
    return {
      onWall: location.pathname === '/wall' && wall !== null,
      stale: wall?.dataset.stale === 'true',
      refreshedAt: Number(wall?.dataset.refreshedAt || 0),
      township: wall?.dataset.township ?? '',
      shift: wall?.dataset.shift ?? '',
      elements: document.querySelectorAll('*').length,
      canvases: document.querySelectorAll('canvas').length,
      carousel: (window as unknown as { __soakCarousel?: number }).__soakCarousel ?? 0,
      scrolls,
    };
  });

async function sample(page: Page, cdp: CDPSession, t0: number, refreshes: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const s = await wallState(page);
  return {
    t: (Date.now() - t0) / 1000,
    heapMB: (m.JSHeapUsedSize ?? 0) / 2 ** 20,
    nodes: m.Nodes ?? 0,
    elements: s.elements,
    canvases: s.canvases,
    listeners: m.JSEventListeners ?? 0,
    refreshes,
    carousel: s.carousel,
    township: s.township,
    shift: s.shift,
    stale: s.stale || !s.onWall,
    scrolls: s.scrolls,
  };
}

/**
 * Kill, start again on the same port and data, then wait for the wall to show data fetched after
 * the kill with no stale mark. Never throws: a server that does not come back is a failed soak.
 */
async function restart(page: Page, server: OwnServer, start: () => Promise<OwnServer>, log: (s: string) => void) {
  const from = Date.now();
  let sawStale = false;
  // The wall must notice the outage: polled apart from the recovery loop, which starts only once the server is back.
  const watch = setInterval(async () => {
    const s = await wallState(page).catch(() => null);
    if (s?.stale) sawStale = true;
  }, 500);
  await server.kill();
  log('server killed; starting it again on the same port and data folder');
  let next: OwnServer | null = null;
  let recovered: number | null = null;
  try {
    next = await start();
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
      const s = await wallState(page);
      sawStale ||= s.stale;
      if (s.onWall && !s.stale && s.refreshedAt > next.upAt) {
        recovered = Date.now();
        break;
      }
    }
  } catch (e) {
    log(`the server did not start again: ${e}`);
  } finally {
    clearInterval(watch);
  }
  const up = next?.upAt ?? Date.now();
  const restart: Restart = { downS: (up - from) / 1000, recoveryS: recovered === null ? null : (recovered - up) / 1000, sawStale };
  log(`server up after ${restart.downS.toFixed(1)} s; wall ${restart.recoveryS === null ? 'did NOT recover' : `fresh ${restart.recoveryS.toFixed(1)} s later`}`);
  return { restart, server: next, from, to: (recovered ?? Date.now()) + RESTART_GRACE_MS };
}

async function main() {
  // Seconds from the start until the wall opens, then from the wall opening (the samples' clock).
  let clock0 = Date.now();
  const log = (s: string) => console.log(`[${((Date.now() - clock0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  let server: OwnServer | null = null;
  let start: (() => Promise<OwnServer>) | null = null;
  let dataDir: string | null = null;
  if (!f.url) {
    if (!f.dist) ensureBuild(log);
    const dist = f.dist ?? DIST;
    const port = await freePort();
    dataDir = tempDir('hy-soak-wall-');
    start = () => startServer(port, dataDir!, dist);
    log(`starting the server on port ${port} (data ${dataDir}, web ${dist})`);
    server = await start();
  }
  const origin = f.url ?? server!.origin;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const login = await context.request.post(`${origin}/api/auth/login`, {
      data: { username: process.env.SOAK_USER ?? 'demo-wall', password: process.env.SOAK_PASSWORD ?? 'hengyang-demo' },
    });
    if (login.status() !== 200) throw new Error(`sign-in failed (${login.status()}); set SOAK_USER and SOAK_PASSWORD`);
    const page = await context.newPage();
    const errors: { at: number; text: string }[] = [];
    const pageErrors: string[] = [];
    let refreshes = 0;
    page.on('console', (m) => void (m.type() === 'error' && errors.push({ at: Date.now(), text: m.text() })));
    page.on('pageerror', (e) => void pageErrors.push(String(e)));
    page.on('crash', () => void pageErrors.push('the page crashed'));
    page.on('response', (r) => void (r.status() === 200 && new URL(r.url()).pathname === '/api/alerts' && refreshes++));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${origin}/wall${QUERY}`);
    await page.locator('[data-map-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
    await page.evaluate(() => {
      const wall = document.querySelector('[data-testid="wall"]')!;
      const w = window as unknown as { __soakCarousel: number };
      w.__soakCarousel = 0;
      new MutationObserver(() => void w.__soakCarousel++).observe(wall, { attributeFilter: ['data-township'] });
    });
    const t0 = Date.now();
    log(`wall open (${origin}/wall${QUERY})`);
    clock0 = t0;
    log(`soaking ${MINUTES} min, a sample every ${EVERY_S} s, warm-up ${WARMUP_S} s`);
    const samples: Sample[] = [];
    let restarting: ReturnType<typeof restart> | null = null;
    for (let i = 0; i * EVERY_S <= MINUTES * 60; i++) {
      await sleep(Math.max(0, t0 + i * EVERY_S * 1000 - Date.now()));
      samples.push(await sample(page, cdp, t0, refreshes));
      if (!restarting && server && start && Date.now() - t0 >= MINUTES * 30_000) restarting = restart(page, server, start, log);
    }
    const r = restarting ? await restarting : null;
    if (r) server = r.server;
    const during = (at: number) => r !== null && at >= r.from && at <= r.to;
    const outside = errors.filter((e) => !during(e.at));
    const fig = figuresOf(samples, {
      warmupS: WARMUP_S,
      durationS: MINUTES * 60,
      refreshS: REFRESH_S,
      consoleErrors: outside.length,
      pageErrors: pageErrors.length,
      restart: r?.restart ?? null,
    });

    console.log(`\nsamples (~ = warm-up; heap and nodes after a forced GC):\n${sampleTable(samples, WARMUP_S).join('\n')}\n`);
    table(summaryRows(fig, REFRESH_S, errors.length - outside.length));
    for (const e of [...outside.slice(0, 10), ...pageErrors.slice(0, 10).map((text) => ({ at: 0, text }))]) console.log(`  error: ${e.text.slice(0, 300)}`);
    const failed = failures(fig);
    for (const why of failed) console.log(`FAIL: ${why}`);
    console.log(failed.length ? '\nsoak:wall FAILED' : '\nsoak:wall passed');
    process.exitCode = failed.length ? 1 : 0;
  } finally {
    await browser.close();
    await server?.kill();
    if (dataDir) rmDir(dataDir);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
