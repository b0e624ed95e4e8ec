import { beforeAll, describe, expect, it } from 'vitest';
import type { Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { resolvePeriod } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { type FeatureCollection, type VillageProps, villageLayerJson } from './layers.ts';
import { VillageHeads } from './village-heads.ts';

// Migration 017: the village layer's heads (geometry, names, label point) are kept by the API per
// token of map_version, which every statement writing village or township changes in its own
// transaction. A rename, a new boundary, a village added or removed shows at once; a rolled-back
// one never shows; and a chief gets the heads of their own villages only.
const SETTINGS = { requiredVisits: 3, silenceDays: 28 };
const TOKEN = 'SELECT token FROM map_version';

let t: TestDb;
let townships: string[];
let first: string;

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
  const [v] = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT min(code) AS code FROM village'));
  first = v!.code;
});

function filter(township: string | null = null): CaseFilter {
  return { period: resolvePeriod({}, t.now), township, categories: null, statuses: null, campaign: null, now: t.now };
}

async function layer(h: Handle, heads: VillageHeads, township: string | null = null): Promise<FeatureCollection<VillageProps>> {
  return JSON.parse(await villageLayerJson(h, filter(township), SETTINGS, false, heads)) as FeatureCollection<VillageProps>;
}

const token = async (h: Handle) => (await h.query<{ token: string }>(TOKEN))[0]!.token;

