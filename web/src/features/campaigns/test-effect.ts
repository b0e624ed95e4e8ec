import type { CampaignEffect } from '../../api/types.ts';

type Week = CampaignEffect['weeks'][number];

/** Weekly rows from per-phase lists of [targeted, other], weeks numbered from 2026-08-03. */
export function weeksOf(phases: Partial<Record<Week['phase'], [number, number][]>>): Week[] {
  const start = Date.parse('2026-08-03T00:00:00Z');
  const rows = (['before', 'during', 'after'] as const).flatMap((phase) => (phases[phase] ?? []).map(([targeted, other]) => ({ phase, targeted, other })));
  return rows.map((r, i) => ({ ...r, days: 7, weekStart: new Date(start + i * 7 * 86400e3).toISOString().slice(0, 10) }));
}

/** A campaign that ended on 29 Nov, four weeks each side, with a fall against the other categories. */
export const ENDED: CampaignEffect = {
  campaign: {
    code: 'qingyuan',
    name: '清源断流',
    description: '',
    startDate: '2026-08-31',
    endDate: '2026-09-27',
    disputeCategories: [],
    hazardCategories: ['治安'],
    townships: null,
    leadDepartment: '县公安局',
    autoTag: true,
    status: 'ended',
  },
  windows: { before: { from: '2026-08-03', to: '2026-08-30' }, during: { from: '2026-08-31', to: '2026-09-27' }, after: { from: '2026-09-28', to: '2026-10-11' } },
  weeks: weeksOf({
    before: [
      [25, 100],
      [25, 100],
      [25, 100],
      [25, 100],
    ],
    during: [
      [20, 100],
      [15, 100],
      [15, 100],
      [10, 100],
    ],
    after: [
      [12, 100],
      [12, 100],
    ],
  }),
  townships: [
    { code: '430421110', name: '界牌镇', before: 40, during: 20, changeRate: -0.5, small: false },
    { code: '430421100', name: '西渡镇', before: 30, during: 33, changeRate: 0.1, small: false },
    { code: '430421120', name: '演陂镇', before: 3, during: 1, changeRate: -0.667, small: true },
  ],
  estimate: { kind: 'did_log_ratio', value: Math.log(0.6), low: Math.log(0.5), high: Math.log(0.72), level: 0.9, small: false, note: null },
  ratio: { value: 0.6, low: 0.5, high: 0.72 },
  closed: { disputes: 4, hazards: 31 },
  asOf: '2026-12-02T05:00:00.000Z',
};
