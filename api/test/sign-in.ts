import { DEMO_PASSWORD } from '../auth/demo-users.ts';

/** Anything with Hono's `request` (the app, or a sub-app in a test). */
export interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** A signed-in test client: every request carries the session cookie, writes the CSRF header. */
export interface SignedIn extends Requester {
  cookie: string;
  csrfToken: string;
  user: { id: number; username: string; role: string; townshipCode: string | null; villageCodes: string[] | null };
}

/** Signs in through POST /api/auth/login, as the browser does. */
export async function signIn(app: Requester, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: SignedIn['user']; csrfToken: string };
  const cookie = /hy_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie in the sign-in answer');
  return {
    cookie,
    csrfToken: body.csrfToken,
    user: body.user,
    request(input: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD' && !headers.has('x-csrf-token')) headers.set('x-csrf-token', body.csrfToken);
      return app.request(input, { ...init, headers });
    },
  };
}
