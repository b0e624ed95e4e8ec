import type { BrowserContext, Page } from 'playwright-core';

/**
 * Signing in for browser tests. The test server always runs on a fresh embedded database
 * (app-server.ts sets DATABASE_URL to '' whatever the environment says), and the server creates
 * the demo accounts on an embedded database: every test can use them, also in the CI's PostGIS
 * pass, which only changes the database of the `db` tests (TEST_DATABASE_URL).
 */
export const DEMO_PASSWORD = 'hengyang-demo';

export type DemoUser = 'demo-county' | 'demo-township' | 'demo-officer' | 'demo-wall' | 'demo-admin';

/**
 * Signs a browser context in through the API: the context's request client shares its cookie
 * jar with the pages, so every page opened afterwards is signed in. Quicker than the form, which
 * only the sign-in tests go through.
 */
export async function signInContext(context: BrowserContext, origin: string, username: DemoUser = 'demo-county'): Promise<{ csrfToken: string }> {
  const res = await context.request.post(`${origin}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  if (res.status() !== 200) throw new Error(`sign-in as ${username} failed: ${res.status()} ${await res.text()}`);
  // The CSRF token, for a test that writes through `context.request` itself.
  return (await res.json()) as { csrfToken: string };
}

/** Signs in through the sign-in page the way a person does (the page must be showing it). */
export async function signInWithForm(page: Page, username: DemoUser, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('signin-username').fill(username, { timeout: 30_000 });
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

const cookies = new Map<string, Promise<string>>();

/** A session cookie header for Node-side requests (one sign-in per server and user). */
export function sessionCookie(origin: string, username: DemoUser = 'demo-county'): Promise<string> {
  const key = `${origin} ${username}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = (async () => {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
      const found = /hy_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
      if (!found) throw new Error('the server set no session cookie');
      return found;
    })();
    cookies.set(key, cookie);
    // A failed sign-in is not remembered: the next call tries again.
    cookie.catch(() => cookies.delete(key));
  }
  return cookie;
}

/** GET an API path as a demo user from Node (the tests' own look at the numbers the page shows). */
export async function apiGet<T>(origin: string, pathAndQuery: string, username: DemoUser = 'demo-county'): Promise<{ status: number; body: T }> {
  const res = await fetch(`${origin}${pathAndQuery}`, { headers: { cookie: await sessionCookie(origin, username) } });
  return { status: res.status, body: (await res.json()) as T };
}
