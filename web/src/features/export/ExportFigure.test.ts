import { afterEach, describe, expect, it } from 'vitest';
import type { Summary } from '../../api/types.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { composeFigure, type FigureFacts, figureAsOf, fitContain, noteInLanguage, retireFigure } from './ExportFigure.ts';
import { exportText } from './messages.ts';

const NOTE = 'Township and village boundaries are generated from seat points and are approximate; 乡镇、村（社区）边界为根据驻地生成的近似边界，仅供示意。';

describe('noteInLanguage', () => {
  it.each<[string, 'zh' | 'en', string]>([
    [NOTE, 'zh', '乡镇、村（社区）边界为根据驻地生成的近似边界，仅供示意。'],
    [NOTE, 'en', 'Township and village boundaries are generated from seat points and are approximate'],
    ['边界为近似示意', 'en', '边界为近似示意'],
    ['one; two', 'zh', 'one; two'],
    ['  only one  ', 'zh', 'only one'],
  ])('%s (%s)', (note, lang, expected) => expect(noteInLanguage(note, lang)).toBe(expected));
});

describe('fitContain', () => {
  it.each([
    [
      { width: 1000, height: 700 },
      { width: 1400, height: 860 },
      { width: 1229, height: 860 },
    ],
    [
      { width: 2000, height: 500 },
      { width: 1400, height: 860 },
      { width: 1400, height: 350 },
    ],
    [
      { width: 0, height: 0 },
      { width: 1400, height: 860 },
      { width: 1400, height: 860 },
    ],
  ])('%j in %j', (src, box, expected) => expect(fitContain(src, box)).toEqual(expected));
});

const FACTS: FigureFacts = {
  lang: 'zh',
  title: '衡阳县政法综治态势 · 每千人纠纷数',
  scope: '衡阳县 / 界牌镇',
  period: '2026年11月16日至11月22日',
  asOf: '截至 11月22日 24:00',
  filters: null,
  boundaryNote: '边界为近似示意',
};

function legend(): HTMLElement {
  const l = document.createElement('section');
  l.setAttribute('data-testid', 'legend');
  l.innerHTML =
    '<div class="legend-title">每千人纠纷数</div><ul class="legend-classes"><li data-testid="legend-silent"><span class="swatch"></span><span>无信息</span></li></ul><button>收起</button><label><input type="checkbox">热力</label><select><option>x</option></select>';
  return l;
}