describe('the map version (migration 017)', () => {
  it('changes with every statement that writes a village or a township, in its transaction, and not on rollback', async () => {
    const before = await t.db.read(SYSTEM, token);
    const seen = await rolledBack(t.db, async (h) => {
      const tokens = [await token(h)];
      await h.query(`UPDATE village SET name = name || '·' WHERE code = $1`, [first]);
      tokens.push(await token(h));
      await h.query(`UPDATE township SET name = name || '·' WHERE code = $1`, [first.slice(0, 9)]);
      tokens.push(await token(h));
      await h.query(
        `INSERT INTO village (code, township_code, name, nbs_name, kind, ur_code, population, boundary_source, geom)
         SELECT left(code, 9) || '999', township_code, '新村', '新村', kind, ur_code, population, boundary_source, geom FROM village WHERE code = $1`,
        [first],
      );
      tokens.push(await token(h));
      await h.query(`DELETE FROM village WHERE code = left($1, 9) || '999'`, [first]);
      tokens.push(await token(h));
      return tokens;
    });
    expect(seen[0]).toBe(before);
    expect(new Set(seen).size).toBe(seen.length);
    expect(await t.db.read(SYSTEM, token)).toBe(before);
  });

  it("changes with a request role's write too (a boundary import runs as hengyang_county)", async () => {
    const before = await t.db.read(SYSTEM, token);
    const inside = await rolledBack(
      t.db,
      async (h) => {
        await h.query(`UPDATE village SET boundary_source = 'imported' WHERE code = $1`, [first]);
        return token(h);
      },
      { kind: 'county' },
    );
    expect(inside).not.toBe(before);
  });

  it('lets two writers of villages wait for each other, without a deadlock, whichever rows they reach', async () => {
    const [a, b] = (await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT code FROM village ORDER BY code LIMIT 2'))).map((r) => r.code);
    const before = await t.db.read(SYSTEM, token);
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    // the first writes a, waits, then b; the second writes b meanwhile. Had the token's lock been
    // taken after the rows (an AFTER trigger), the second would hold b waiting for the token, and
    // the first, holding the token, would wait for b: a deadlock, one of them failed.
    const first = t.db.write(SYSTEM, async (h) => {
      await h.query('UPDATE village SET name = name WHERE code = $1', [a]);
      started();
      await new Promise((r) => setTimeout(r, 300));
      await h.query('UPDATE village SET name = name WHERE code = $1', [b]);
    });
    await holding;
    const second = t.db.write(SYSTEM, (h) => h.query('UPDATE village SET name = name WHERE code = $1', [b]));
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(await t.db.read(SYSTEM, token)).not.toBe(before);
  });

  it('is readable by the request roles and writable by none of them', async () => {
    const scopes: Scope[] = [{ kind: 'county' }, { kind: 'township', township: townships[0]! }];
    for (const scope of scopes) {
      expect(await t.db.read(scope, token)).toMatch(/^[0-9a-f-]{36}$/);
      await expect(t.db.write(scope, (h) => h.query(`UPDATE map_version SET token = 'x'`))).rejects.toThrow(/permission denied|row-level security/);
    }
  });
});

describe('the village layer read through kept heads', () => {
  it('shows a renamed village, a new boundary and a new township name at once, and the old ones after a rollback', async () => {
    const heads = new VillageHeads();
    const original = await t.db.read({ kind: 'county' }, (h) => layer(h, heads));
    expect(heads.size).toBe(original.features.length);
    const changed = await rolledBack(t.db, async (h) => {
      await h.query(`UPDATE village SET name = '改名村', geom = ST_Multi(ST_Buffer(label_point, 0.01)) WHERE code = $1`, [first]);
      await h.query(`UPDATE township SET name = '改名镇' WHERE code = $1`, [first.slice(0, 9)]);
      return layer(h, heads);
    });
    const was = original.features.find((f) => f.id === first)!;
    const now = changed.features.find((f) => f.id === first)!;
    expect(now.properties).toMatchObject({ name: '改名村', townshipName: '改名镇' });
    expect(now.geometry).not.toEqual(was.geometry);
    // the metrics are the filter's either way
    expect(now.properties.disputes).toBe(was.properties.disputes);
    const after = await t.db.read({ kind: 'county' }, (h) => layer(h, heads));
    expect(after).toEqual(original);
  });

  it('shows a village added at once, with its head, and not once it is removed', async () => {
    const heads = new VillageHeads();
    const original = await t.db.read({ kind: 'county' }, (h) => layer(h, heads));
    const added = `${first.slice(0, 9)}999`;
    const seen = await rolledBack(t.db, async (h) => {
      await h.query(
        `INSERT INTO village (code, township_code, name, nbs_name, kind, ur_code, population, boundary_source, geom)
         SELECT $2, township_code, '新村', '新村', kind, ur_code, 1234, boundary_source, ST_Multi(ST_Buffer(label_point, 0.005)) FROM village WHERE code = $1`,
        [first, added],
      );
      const withIt = await layer(h, heads);
      await h.query('DELETE FROM village WHERE code = $1', [added]);
      return { withIt, without: await layer(h, heads) };
    });
    const feature = seen.withIt.features.find((f) => f.id === added);
    expect(feature?.properties).toMatchObject({ name: '新村', population: 1234, disputes: 0 });
    expect(seen.withIt.features.length).toBe(original.features.length + 1);
    expect(seen.without).toEqual(original);
  });

  it('gives a chief their own villages only, with the heads a county request left behind', async () => {
    const heads = new VillageHeads();
    const county = await t.db.read({ kind: 'county' }, (h) => layer(h, heads));
    const township = townships[2]!;
    const chief = await t.db.read({ kind: 'township', township }, (h) => layer(h, heads));
    expect(chief.features.length).toBeGreaterThan(0);
    expect(chief.features.every((f) => f.properties.townshipCode === township)).toBe(true);
    expect(chief.features).toEqual(county.features.filter((f) => f.properties.townshipCode === township));
    // and the other way: a county request after a chief's reads the heads it lacks
    const fresh = new VillageHeads();
    await t.db.read({ kind: 'township', township }, (h) => layer(h, fresh));
    expect(fresh.size).toBe(chief.features.length);
    expect(await t.db.read({ kind: 'county' }, (h) => layer(h, fresh))).toEqual(county);
    // an officer: their own villages
    const mine = county.features
      .filter((f) => f.properties.townshipCode === township)
      .slice(0, 2)
      .map((f) => f.id);
    const officer = await t.db.read({ kind: 'villages', township, villages: mine }, (h) => layer(h, heads, township));
    expect(officer.features.map((f) => f.id)).toEqual(mine);
    expect(officer.features).toEqual(county.features.filter((f) => mine.includes(f.id)));
  });
});
