import type { GeoJsonLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/types.ts';
import type { TownshipFeature } from '../map/layers/unit-layers.ts';
import type { AlertLine } from './AlertList.tsx';
import { alertLayers, namedAlerts } from './alert-layers.ts';

function alert(rule: Alert['rule'], code: string): Alert {
  return {
    id: `${rule}:${code}`,
    rule,
    code,
    name: code,
    townshipCode: code,
    townshipName: code,
    value: 0.5,
    threshold: 0.9,
    category: null,
    deadline: null,
    since: null,
    lng: 0,
    lat: 0,
  };
}
const single = (a: Alert): AlertLine => ({ kind: 'alert', id: a.id, rule: a.rule, alert: a });
const codes = Array.from({ length: 25 }, (_, i) => `4304211${String(i).padStart(2, '0')}`);
function group(rule: Alert['rule'], members: string[]): AlertLine {
  const all = members.map((c) => alert(rule, c));
  return { kind: 'group', id: `group:${rule}`, rule, label: '', count: all.length, of: 25, threshold: 0.9, worst: all.slice(0, 3), members: all.map((a) => a.id) };
}
const townships = codes.map((code) => ({ type: 'Feature', geometry: null, properties: { code } })) as unknown as TownshipFeature[];

describe('the wall map marks what the alert list names', () => {
  it.each<[string, AlertLine[], string[]]>([
    ['a grouped rule: its worst 3 only', [group('township_coverage', codes.slice(0, 23))], codes.slice(0, 3)],
    ['single lines: each of them', codes.slice(0, 2).map((c) => single(alert('township_coverage', c))), codes.slice(0, 2)],
    ['both kinds side by side', [single(alert('hazard_overdue', 'H1')), group('township_coverage', codes)], ['H1', ...codes.slice(0, 3)]],
    ['no lines', [], []],
  ])('%s', (_name, lines, expected) => {
    expect(namedAlerts(lines).map((a) => a.code)).toEqual(expected);
  });

  it('outlines 3 townships, not the county, when 23 of 25 are under the coverage floor', () => {
    const [outlines] = alertLayers([group('township_coverage', codes.slice(0, 23))], townships, 1, null);
    const data = (outlines as GeoJsonLayer).props.data as unknown as TownshipFeature[];
    expect(data.map((t) => t.properties.code)).toEqual(codes.slice(0, 3));
  });
});
