import pg from 'pg';
import type { Listener } from './types.ts';

/** How long to wait before listening again after the connection was lost: doubling up to the last. */
const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * LISTEN on one connection of its own (a pooled one would be handed to others), kept open: lost,
 * it is opened again with backoff, and `onGap` is called twice, when it is lost (the caller's
 * caches may now miss other servers' changes) and when it listens again (what was sent meanwhile
 * is gone). The client has an 'error' listener: an unheard one would end the process.
 */
export function listenOn(connectionString: string, channel: string, onNotice: (payload: string) => void, onGap: () => void): Listener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let up = false;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const lost = () => {
    if (up) onGap();
    up = false;
    const c = client;
    client = null;
    c?.removeAllListeners('notification');
    void c?.end().catch(() => {});
    if (stopped || timer) return;
    const wait = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, wait);
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5000, keepAlive: true });
    client = c;
    c.on('error', () => {
      if (client === c) lost();
    });
    c.on('end', () => {
      if (client === c) lost();
    });
    c.on('notification', (n) => {
      if (n.channel === channel) onNotice(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (stopped || client !== c) return void c.end().catch(() => {});
      up = true;
      attempt = 0;
      onGap();
    } catch {
      if (client === c) lost();
    }
  };

  void connect();
  return {
    listening: () => up,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      up = false;
      await c?.end().catch(() => {});
    },
  };
}
