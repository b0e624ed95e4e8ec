import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './support/app-server.ts';
import { copySeeded, templateKey, templatesDir } from './support/db-template.ts';

/** The seeded-database templates the test servers copy (support/db-template.ts), with a stand-in for the seeding server. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'template-test-'));
  dirs.push(d);
  return d;
};
/** copySeeded, its template removed after the test. */
async function copy(e: Record<string, string>, dataDir: string, seedOnce: (dir: string) => Promise<boolean>): Promise<boolean> {
  dirs.push(path.join(templatesDir(ROOT), templateKey(ROOT, e)));
  return copySeeded(ROOT, e, dataDir, seedOnce);
}
// A shaping setting no real test uses, so these templates never meet a real server's.
const env = (extra: Record<string, string> = {}) => ({ SEED: `template-test-${process.pid}`, ...extra });

function seeder(result = true) {
  const calls: string[] = [];
  const seedOnce = async (dir: string) => {
    calls.push(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'db'), `seeded ${calls.length}`);
    writeFileSync(path.join(dir, 'server.json'), '{"pid":1}');
    return result;
  };
  return { calls, seedOnce };
}

describe('seeded database templates', () => {
  it('seeds once per configuration, then every start copies it (without the lock file)', async () => {
    const { calls, seedOnce } = seeder();
    const [a, b] = [scratch(), scratch()];
    const e = env({ APP_NOW: '2026-12-02T05:00:00Z' });
    expect(await copy(e, a, seedOnce)).toBe(true);
    expect(await copy(e, b, seedOnce)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(readFileSync(path.join(b, 'db'), 'utf8')).toBe('seeded 1');
    expect(existsSync(path.join(b, 'server.json'))).toBe(false);
    // Another APP_NOW shapes other data: its own template.
    expect(await copy(env({ APP_NOW: '2026-11-25T04:00:00Z' }), scratch(), seedOnce)).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('a seed on the clock is made again once it is 20 minutes old', async () => {
    const { calls, seedOnce } = seeder();
    const e = env();
    await copy(e, scratch(), seedOnce);
    const template = path.join(templatesDir(ROOT), templateKey(ROOT, e));
    const old = (Date.now() - 21 * 60_000) / 1000;
    utimesSync(template, old, old);
    const c = scratch();
    await copy(e, c, seedOnce);
    expect(calls).toHaveLength(2);
    expect(readFileSync(path.join(c, 'db'), 'utf8')).toBe('seeded 2');
  });

  it('a seeding server that did not stop cleanly leaves no template: the server seeds its own', async () => {
    const { calls, seedOnce } = seeder(false);
    const d = scratch();
    expect(await copy(env({ APP_NOW: '2026-01-01T00:00:00Z' }), d, seedOnce)).toBe(false);
    expect(existsSync(path.join(d, 'db'))).toBe(false);
    expect(await copy(env({ APP_NOW: '2026-01-01T00:00:00Z' }), scratch(), seeder().seedOnce)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('a templates folder others may write is not used: each start seeds its own', async () => {
    const dir = templatesDir(ROOT);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o777);
    try {
      const { calls, seedOnce } = seeder();
      expect(await copy(env({ APP_NOW: '2026-02-02T00:00:00Z' }), scratch(), seedOnce)).toBe(false);
      expect(calls).toHaveLength(0);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
