/**
 * The summary sentences of the weekly briefing, written from the numbers (zh-CN). Pure: the
 * same numbers give the same sentences, and any change in them shows in the text.
 */

export interface UnitChange {
  name: string;
  current: number;
  previous: number;
}

export interface BriefingFacts {
  /** 衡阳县 or the township's name. */
  scopeName: string;
  /** "township" when the scope is the county (units are townships), else "village". */
  unitLevel: 'township' | 'village';
  from: string;
  to: string;
  /**
   * ISO instant the figures are as of while the week is still running (null for a closed week): the
   * text then says "截至12月2日13:00（本周未完）" and compares with the same days of last week ("上周同期").
   */
  asOf: string | null;
  disputes: { current: number; previous: number; successRate: number | null; open: number };
  hazards: { reported: number; previousReported: number; open: number; overdue: number; overdueSerious: number };
  /** Per-unit disputes this week and last week. */
  units: UnitChange[];
  coverage: { villages: number; met: number; missed: number; silent: number; worstUnit: { name: string; missed: number } | null };
  /** The top village of the ranking (ordered by the smoothed rate): its cases and residents. */
  topRate: { name: string; townshipName: string; cases: number; population: number } | null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
/** 12月2日13:00 of an ISO instant, in Asia/Shanghai. */
const mdHm = (iso: string) => {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${md(local.slice(0, 10))}${local.slice(11, 16)}`;
};

function change(cur: number, prev: number, unit: string, last: string): string {
  const d = cur - prev;
  if (d === 0) return `与${last}持平`;
  const rel = prev > 0 ? `（${d > 0 ? '+' : ''}${((d / prev) * 100).toFixed(1)}%）` : '';
  return `较${last}${d > 0 ? '增加' : '减少'}${Math.abs(d)}${unit}${rel}`;
}

export function briefingSentences(f: BriefingFacts): string[] {
  const out: string[] = [];
  const unitWord = f.unitLevel === 'township' ? '乡镇' : '村（社区）';
  // A running week is compared with the same days of last week, to the same time ("上周同期").
  const last = f.asOf ? '上周同期' : '上周';
  const until = f.asOf ? `${mdHm(f.asOf)}（本周未完）` : md(f.to);
  const rate = f.disputes.successRate === null ? '' : `，已办结纠纷调解成功率${pct(f.disputes.successRate)}`;
  out.push(`${md(f.from)}至${until}，${f.scopeName}受理矛盾纠纷${f.disputes.current}件，${change(f.disputes.current, f.disputes.previous, '件', last)}${rate}。`);

  const rises = f.units.map((u) => ({ ...u, d: u.current - u.previous })).sort((a, b) => b.d - a.d || a.name.localeCompare(b.name));
  const top = rises[0];
  if (top && top.d > 0) out.push(`矛盾纠纷增加最多的${unitWord}是${top.name}，本周${top.current}件，较${last}增加${top.d}件。`);
  else if (rises.length > 0) out.push(`各${unitWord}矛盾纠纷均未较${last}增加。`);

  out.push(
    `本周上报风险隐患${f.hazards.reported}件，${change(f.hazards.reported, f.hazards.previousReported, '件', last)}；截至${f.asOf ? mdHm(f.asOf) : md(f.to)}，未办结${f.hazards.open}件，其中超期${f.hazards.overdue}件` +
      (f.hazards.overdueSerious > 0 ? `（3级及以上${f.hazards.overdueSerious}件，需督办）。` : '。'),
  );

  const c = f.coverage;
  let cov = `本季度民警走访达标${c.met}个村（社区），占${c.villages > 0 ? pct(c.met / c.villages) : '0%'}`;
  if (c.missed > 0) cov += `；${c.missed}个预计无法按期达标${c.worstUnit && c.worstUnit.missed > 0 ? `，${c.worstUnit.name}最多（${c.worstUnit.missed}个）` : ''}`;
  out.push(`${cov}。`);

  if (c.silent > 0) out.push(`${c.silent}个村（社区）连续4周以上既无隐患上报也无民警走访，属“无信息”状态，需核实。`);
  // The number said is the one the week's table and map show: the raw rate per 10,000 residents
  // (a week's unit); the ordering behind "最高" is the smoothed one, and the sentence says so.
  if (f.topRate) {
    const t = f.topRate;
    const per10k = t.population > 0 ? ((t.cases / t.population) * 10000).toFixed(1) : '—';
    out.push(`按平滑后纠纷率排序，居首的是${t.townshipName === t.name ? '' : t.townshipName}${t.name}：${t.cases}件，每万人${per10k}件。`);
  }
  return out.slice(0, 6);
}
