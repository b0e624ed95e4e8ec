import { afterEach, describe, expect, it } from 'vitest';
import { composeFigure, type FigureFacts, fitContain, noteInLanguage, retireFigure } from './ExportFigure.ts';
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
  asOf: '2026年11月22日 13:00',
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
      `数据截至 ${FACTS.asOf}`,
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
