import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { SYSTEM } from '../db/types.ts';
import type { FeatureCollection, TownshipProps, VillageProps } from '../queries/layers.ts';
import type { Summary } from '../queries/summary.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let app: SignedIn;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-county');
});

async function get<T = any>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  const body = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return body as T;
}

const JIEPAI = '430421110';

describe(`API over the seeded database (${backend})`, () => {
  it('GET /api/health names the database and PostGIS version', async () => {
    const h = await get('/api/health');
    expect(h).toEqual({ status: 'ok', database: 'up', db: backend, postgis: expect.stringMatching(/^3\.\d+/), requests: { running: 0, waiting: 0 } });
  });

  it('GET /api/townships: 25 townships whose sums equal the village layer', async () => {
    const tw = await get<FeatureCollection<TownshipProps>>('/api/townships');
    const vi = await get<FeatureCollection<VillageProps>>('/api/villages');
    expect(tw.features).toHaveLength(25);
    expect(vi.features).toHaveLength(491);
    const sum = (fs: { properties: { disputes: number; hazardsOpen: number; population: number } }[]) =>
      fs.reduce((a, f) => ({ d: a.d + f.properties.disputes, h: a.h + f.properties.hazardsOpen, p: a.p + f.properties.population }), { d: 0, h: 0, p: 0 });
    expect(sum(tw.features)).toEqual(sum(vi.features));
    expect(tw.features.reduce((a, f) => a + f.properties.villageCount, 0)).toBe(491);
    const jp = tw.features.find((f) => f.properties.code === JIEPAI)!;
    expect(jp.properties.name).toBe('界牌镇');
    expect(jp.properties.coverage.met + jp.properties.coverage.atRisk + jp.properties.coverage.missed).toBe(jp.properties.villageCount);
  });

  it('GET /api/villages: properties of the contract, simplified geometry with 6 decimals, the approximation note', async () => {
    const vi = await get<FeatureCollection<VillageProps>>(`/api/villages?township=${JIEPAI}`);
    expect(vi.features.length).toBeGreaterThan(5);
    expect(vi.meta.boundaryNote).toMatch(/approximate/);
    for (const f of vi.features) {
      expect(f.properties.townshipCode).toBe(JIEPAI);
      expect(f.properties.code.startsWith(JIEPAI)).toBe(true);
      expect(['met', 'at_risk', 'missed']).toContain(f.properties.coverageStatus);
      expect(f.properties.boundarySource).toBe('generated');
      expect(f.geometry.type).toBe('MultiPolygon');
    }
    const p = vi.features[0]!.properties;
    expect(Object.keys(p)).toEqual(
      expect.arrayContaining([
        'code',
        'name',
        'townshipCode',
        'townshipName',
        'kind',
        'population',
        'boundarySource',
        'disputes',
        'disputesOpen',
        'mediationSuccessRate',
        'hazardsOpen',
        'hazardsOverdue',
        'visitsThisQuarter',
        'coverageStatus',
        'lastVisitAt',
      ]),
    );
    const coords = JSON.stringify(vi.features.map((f) => f.geometry.coordinates)).match(/\d+\.\d+/g)!;
    expect(Math.max(...coords.map((c) => c.split('.')[1]!.length))).toBeLessThanOrEqual(6);
  });

  it('GET /api/villages?silent=true: exactly the silent villages of the layer, feature for feature, at the county and in a township', async () => {
    // The first days of the seeded history: most villages have not been heard from yet, some have.
    for (const q of ['from=2024-01-01&to=2024-01-06', `from=2024-01-01&to=2024-01-06&township=${JIEPAI}`, 'from=2024-01-01&to=2024-01-20']) {
      const all = await get<FeatureCollection<VillageProps>>(`/api/villages?${q}`);
      const silent = await get<FeatureCollection<VillageProps>>(`/api/villages?${q}&silent=true`);
      const expected = all.features.filter((f) => f.properties.silent);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(expected.length, q).toBeLessThan(all.features.length);
      expect(silent.features, q).toEqual(expected);
      expect(silent.meta, q).toEqual(all.meta);
      expect(await get(`/api/villages?${q}&silent=false`), q).toEqual(all);
    }
    for (const bad of ['silent=yes', 'silent=TRUE', 'silent=', 'silent=true&silent=true']) {
      const e = await get(`/api/villages?${bad}`, 400);
      expect(e.error, bad).toMatchObject({ code: 'invalid_request', fields: { silent: expect.any(String) } });
    }
  });

  it('GET /api/villages/:code: officer, quarter visits, open lists and a 12-week trend', async () => {
    const vi = await get<FeatureCollection<VillageProps>>(`/api/villages?township=${JIEPAI}`);
    const code = vi.features[0]!.properties.code;
    const d = await get(`/api/villages/${code}`);
    expect(d.code).toBe(code);
    expect(d.townshipName).toBe('界牌镇');
    expect(d.officer).toMatchObject({ id: expect.any(String), agency: expect.any(String) });
    expect(d.weekly).toHaveLength(12);
    expect(d.visitsThisQuarter).toHaveLength(d.coverage.visits);
    expect(d.openDisputes).toHaveLength(d.metrics.disputesOpen);
    expect(d.openHazards).toHaveLength(d.metrics.hazardsOpen);
    expect(d.openHazards.filter((h: { overdue: boolean }) => h.overdue)).toHaveLength(d.metrics.hazardsOverdue);
    const layer = vi.features[0]!.properties;
    expect(d.metrics.disputes).toBe(layer.disputes);
    expect(d.coverage.status).toBe(layer.coverageStatus);
  });

  it('GET /api/villages/:code: 400 for a malformed code, 404 for an unknown one', async () => {
    expect((await get('/api/villages/4304', 400)).error).toMatchObject({ code: 'invalid_request', fields: { code: expect.any(String) } });
    expect((await get('/api/villages/430421110999', 404)).error.code).toBe('not_found');
  });

  it('GET /api/stats/summary agrees with the village layer and compares with the previous period', async () => {
    const s = await get<Summary>(`/api/stats/summary?township=${JIEPAI}`);
    const vi = await get<FeatureCollection<VillageProps>>(`/api/villages?township=${JIEPAI}`);
    const total = (k: 'disputes' | 'hazardsOpen' | 'hazardsOverdue' | 'disputesOpen') => vi.features.reduce((a, f) => a + f.properties[k], 0);
    expect(s.current.disputes.total).toBe(total('disputes'));
    expect(s.current.disputes.open).toBe(total('disputesOpen'));
    expect(s.current.hazards.open).toBe(total('hazardsOpen'));
    expect(s.current.hazards.overdue).toBe(total('hazardsOverdue'));
    const bySev = s.current.hazards.bySeverity;
    expect(bySev[1] + bySev[2] + bySev[3] + bySev[4]).toBe(s.current.hazards.open);
    expect(s.current.coverage.met).toBe(vi.features.filter((f) => f.properties.coverageStatus === 'met').length);
    expect(s.previousPeriod.to).toBe(addDays(s.period.from, -1));
    expect(s.previousPeriod.days).toBe(s.period.days);
    // The default 12 months run to now: compared with the 365 days before, cut at the same time of day.
    expect(s.period).toMatchObject({ partial: true, asOf: t.now.toISOString() });
    expect(s.previousPeriod).toMatchObject({ partial: false, until: new Date(t.now.getTime() - 365 * 86400_000).toISOString() });
    expect(s.previous.disputes.total).toBeGreaterThan(0);
  });

  it('GET /api/stats/summary defaults to the last 12 months ending today (Asia/Shanghai)', async () => {
    const s = await get<Summary>('/api/stats/summary');
    const today = shanghaiDate(t.now);
    expect(s.period).toMatchObject({ from: addDays(today, -364), to: today, days: 365 });
    expect(s.current.disputes.successRate).toBeGreaterThan(0.983);
    expect(s.current.disputes.successRate).toBeLessThan(0.989);
  });

  it('a running week is compared with the same days of last week, to the same time of day', async () => {
    const today = shanghaiDate(t.now);
    const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(today, -dow);
    const s = await get<Summary>(`/api/stats/summary?from=${monday}&to=${addDays(monday, 6)}`);
    expect(s.period).toMatchObject({ partial: true, unit: 'week', asOf: t.now.toISOString() });
    expect(s.previousPeriod).toMatchObject({ from: addDays(monday, -7), to: addDays(today, -7), days: dow + 1, partial: false });
    expect(s.previousPeriod.until).toBe(new Date(t.now.getTime() - 7 * 86400_000).toISOString());
    const wholeLastWeek = await get<Summary>(`/api/stats/summary?from=${addDays(monday, -7)}&to=${addDays(monday, -1)}`);
    expect(s.previous.disputes.total).toBeLessThanOrEqual(wholeLastWeek.current.disputes.total);
  });

  it('a past week reads as it stood then: its stocks are measured at the end of that week', async () => {
    const s = await get<Summary>('/api/stats/summary?from=2025-06-02&to=2025-06-08');
    expect(s.period.asOf).toBe('2025-06-08T15:59:59.999Z');
    expect(s.period).toMatchObject({ partial: false, unit: 'week', until: '2025-06-08T16:00:00.000Z' });
    expect(s.previousPeriod).toMatchObject({ from: '2025-05-26', to: '2025-06-01', partial: false, until: '2025-06-01T16:00:00.000Z' });
    expect(s.current.disputes.total).toBeGreaterThan(20);
    expect(s.current.disputes.open).toBeGreaterThan(0);
    expect(s.current.coverage.quarter).toBe('2025-04-01');
  });

  it('coverage is compared with the same point of the previous quarter, not an earlier point of its own', async () => {
    const s = await get<Summary>('/api/stats/summary?from=2025-06-02&to=2025-06-08');
    expect(s.current.coverage).toMatchObject({ quarter: '2025-04-01', asOf: '2025-06-08T15:59:59.999Z' });
    // The previous week (26 May - 1 Jun) lies in the same quarter; coverage reads 8 March instead.
    expect(s.previous.coverage).toMatchObject({ quarter: '2025-01-01', asOf: '2025-03-08T15:59:59.999Z' });
    const march = await get<Summary>('/api/stats/summary?from=2025-03-02&to=2025-03-08');
    expect(s.previous.coverage).toEqual(march.current.coverage);
    // The disputes of the comparison are still last week's.
    const lastWeek = await get<Summary>('/api/stats/summary?from=2025-05-26&to=2025-06-01');
    expect(s.previous.disputes).toEqual(lastWeek.current.disputes);
  });

  it('a closed month is compared with the whole month before, reported in the same unit', async () => {
    const s = await get<Summary>('/api/stats/summary?from=2025-11-01&to=2025-11-30');
    expect(s.period).toMatchObject({ unit: 'month', days: 30 });
    expect(s.previousPeriod).toMatchObject({ from: '2025-10-01', to: '2025-10-31', days: 31, unit: 'month', partial: false });
  });

  it('a running window that ends in the future is compared with as many days as it has run, in its own unit', async () => {
    const today = shanghaiDate(t.now);
    const from = addDays(today, -2);
    const s = await get<Summary>(`/api/stats/summary?from=${from}&to=${addDays(today, 3000)}`);
    expect(s.period).toMatchObject({ partial: true, asOf: t.now.toISOString() });
    expect(s.previousPeriod).toMatchObject({ from: addDays(from, -3), to: addDays(today, -3), days: 3, unit: s.period.unit });
    expect(s.previousPeriod.until).toBe(new Date(t.now.getTime() - 3 * 86400_000).toISOString());
  });

  it('the trend of a period running into the future stops at today instead of drawing zeros to its end', async () => {
    const today = shanghaiDate(t.now);
    const tr = await get(`/api/stats/trend?from=${addDays(today, -20)}&to=${addDays(today, 3000)}&interval=week`);
    expect(tr.to).toBe(today);
    expect(tr.buckets.at(-1).end).toBe(today);
    expect(tr.buckets.length).toBeLessThanOrEqual(4);
  });

  it('a period that has not started is a 422, not a page of zeros', async () => {
    const tomorrow = addDays(shanghaiDate(t.now), 1);
    for (const path of [`/api/stats/summary?from=${tomorrow}`, `/api/stats/summary?from=${tomorrow}&to=${addDays(tomorrow, 6)}`, `/api/villages?from=${tomorrow}&to=${tomorrow}`]) {
      const body = await get(path, 422);
      expect(body.error).toMatchObject({ code: 'period_not_started', fields: { from: expect.stringContaining(shanghaiDate(t.now)) } });
    }
    await get(`/api/stats/summary?from=${shanghaiDate(t.now)}`);
  });

  it('GET /api/stats/trend: every week present, clipped to the period, totals matching the summary', async () => {
    const tr = await get('/api/stats/trend?from=2025-01-01&to=2025-03-31&interval=week');
    expect(tr.buckets[0]).toMatchObject({ start: '2025-01-01', end: '2025-01-05' });
    expect(tr.buckets.at(-1)).toMatchObject({ start: '2025-03-31', end: '2025-03-31' });
    const s = await get<Summary>('/api/stats/summary?from=2025-01-01&to=2025-03-31');
    expect(tr.buckets.reduce((a: number, b: { disputes: number }) => a + b.disputes, 0)).toBe(s.current.disputes.total);
    const m = await get('/api/stats/trend?from=2025-01-01&to=2025-12-31&interval=month');
    expect(m.buckets).toHaveLength(12);
  });

  it('GET /api/stats/ranking: townships by smoothed dispute rate, villages flagged when few cases', async () => {
    const r = await get('/api/stats/ranking?metric=disputeRate&level=township');
    expect(r.rows).toHaveLength(25);
    expect(r.rows[0].value).toBeGreaterThanOrEqual(r.rows[1].value);
    const v = await get(`/api/stats/ranking?metric=disputes&level=village&township=${JIEPAI}&order=asc&limit=5`);
    expect(v.rows).toHaveLength(5);
    expect(v.rows.every((x: { townshipCode: string }) => x.townshipCode === JIEPAI)).toBe(true);
    expect(v.rows[0].value).toBeLessThanOrEqual(v.rows[4].value);
    for (const x of v.rows) expect(x.lowCount).toBe(x.count < 5);
  });

  it('GET /api/events: filtered, newest first, capped with the cap stated', async () => {
    const e = await get(`/api/events?type=hazard&township=${JIEPAI}&status=上报,已分流,处置中&limit=50`);
    expect(e.cap).toBe(50);
    expect(e.rows.length).toBeLessThanOrEqual(50);
    for (const r of e.rows) {
      expect(r).toMatchObject({ type: 'hazard', villageCode: expect.stringMatching(/^430421110/) });
      expect(['上报', '已分流', '处置中']).toContain(r.status);
    }
    const ats = e.rows.map((r: { at: string }) => r.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const small = await get('/api/events?type=dispute&limit=3');
    expect(small).toMatchObject({ cap: 3, count: 3, truncated: true });
    const box = await get('/api/events?type=visit&bbox=112.5,27.1,112.6,27.2&from=2025-01-01&to=2025-12-31');
    for (const r of box.rows) {
      expect(r.lng).toBeGreaterThanOrEqual(112.5);
      expect(r.lat).toBeLessThanOrEqual(27.2);
    }
  });

  it('GET /api/basemap: the county outline, the Xiang River and every village name at its label point', async () => {
    const b = await get('/api/basemap');
    expect(b.features.map((f: { properties: { layer: string } }) => f.properties.layer).sort()).toEqual(['county', 'river']);
    expect(b.villageLabels).toHaveLength(491);
    expect(b.villageLabels[0]).toEqual({ code: expect.stringMatching(/^430421\d{6}$/), name: expect.any(String), position: [expect.any(Number), expect.any(Number)] });
    expect(b.bbox[0]).toBeGreaterThan(111.5);
    expect(b.bbox[2]).toBeLessThan(113.2);
  });

  it('an unknown township is a 400 naming the field, not an empty success', async () => {
    const e = await get('/api/villages?township=430421999', 400);
    expect(e.error.fields.township).toMatch(/430421999/);
  });
});

describe(`GET /api/coverage (${backend})`, () => {
  it('tallies the county and each township from the same rows as the layers, worst villages first', async () => {
    const cov = await get('/api/coverage');
    const s = await get<Summary>('/api/stats/summary');
    expect(cov.county).toMatchObject({
      villages: 491,
      met: s.current.coverage.met,
      atRisk: s.current.coverage.atRisk,
      missed: s.current.coverage.missed,
      silent: s.current.coverage.silent,
    });
    expect(cov.townships).toHaveLength(25);
    expect(cov.townships.reduce((a: number, x: { met: number }) => a + x.met, 0)).toBe(cov.county.met);
    expect(cov.villages.every((v: { status: string; silent: boolean }) => v.status !== 'met' || v.silent)).toBe(true);
    const order = cov.villages.map((v: { status: string }) => ['missed', 'at_risk', 'met'].indexOf(v.status));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const v of cov.villages) expect(v.reachable).toBe(v.expectedVisits >= cov.required);
    for (const o of cov.officers) expect(o.atRisk + o.missed).toBeGreaterThan(0);
    expect(cov.daysLeft).toBeGreaterThanOrEqual(0);
  });

  it('lists every village of a township with all=true', async () => {
    const cov = await get(`/api/coverage?township=${JIEPAI}&all=true`);
    const tw = await get<FeatureCollection<TownshipProps>>('/api/townships');
    const jp = tw.features.find((f) => f.properties.code === JIEPAI)!.properties;
    expect(cov.villages).toHaveLength(jp.villageCount);
    expect(cov.county.met).toBe(jp.coverage.met);
    expect(cov.county.silent).toBe(jp.silentVillages);
  });
});

