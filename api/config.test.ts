import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has a default for every key', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 8080, DATA_DIR: './data', SEED: 20240101, SEED_SCALE: 1, COVERAGE_VISITS_PER_QUARTER: 3, WEB_DIST: './dist' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.BASEMAP_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ SEED_SCALE: '0' }, /SEED_SCALE/],
    [{ APP_NOW: '2026-11-28' }, /APP_NOW/],
    [{ BASEMAP_URL: 'http://tiles.example/{z}/{x}' }, /BASEMAP_URL/],
    [{ LOG_REQUESTS: 'yes' }, /LOG_REQUESTS/],
  ])('rejects %j naming the key', (env, key) => {
    expect(() => loadConfig(env)).toThrow(key);
  });

  it.each([['http://tianditu.intranet/DataServer?T=vec_w&x={x}&y={y}&l={z}'], ['/tiles/{z}/{x}/{y}.png']])('accepts the basemap template %s', (url) => {
    expect(loadConfig({ BASEMAP_URL: url }).BASEMAP_URL).toBe(url);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', APP_NOW: '', BASEMAP_URL: '' })).toMatchObject({ DATABASE_URL: undefined, APP_NOW: undefined, BASEMAP_URL: undefined });
  });
});

describe('loadDotEnv', () => {
  it('reads a .env file without overriding variables already set', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { loadDotEnv } = await import('./config.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'dotenv-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'HY_TEST_FROM_FILE=file\nHY_TEST_SET=file\n');
    process.env.HY_TEST_SET = 'shell';
    try {
      expect(loadDotEnv(path.join(dir, 'missing.env'))).toBe(false);
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.HY_TEST_FROM_FILE).toBe('file');
      expect(process.env.HY_TEST_SET).toBe('shell');
    } finally {
      delete process.env.HY_TEST_FROM_FILE;
      delete process.env.HY_TEST_SET;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