describe('composeFigure', () => {
  afterEach(() => {
    for (const f of document.querySelectorAll('figure')) f.remove();
  });
  const text = (key: keyof typeof exportText.zh, params: Record<string, string>) => exportText.zh[key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

  it('carries title, scope, period, as-of time and boundary note, and no controls', () => {
    const fig = composeFigure(FACTS, { map: null, legend: legend(), exportedAt: '2026年11月22日 13:05' }, text);
    const content = fig.textContent ?? '';
    for (const s of [
      FACTS.title,
      '范围：衡阳县 / 界牌镇',
      `时段：${FACTS.period}`,
      '数据截至 11月22日 24:00',
      '注：边界为近似示意',
      '导出于 2026年11月22日 13:05',
      '每千人纠纷数',
      '无信息',
    ]) {
      expect(content).toContain(s);
    }
    expect(fig.querySelectorAll('button, input, select, textarea')).toHaveLength(0);
    expect(content).not.toContain('收起');
    // The live page's test ids are not duplicated; the hatch swatch is marked for the rasteriser's checks.
    expect(fig.querySelector('[data-testid="legend"], [data-testid="legend-silent"]')).toBeNull();
    expect(fig.querySelector('[data-export-part="hatch"]')?.className).toBe('swatch');
    expect(fig.getAttribute('data-testid')).toBe('export-figure');
  });

  it('sizes the map box to the map drawn in it, so nothing stands between the map and the legend', () => {
    const map = document.createElement('canvas');
    map.width = 1000;
    map.height = 700;
    const fig = composeFigure(FACTS, { map, legend: legend(), exportedAt: '' }, text);
    const box = fig.querySelector<HTMLElement>('.export-map')!;
    const copy = box.querySelector<HTMLCanvasElement>('canvas[data-export-part="map"]')!;
    expect(copy.style.width).toBe('1229px');
    expect(box.style.width).toBe(copy.style.width);
    expect(box.style.height).toBe(copy.style.height);
    // The legend comes straight after the map, in the same row.
    expect(box.nextElementSibling?.querySelector('[data-export-part="legend"]')).not.toBeNull();
  });

  it("writes the basemap's credit (with its 审图号) over the map, and none without a basemap", () => {
    const map = document.createElement('canvas');
    map.width = 400;
    map.height = 300;
    const credit = (attr: string | null) =>
      composeFigure({ ...FACTS, basemapAttribution: attr }, { map, legend: legend(), exportedAt: '' }, text).querySelector('.export-map [data-export-part="attribution"]')
        ?.textContent ?? null;
    expect(credit('© 天地图 · 审图号：GS(2024)0650号')).toBe('© 天地图 · 审图号：GS(2024)0650号');
    expect(credit(null)).toBeNull();
  });

  it('leaves out the filters line when there are none, and shows it when there are', () => {
    expect(composeFigure(FACTS, { map: null, legend: null, exportedAt: '' }, text).textContent).not.toContain('筛选');
    expect(composeFigure({ ...FACTS, filters: '消防' }, { map: null, legend: null, exportedAt: '' }, text).textContent).toContain('筛选：消防');
  });

  it('once painted, one hidden figure stays for checks and older ones go', () => {
    const a = composeFigure(FACTS, { map: null, legend: legend(), exportedAt: '' }, text);
    retireFigure(a);
    const b = composeFigure(FACTS, { map: null, legend: legend(), exportedAt: '' }, text);
    retireFigure(b);
    expect(a.isConnected).toBe(false);
    expect(b.hidden).toBe(true);
    expect(b.getAttribute('data-hatch-rect')).toMatch(/^-?\d+,-?\d+,\d+,\d+$/);
  });
});

type Periods = Pick<Summary, 'period' | 'previousPeriod'>;
const zh = makeI18n('zh');
const en = makeI18n('en');

// Exported on Wednesday 2 Dec 2026, 13:00 Asia/Shanghai (05:00Z).
const closedWeek: Periods = {
  period: { from: '2026-11-23', to: '2026-11-29', asOf: '2026-11-29T15:59:59.999Z', days: 7, partial: false, unit: 'week', until: '2026-11-29T16:00:00.000Z' },
  previousPeriod: { from: '2026-11-16', to: '2026-11-22', asOf: '2026-11-22T15:59:59.999Z', days: 7, partial: false, unit: 'week', until: '2026-11-22T16:00:00.000Z' },
};
const runningWeek: Periods = {
  period: { from: '2026-11-30', to: '2026-12-02', asOf: '2026-12-02T05:00:00.000Z', days: 3, partial: true, unit: 'week', until: '2026-12-02T16:00:00.000Z' },
  previousPeriod: { from: '2026-11-23', to: '2026-11-25', asOf: '2026-11-25T05:00:00.000Z', days: 3, partial: false, unit: 'days', until: '2026-11-25T05:00:00.000Z' },
};
const closedCustom: Periods = {
  period: { from: '2025-12-01', to: '2025-12-31', asOf: '2025-12-31T15:59:59.999Z', days: 31, partial: false, unit: 'month', until: '2025-12-31T16:00:00.000Z' },
  previousPeriod: { from: '2025-10-31', to: '2025-11-30', asOf: '2025-11-30T15:59:59.999Z', days: 31, partial: false, unit: 'days', until: '2025-11-30T16:00:00.000Z' },
};
const running12Months: Periods = {
  period: { from: '2025-12-03', to: '2026-12-02', asOf: '2026-12-02T05:00:00.000Z', days: 365, partial: true, unit: 'days', until: '2026-12-02T16:00:00.000Z' },
  previousPeriod: { from: '2024-12-03', to: '2025-12-02', asOf: '2025-12-02T05:00:00.000Z', days: 365, partial: false, unit: 'days', until: '2025-12-02T05:00:00.000Z' },
};

describe('figureAsOf', () => {
  it.each([
    ['a closed week counts to the end of its Sunday, not the export time', closedWeek, zh, '截至 11月29日 24:00'],
    ['a closed week, en', closedWeek, en, 'as of 29 Nov 24:00'],
    ['a closed month', closedCustom, zh, '截至 12月31日 24:00'],
    ['the running week is as of now, labelled as the header labels it', runningWeek, zh, '截至 12月2日 13:00（本周未完）'],
    ['the running week, en', runningWeek, en, 'as of 2 Dec 13:00 (week in progress)'],
  ])('%s', (_, periods, i18n, text) => expect(figureAsOf(periods, i18n)).toBe(text));

  // Whether a window of days ending today is called unfinished is the header helper's business; it is as of now either way.
  it('the last 12 months to today are as of now', () => expect(figureAsOf(running12Months, zh)).toMatch(/^截至 12月2日 13:00/));
});