describe(`GET /api/feed and /api/alerts (${backend})`, () => {
  it('feeds the latest receptions, reports and closures, newest first, within the window', async () => {
    const f = await get('/api/feed?limit=40');
    expect(f.items.length).toBeGreaterThan(0);
    expect(f.items.length).toBeLessThanOrEqual(40);
    const ats = f.items.map((i: { at: string }) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    for (const i of f.items) {
      expect(['dispute_received', 'dispute_concluded', 'hazard_reported', 'hazard_closed']).toContain(i.kind);
      expect(Date.parse(i.at)).toBeGreaterThan(Date.parse(f.since));
      expect(i).not.toHaveProperty('partyName');
    }
    const jp = await get(`/api/feed?township=${JIEPAI}&since=${encodeURIComponent(new Date(t.now.getTime() - 30 * 86400e3).toISOString())}`);
    expect(jp.items.every((i: { townshipCode: string }) => i.townshipCode === JIEPAI)).toBe(true);
  });

  it('names the rule of every alert and agrees with the data behind it', async () => {
    const a = await get('/api/alerts');
    expect(a.rules.map((r: { id: string }) => r.id)).toEqual(['village_disputes_7d', 'hazard_overdue', 'township_coverage']);
    for (const x of a.alerts) {
      expect(a.rules.map((r: { id: string }) => r.id)).toContain(x.rule);
      if (x.rule === 'township_coverage') expect(x.value).toBeLessThan(x.threshold);
      else expect(x.value).toBeGreaterThanOrEqual(x.threshold);
    }
    const overdue = await t.db.read(SYSTEM, (h) =>
      h.query<{ n: number }>(`SELECT count(*)::int AS n FROM hazard WHERE closed_at IS NULL AND deadline < $1 AND severity >= 3 AND reported_at <= $1`, [t.now.toISOString()]),
    );
    expect(a.alerts.filter((x: { rule: string }) => x.rule === 'hazard_overdue')).toHaveLength(overdue[0]!.n);
    const cov = await get('/api/coverage');
    const low = cov.townships.filter((tw: { villages: number; missed: number }) => (tw.villages - tw.missed) / tw.villages < 0.9).length;
    expect(a.alerts.filter((x: { rule: string }) => x.rule === 'township_coverage')).toHaveLength(low);
  });
});

describe(`category and status filters on the aggregates (${backend})`, () => {
  it('counts only the chosen categories and statuses, the same way in every endpoint', async () => {
    const q = 'category=婚姻家庭,消防&status=调解成功,已办结&from=2025-01-01&to=2025-12-31';
    const s = await get<Summary>(`/api/stats/summary?${q}`);
    const direct = await t.db.read(SYSTEM, (h) =>
      h.query<{ d: number; hz: number }>(`SELECT
        (SELECT count(*)::int FROM dispute WHERE category = '婚姻家庭' AND status = '调解成功' AND received_at >= '2025-01-01T00:00:00+08:00' AND received_at < '2026-01-01T00:00:00+08:00') AS d,
        (SELECT count(*)::int FROM hazard WHERE category = '消防' AND status = '已办结' AND reported_at >= '2025-01-01T00:00:00+08:00' AND reported_at < '2026-01-01T00:00:00+08:00') AS hz`),
    );
    expect(s.current.disputes.total).toBe(direct[0]!.d);
    expect(s.current.hazards.reported).toBe(direct[0]!.hz);
    expect(s.current.disputes.successRate).toBe(1);
    const vi = await get<FeatureCollection<VillageProps>>(`/api/villages?${q}`);
    expect(vi.features.reduce((a, f) => a + f.properties.disputes, 0)).toBe(direct[0]!.d);
    const tw = await get<FeatureCollection<TownshipProps>>(`/api/townships?${q}`);
    expect(tw.features.reduce((a, f) => a + f.properties.hazards, 0)).toBe(direct[0]!.hz);
    const tr = await get(`/api/stats/trend?${q}&interval=month`);
    expect(tr.buckets.reduce((a: number, b: { disputes: number }) => a + b.disputes, 0)).toBe(direct[0]!.d);
    const rk = await get(`/api/stats/ranking?${q}&metric=hazards&level=township`);
    expect(rk.rows.reduce((a: number, r: { value: number }) => a + r.value, 0)).toBe(direct[0]!.hz);
  });

  it('counts only the cases tagged with a campaign, the same way in every endpoint (campaign=yunjian: disputes and hazards)', async () => {
    const q = 'campaign=yunjian&from=2024-01-01&to=2026-12-31';
    const s = await get<Summary>(`/api/stats/summary?${q}`);
    const [direct] = await t.db.read(SYSTEM, (h) =>
      h.query<{ d: number; hz: number }>(`SELECT
        (SELECT count(*)::int FROM dispute WHERE campaigns @> '{yunjian}' AND received_at >= '2024-01-01T00:00:00+08:00' AND received_at < '2027-01-01T00:00:00+08:00') AS d,
        (SELECT count(*)::int FROM hazard WHERE campaigns @> '{yunjian}' AND reported_at >= '2024-01-01T00:00:00+08:00' AND reported_at < '2027-01-01T00:00:00+08:00') AS hz`),
    );
    expect(direct!.d).toBeGreaterThan(0);
    expect(direct!.hz).toBeGreaterThan(0);
    expect([s.current.disputes.total, s.current.hazards.reported]).toEqual([direct!.d, direct!.hz]);
    const vi = await get<FeatureCollection<VillageProps>>(`/api/villages?${q}`);
    expect(vi.features.reduce((a, f) => a + f.properties.disputes, 0)).toBe(direct!.d);
    const tw = await get<FeatureCollection<TownshipProps>>(`/api/townships?${q}`);
    expect(tw.features.reduce((a, f) => a + f.properties.hazards, 0)).toBe(direct!.hz);
    const tr = await get(`/api/stats/trend?${q}&interval=month`);
    expect(tr.buckets.reduce((a: number, b: { disputes: number; hazards: number }) => a + b.disputes + b.hazards, 0)).toBe(direct!.d + direct!.hz);
    const rk = await get(`/api/stats/ranking?${q}&metric=hazards&level=township`);
    expect(rk.rows.reduce((a: number, r: { value: number }) => a + r.value, 0)).toBe(direct!.hz);
    const cd = await get(`/api/stats/categories?${q}&type=dispute`);
    expect(cd.rows.filter((r: { count: number }) => r.count > 0).map((r: { category: string }) => r.category)).toEqual(['合同债务']);
    const ev = await get(`/api/events?${q}&type=dispute,hazard,visit&limit=100000`);
    expect(ev.rows.filter((r: { type: string }) => r.type === 'visit')).toEqual([]);
    expect(ev.rows.length).toBe(direct!.d + direct!.hz);
  });

  it('GET /api/stats/categories: every category of the type, in order, summing to the summary', async () => {
    const c = await get(`/api/stats/categories?type=dispute&township=${JIEPAI}`);
    expect(c.rows.map((r: { category: string }) => r.category)).toEqual(['婚姻家庭', '邻里纠纷', '山林权属', '宅基地', '土地承包', '劳资', '合同债务', '其他']);
    const s = await get<Summary>(`/api/stats/summary?township=${JIEPAI}`);
    expect(c.total).toBe(s.current.disputes.total);
    const h = await get('/api/stats/categories?type=hazard&category=消防,交通');
    expect(
      h.rows
        .filter((r: { count: number }) => r.count > 0)
        .map((r: { category: string }) => r.category)
        .sort(),
    ).toEqual(['交通', '消防']);
    await get('/api/stats/categories?type=visit', 400);
  });
});
