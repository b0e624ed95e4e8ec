import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type AppServer, ensureBuild, ROOT, startAppServer } from './app-server.ts';
import { launchChromium } from './browser.ts';

export const SHOTS = path.join(ROOT, 'screenshots');

export interface Suite {
  server: AppServer;
  browser: Browser;
}

/**
 * One built app, one server on a fresh embedded database and one Chromium for a whole test
 * file: registers the hooks and returns the handles, filled in before the first test runs.
 */
export function appInBrowser(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // E2E_WEB_DIST: a build made elsewhere (the server serves it), so dist/ is not (re)built.
    if (!process.env.E2E_WEB_DIST) ensureBuild((s) => console.log(s));
    suite.server = await startAppServer();
    suite.browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
