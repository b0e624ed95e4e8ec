import type { CampaignEffect } from '../../api/types.ts';
import { formatDateRange, formatShortDate, type Lang } from '../i18n/format.ts';
import { phaseTotals } from './effect-series.ts';

/**
 * The 2-4 sentences under a campaign's chart, written from the effect answer in the manner of the
 * briefing's summary (api/domain/briefing-text.ts): what was counted, against what, and how sure.
 * Pure, so the same answer gives the same words. The comparison with the other categories is an
 * estimate with an interval, never a cause: an interval that holds "no change" says so, and a
 * clear one is still called a difference, not the campaign's doing.
 */
export type EffectFacts = Pick<CampaignEffect, 'campaign' | 'windows' | 'weeks' | 'townships' | 'estimate' | 'ratio' | 'closed' | 'asOf'>;

const pct1 = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${Math.abs(x * 100).toFixed(1)}%`;

/** 12月2日13:00 / 2 Dec 13:00 of an instant, in Asia/Shanghai. */
function dayTime(iso: string, lang: Lang): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  const day = formatShortDate(local.slice(0, 10), lang);
  return lang === 'zh' ? `${day}${local.slice(11, 16)}` : `${day} ${local.slice(11, 16)}`;
}

function change(cur: number, prev: number, lang: Lang, against: string): string {
  const d = cur - prev;
  const rel = prev > 0 ? (lang === 'zh' ? `（${pct1(d / prev)}）` : ` (${pct1(d / prev)})`) : '';
  if (lang === 'zh') return d === 0 ? `与${against}持平` : `较${against}${d > 0 ? '增加' : '减少'}${Math.abs(d)}件${rel}`;
  return d === 0 ? `level with ${against}` : `${d > 0 ? 'up' : 'down'} ${Math.abs(d)} on ${against}${rel}`;
}

/** Whether an interval of the ratio holds 1 ("no change"). */
const holdsNoChange = (low: number, high: number) => low <= 1 && high >= 1;

export function campaignSentences(f: EffectFacts, lang: Lang): string[] {
  const zh = lang === 'zh';
  const t = phaseTotals(f.weeks);
  const c = f.campaign;
  const running = c.status === 'running';
  const span = running
    ? zh
      ? `自${formatShortDate(f.windows.during.from, lang)}开展以来（截至${dayTime(f.asOf, lang)}）`
      : `since it began on ${formatShortDate(f.windows.during.from, lang)} (as of ${dayTime(f.asOf, lang)})`
    : zh
      ? `（${formatDateRange(f.windows.during.from, f.windows.during.to, lang)}）期间`
      : `(${formatDateRange(f.windows.during.from, f.windows.during.to, lang)})`;
  const before = formatDateRange(f.windows.before.from, f.windows.before.to, lang);
  const out: string[] = [];

  out.push(
    zh
      ? `${c.name}专项行动${span}，所针对类别受理案件${t.during.targeted}件，${change(t.during.targeted, t.before.targeted, lang, `行动前同样长的时段（${before}）`)}。`
      : `During the ${c.name} campaign ${span}, ${t.during.targeted} cases of its categories were received, ${change(t.during.targeted, t.before.targeted, lang, `the same length of time before it (${before})`)}.`,
  );

  const e = f.estimate;
  const r = f.ratio;
  if (e.note === 'insufficient_cases' || r.value === null || r.low === null || r.high === null) {
    out.push(zh ? '案件数太少，与其他类别的对比没有意义，不作估计。' : 'There are too few cases to compare with the other categories, so no estimate is given.');
  } else {
    const other = change(t.during.other, t.before.other, lang, zh ? '行动前' : 'before');
    const level = Math.round(e.level * 100);
    const interval = zh ? `${level}%区间${pct1(r.low - 1)}至${pct1(r.high - 1)}` : `${level}% interval ${pct1(r.low - 1)} to ${pct1(r.high - 1)}`;
    const verdict = holdsNoChange(r.low, r.high)
      ? zh
        ? '区间包含零，不能认定有变化'
        : 'the interval includes zero, so no change can be claimed'
      : zh
        ? '这是前后对比，不能据此断定由行动引起'
        : 'a before/after comparison, which does not by itself show the campaign caused it';
    const small = e.small ? (zh ? '（案件较少，仅供参考）' : ' (few cases: indicative only)') : '';
    out.push(
      zh
        ? `同期其他类别${other}；与之相比，所针对类别相对变化${pct1(r.value - 1)}（${interval}）${small}，${verdict}。`
        : `Over the same time the other categories were ${other}; against them, the campaign's categories changed by ${pct1(r.value - 1)} (${interval})${small}: ${verdict}.`,
    );
  }

  const comparable = f.townships.filter((u) => !u.small && u.changeRate !== null);
  if (f.townships.length > 1) {
    const byChange = [...comparable].sort((a, b) => a.changeRate! - b.changeRate! || a.name.localeCompare(b.name));
    const fall = byChange[0];
    const rise = byChange.at(-1);
    if (!fall) out.push(zh ? '各乡镇案件数较少，不作乡镇间比较。' : 'Each township has too few cases to compare townships.');
    else {
      const fallText =
        fall.changeRate! < 0
          ? zh
            ? `降幅最大的乡镇是${fall.name}（${fall.before}件降至${fall.during}件，${pct1(fall.changeRate!)}）`
            : `${fall.name} fell the most (${fall.before} to ${fall.during} cases, ${pct1(fall.changeRate!)})`
          : zh
            ? '各乡镇均未下降'
            : 'no township fell';
      const riseText =
        rise && rise !== fall && rise.changeRate! > 0
          ? zh
            ? `；${rise.name}升幅最大（${rise.before}件增至${rise.during}件，${pct1(rise.changeRate!)}）`
            : `; ${rise.name} rose the most (${rise.before} to ${rise.during}, ${pct1(rise.changeRate!)})`
          : '';
      const left = f.townships.length - comparable.length;
      const leftText = left > 0 ? (zh ? `；${left}个乡镇案件较少，未比较` : `; ${left} with few cases not compared`) : '';
      out.push(zh ? `${fallText}${riseText}${leftText}。` : `${fallText}${riseText}${leftText}.`);
    }
  }

  const after = f.weeks.filter((w) => w.phase === 'after');
  const duringWeeks = f.weeks.filter((w) => w.phase === 'during').length;
  const afterText =
    after.length > 0 && duringWeeks > 0
      ? zh
        ? `；行动结束后${after.length}周，所针对类别周均${(t.after.targeted / after.length).toFixed(1)}件（行动期间周均${(t.during.targeted / duringWeeks).toFixed(1)}件）`
        : `; in the ${after.length} weeks after it, ${(t.after.targeted / after.length).toFixed(1)} cases a week (${(t.during.targeted / duringWeeks).toFixed(1)} during it)`
      : '';
  out.push(
    zh
      ? `标记为该行动的案件中，期间办结纠纷${f.closed.disputes}件、隐患${f.closed.hazards}件${afterText}。`
      : `Of the cases tagged with the campaign, ${f.closed.disputes} disputes and ${f.closed.hazards} hazards were closed during it${afterText}.`,
  );
  return out.slice(0, 4);
}
