import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from './url-codec.ts';
import { DEFAULT_VIEW, scopeOf, type ViewState } from './view-state.ts';

const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('encodeView / decodeView round trip', () => {
  const cases: [string, ViewState][] = [
    ['default view', DEFAULT_VIEW],
    ['township', view({ township: '430421110' })],
    ['village', view({ township: '430421110', village: '430421110216' })],
    ['metric and layers', view({ metric: 'hazardsOverdue', layers: ['heat', 'labels'] })],
    ['all layers off', view({ layers: [] })],
    ['hazard events', view({ events: 'hazard', layers: ['choropleth', 'hex'] })],
    ['preset', view({ preset: 'thisQuarter' })],
    ['custom range', view({ preset: 'custom', from: '2026-01-05', to: '2026-03-01' })],
    ['filters', view({ categories: ['宅基地', '婚姻家庭'].sort(), statuses: ['调处中'] })],
    ['english dark', view({ lang: 'en', theme: 'dark' })],
    ['campaign', view({ campaign: 'qingyuan' })],
    ['campaign with a township and filters', view({ township: '430421110', campaign: 'lei-ting', categories: ['消防'] })],
  ];
  it.each(cases)('%s', (_name, v) => {
    expect(decodeView(encodeView(v))).toEqual(v);
  });
});

describe('encodeView', () => {
  it.each<[string, Partial<ViewState>, string]>([
    ['default is the bare address', {}, ''],
    ['village carries the township', { township: '430421110', village: '430421110216' }, '?v=430421110216'],
    ['township', { township: '430421110' }, '?t=430421110'],
    ['layers in canonical order', { layers: ['labels', 'heat', 'choropleth'] }, '?l=choropleth,heat,labels'],
    ['no layers', { layers: [] }, '?l='],
    ['custom keeps dates', { preset: 'custom', from: '2026-01-05', to: '2026-03-01' }, '?p=custom&from=2026-01-05&to=2026-03-01'],
    ['preset drops stray dates', { preset: 'thisWeek', from: '2026-01-05', to: '2026-03-01' }, '?p=thisWeek'],
    ['lang and theme', { lang: 'en', theme: 'dark' }, '?lang=en&theme=dark'],
    ['campaign before the language', { campaign: 'qingyuan', lang: 'en' }, '?cp=qingyuan&lang=en'],
  ])('%s', (_name, patch, search) => expect(encodeView(view(patch))).toBe(search));

  it('equal views give equal links whatever the order of filters', () => {
    expect(encodeView(view({ categories: ['劳资', '宅基地'] }))).toBe(encodeView(view({ categories: ['宅基地', '劳资'] })));
  });
});

describe('decodeView tolerates damaged links', () => {
  it.each<[string, string, Partial<ViewState>]>([
    ['unknown metric', '?m=bogus', {}],
    ['bad township code', '?t=4304', {}],
    ['village decides the township', '?t=430421100&v=430421110216', { township: '430421110', village: '430421110216' }],
    ['bad village code keeps township', '?t=430421110&v=12', { township: '430421110' }],
    ['unknown layers dropped', '?l=heat,rainbow', { layers: ['heat'] }],
    ['custom without dates falls back', '?p=custom&from=2026-03-01', {}],
    ['custom inverted falls back', '?p=custom&from=2026-03-01&to=2026-01-01', {}],
    ['unknown preset', '?p=yesterday', {}],
    ['dates without custom ignored', '?from=2026-01-01&to=2026-02-01', {}],
    ['duplicate filter values', '?cat=劳资,劳资,', { categories: ['劳资'] }],
    ['unknown lang', '?lang=fr', {}],
    ['campaign code with capitals', '?cp=QingYuan', {}],
    ['campaign code with a quote', "?cp=x'1", {}],
    ['campaign code too long', `?cp=a${'b'.repeat(40)}`, {}],
    ['empty campaign', '?cp=', {}],
    ['campaign kept', '?cp=jing-wang', { campaign: 'jing-wang' }],
  ])('%s: %s', (_name, search, patch) => expect(decodeView(search)).toEqual(view(patch)));
});

describe('scopeOf', () => {
  it.each<[Partial<ViewState>, string]>([
    [{}, 'county'],
    [{ township: '430421110' }, 'township'],
    [{ township: '430421110', village: '430421110216' }, 'village'],
  ])('%j -> %s', (patch, scope) => expect(scopeOf(view(patch))).toBe(scope));
});
