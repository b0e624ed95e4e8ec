import { describe, expect, it, vi } from 'vitest';
import { DISPUTE_CONCLUDED, DISPUTE_OPEN, HAZARD_OPEN } from '../../contract/enums.ts';
import { pointInGeometry } from './geometry.ts';
import { generateOperations, type Operations } from './index.ts';
import { testVillages } from './test-villages.ts';

// Each full generation takes ~0.5 s; a slow CI box should not trip the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

const villages = testVillages();
const byCode = new Map(villages.map((v) => [v.code, v]));
const MAIN_NOW = '2026-11-28T12:00:00+08:00';
const CASES = [
  [42, MAIN_NOW],
  [7, MAIN_NOW],
  [42, '2025-06-15T09:30:00+08:00'],
  [7, '2026-03-01T18:00:00+08:00'],
] as const;

const cache = new Map<string, Operations>();
function ops(seed: number, now: string, scale = 1): Operations {
  const key = `${seed}|${now}|${scale}`;
  let result = cache.get(key);
  if (!result) {
    result = generateOperations({ villages, seed, now: new Date(now), scale });
    cache.set(key, result);
  }
  return result;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ms = (iso: string) => Date.parse(iso);
const localDate = (now: string) => new Date(ms(now) + 8 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

function successRate(o: Operations, from: string, to: string): number {
  const concluded = o.disputes.filter((d) => d.concludedAt && d.receivedAt.slice(0, 10) >= from && d.receivedAt.slice(0, 10) <= to);
  return concluded.filter((d) => d.status === '调解成功').length / concluded.length;
}

const quarterOf = (iso: string) => `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

describe.each(CASES)('generateOperations(seed %d, now %s)', (seed, now) => {
  const o = () => ops(seed, now);
  const nowMs = ms(now);
  const today = localDate(now);

  it('has one officer per village and 448 guardians', () => {
    expect(o().officers).toHaveLength(491);
    expect(new Set(o().officers.map((x) => x.villageCode)).size).toBe(491);
    expect(o().guardians).toHaveLength(448);
    const perVillage = new Map<string, number>();
    for (const g of o().guardians) perVillage.set(g.villageCode, (perVillage.get(g.villageCode) ?? 0) + 1);
    expect(Math.max(...perVillage.values())).toBeLessThanOrEqual(3);
    expect(o().meta.counts).toEqual({
      officers: 491,
      guardians: 448,
      visits: o().visits.length,
      disputes: o().disputes.length,
      hazards: o().hazards.length,
    });
  });

  it('pins 婚姻家庭 2024 at 859 received, 850 successful, all concluded', () => {
    const marriage = o().disputes.filter((d) => d.category === '婚姻家庭' && d.receivedAt.startsWith('2024'));
    expect(marriage).toHaveLength(859);
    expect(marriage.filter((d) => d.status === '调解成功')).toHaveLength(850);
    expect(marriage.every((d) => DISPUTE_CONCLUDED.includes(d.status))).toBe(true);
  });

  it('keeps county-wide success at 98.6% ± 0.3 pt for 2024 and the last 12 months', () => {
    expect(Math.abs(successRate(o(), '2024-01-01', '2024-12-31') - 0.986)).toBeLessThanOrEqual(0.003);
    expect(Math.abs(successRate(o(), daysBefore(today, 364), today) - 0.986)).toBeLessThanOrEqual(0.003);
  });

  it('puts every point inside its village', () => {
    for (const row of [...o().visits, ...o().disputes, ...o().hazards]) {
      const village = byCode.get(row.villageCode);
      expect(village, row.id).toBeDefined();
      if (!pointInGeometry(row.lng, row.lat, village!.geometry)) expect.fail(`${row.id} at ${row.lng},${row.lat} is outside ${row.villageCode}`);
    }
  });

  it('formats instants with +08:00 and dates as YYYY-MM-DD, none after now', () => {
    const instants = [
      ...o().visits.map((v) => v.visitedAt),
      ...o().disputes.flatMap((d) => [d.receivedAt, d.mediationStartedAt, d.concludedAt]),
      ...o().hazards.flatMap((h) => [h.reportedAt, h.routedAt, h.startedAt, h.closedAt]),
    ].filter((t): t is string => t !== null);
    for (const t of instants) if (!ISO.test(t) || ms(t) > nowMs) expect.fail(`bad instant ${t}`);
    for (const h of o().hazards) expect(h.deadline).toMatch(ISO);
    for (const d of [...o().officers.map((x) => x.linkedSince), ...o().guardians.map((g) => g.since)]) {
      expect(d).toMatch(DATE);
      expect(d <= today).toBe(true);
    }
  });

  it('orders dispute lifecycles and keeps statuses consistent with timestamps', () => {
    for (const d of o().disputes) {
      const concluded = DISPUTE_CONCLUDED.includes(d.status);
      if (concluded !== (d.concludedAt !== null)) expect.fail(`${d.id} ${d.status} concludedAt=${d.concludedAt}`);
      if ((d.status === '受理') !== (d.mediationStartedAt === null)) expect.fail(`${d.id} ${d.status} started=${d.mediationStartedAt}`);
      const start = d.mediationStartedAt ? ms(d.mediationStartedAt) : Infinity;
      if (ms(d.receivedAt) > start || (d.concludedAt && start > ms(d.concludedAt))) expect.fail(`${d.id} out of order`);
      if (DISPUTE_OPEN.includes(d.status) && nowMs - ms(d.receivedAt) > 90 * 86_400_000) expect.fail(`${d.id} open after 90 days`);
    }
    const recent = o().disputes.filter((d) => nowMs - ms(d.receivedAt) < 7 * 86_400_000);
    expect(recent.filter((d) => DISPUTE_OPEN.includes(d.status)).length / recent.length).toBeGreaterThan(0.5);
  });

  it('orders hazard lifecycles and keeps statuses consistent with timestamps', () => {
    for (const h of o().hazards) {
      const order = [h.reportedAt, h.routedAt, h.startedAt, h.closedAt];
      const present = order.filter((t): t is string => t !== null);
      // Timestamps fill in as a prefix: a later stage never exists without the earlier ones.
      if (order.slice(0, present.length).some((t) => t === null)) expect.fail(`${h.id} has a gap`);
      for (let i = 1; i < present.length; i++) if (ms(present[i - 1]!) > ms(present[i]!)) expect.fail(`${h.id} out of order`);
      const expected = ['上报', '已分流', '处置中', '已办结'][present.length - 1];
      if (h.status !== expected) expect.fail(`${h.id} is ${h.status} with ${present.length} timestamps`);
      const days = { 1: 30, 2: 15, 3: 7, 4: 2 }[h.severity];
      expect(ms(h.deadline) - ms(h.reportedAt)).toBe(days * 86_400_000);
    }
  });

  it('keeps most hazards on time and a plausible minority of open ones overdue', () => {
    const closed = o().hazards.filter((h) => h.closedAt);
    const late = closed.filter((h) => ms(h.closedAt!) > ms(h.deadline)).length / closed.length;
    expect(late).toBeGreaterThan(0.03);
    expect(late).toBeLessThan(0.15);
    const open = o().hazards.filter((h) => HAZARD_OPEN.includes(h.status));
    const overdue = open.filter((h) => ms(h.deadline) < nowMs);
    expect(overdue.length / open.length).toBeGreaterThan(0.01);
    expect(overdue.length / open.length).toBeLessThan(0.12);
    expect(open.filter((h) => nowMs - ms(h.reportedAt) > 90 * 86_400_000).length).toBeLessThanOrEqual(Math.max(3, 0.03 * open.length));
  });

  it('meets the visit rhythm in most complete quarters, with shortfalls clustered by officer', () => {
    const perVillageQuarter = new Map<string, number>();
    for (const v of o().visits) {
      const key = `${v.villageCode}|${quarterOf(v.visitedAt)}`;
      perVillageQuarter.set(key, (perVillageQuarter.get(key) ?? 0) + 1);
    }
    const current = quarterOf(now);
    const quarters = [...new Set(o().visits.map((v) => quarterOf(v.visitedAt)))].filter((q) => q < current);
    const shortByOfficer = new Map<string, number>();
    let short = 0;
    for (const officer of o().officers) {
      for (const q of quarters) {
        if ((perVillageQuarter.get(`${officer.villageCode}|${q}`) ?? 0) >= 3) continue;
        short++;
        shortByOfficer.set(officer.id, (shortByOfficer.get(officer.id) ?? 0) + 1);
      }
    }
    const share = short / (491 * quarters.length);
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.15);
    const top = [...shortByOfficer.values()].sort((a, b) => b - a).slice(0, Math.round(491 * 0.15));
    expect(top.reduce((s, n) => s + n, 0) / short).toBeGreaterThan(0.7);
    // The quarter in progress has only the visits made so far: some villages are still below 3.
    const atRisk = o().officers.filter((x) => (perVillageQuarter.get(`${x.villageCode}|${current}`) ?? 0) < 3).length;
    expect(atRisk).toBeGreaterThan(0);
  });
});

describe('volumes and mix (seed 42, now 2026-11-28)', () => {
  const o = () => ops(42, MAIN_NOW);
  const inYear = <T>(rows: T[], at: (r: T) => string, year: string) => rows.filter((r) => at(r).startsWith(year));

  it('has about 5,800 disputes and 12,000 hazards a year', () => {
    for (const year of ['2024', '2025']) {
      expect(inYear(o().disputes, (d) => d.receivedAt, year).length).toBeGreaterThan(5400);
      expect(inYear(o().disputes, (d) => d.receivedAt, year).length).toBeLessThan(6200);
      expect(inYear(o().hazards, (h) => h.reportedAt, year).length).toBeGreaterThan(11000);
      expect(inYear(o().hazards, (h) => h.reportedAt, year).length).toBeLessThan(13000);
    }
  });

  it('mixes categories as calibrated, land rural-heavy and wages urban-heavy', () => {
    const all = o().disputes;
    const share = (c: string) => all.filter((d) => d.category === c).length / all.length;
    expect(share('婚姻家庭')).toBeCloseTo(0.15, 1);
    expect(share('邻里纠纷')).toBeCloseTo(0.25, 1);
    const perCapita = (category: string, kind: string) => {
      const pop = villages.filter((v) => v.kind === kind).reduce((s, v) => s + v.population, 0);
      return all.filter((d) => d.category === category && byCode.get(d.villageCode)!.kind === kind).length / pop;
    };
    expect(perCapita('土地承包', '村')).toBeGreaterThan(3 * perCapita('土地承包', '社区'));
    expect(perCapita('劳资', '社区')).toBeGreaterThan(3 * perCapita('劳资', '村'));
  });

  it('follows the seasons and the working week', () => {
    const month = (iso: string) => Number(iso.slice(5, 7));
    const d2025 = inYear(o().disputes, (d) => d.receivedAt, '2025');
    expect(d2025.filter((d) => month(d.receivedAt) <= 2).length / 2).toBeGreaterThan(1.15 * d2025.filter((d) => month(d.receivedAt) === 6).length);
    const geo = inYear(o().hazards, (h) => h.reportedAt, '2025').filter((h) => h.category === '地质灾害');
    expect(geo.filter((h) => month(h.reportedAt) >= 5 && month(h.reportedAt) <= 7).length).toBeGreaterThan(
      4 * geo.filter((h) => month(h.reportedAt) <= 2 || month(h.reportedAt) === 12).length,
    );
    const weekday = (iso: string) => new Date(ms(iso) + 8 * 3_600_000).getUTCDay();
    const sundays = d2025.filter((d) => weekday(d.receivedAt) === 0).length;
    const tuesdays = d2025.filter((d) => weekday(d.receivedAt) === 2).length;
    expect(tuesdays).toBeGreaterThan(1.5 * sundays);
  });

  it('mostly links officers before the start, police the majority, and routes hazards by the defaults', () => {
    const officers = o().officers;
    expect(officers.filter((x) => x.linkedSince <= '2024-01-01').length / 491).toBeGreaterThan(0.85);
    expect(officers.filter((x) => x.agency === '公安').length).toBe(270);
    expect(officers.every((x) => /^OF\d{4}$/.test(x.id) && /^1\d{10}$/.test(x.phone))).toBe(true);
    expect(o().hazards.find((h) => h.category === '地质灾害' && h.severity === 4)?.department).toBe('应急管理局');
    expect(o().hazards.find((h) => h.category === '地质灾害' && h.severity === 1)?.department).toBe('自然资源局');
  });
});

describe('determinism and scale', () => {
  it('replays the same options to deep-equal output, and a different seed differs', () => {
    const again = generateOperations({ villages: testVillages(), seed: 42, now: new Date(MAIN_NOW) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(ops(42, MAIN_NOW)));
    expect(again).toEqual(ops(42, MAIN_NOW));
    expect(ops(7, MAIN_NOW).disputes.slice(0, 50)).not.toEqual(ops(42, MAIN_NOW).disputes.slice(0, 50));
  });

  it('doubles volumes at scale 2, pins 1,718/1,700, keeps 491 officers and 448 guardians', () => {
    const one = ops(42, MAIN_NOW);
    const two = ops(42, MAIN_NOW, 2);
    const marriage = two.disputes.filter((d) => d.category === '婚姻家庭' && d.receivedAt.startsWith('2024'));
    expect(marriage).toHaveLength(1718);
    expect(marriage.filter((d) => d.status === '调解成功')).toHaveLength(1700);
    for (const key of ['disputes', 'hazards', 'visits'] as const) {
      const ratio = two.meta.counts[key] / one.meta.counts[key];
      expect(ratio, key).toBeGreaterThan(1.9);
      expect(ratio, key).toBeLessThan(2.1);
    }
    expect(two.officers).toHaveLength(491);
    expect(two.guardians).toHaveLength(448);
    expect(Math.abs(successRate(two, '2024-01-01', '2024-12-31') - 0.986)).toBeLessThanOrEqual(0.003);
  });

  it('generates no events when now precedes the start, but still the officers and guardians', () => {
    const early = generateOperations({ villages, seed: 1, now: new Date('2023-12-31T12:00:00+08:00') });
    expect(early.meta.counts).toEqual({ officers: 491, guardians: 448, visits: 0, disputes: 0, hazards: 0 });
  });

  it('rejects malformed villages and options', () => {
    const [v] = villages;
    expect(() => generateOperations({ villages: [{ ...v!, code: '123' }], seed: 1, now: new Date() })).toThrow(/12 digits/);
    expect(() => generateOperations({ villages: [v!, v!], seed: 1, now: new Date() })).toThrow(/duplicate/);
    expect(() => generateOperations({ villages, seed: 1, scale: 0, now: new Date() })).toThrow(/scale/);
    expect(() => generateOperations({ villages, seed: 1, now: new Date(), start: '2024-02-30' })).toThrow();
  });
});
