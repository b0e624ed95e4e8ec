/**
 * Id prefix, sequence and table of each kind of event: ids look like DS0000123. The SQL that
 * draws and resynchronises them lives in api/queries/intake/ids.ts; these names are the only
 * identifiers it interpolates.
 */
export const ID_KINDS = {
  dispute: { prefix: 'DS', seq: 'dispute_id_seq', table: 'dispute' },
  hazard: { prefix: 'HZ', seq: 'hazard_id_seq', table: 'hazard' },
  visit: { prefix: 'VS', seq: 'visit_id_seq', table: 'visit' },
} as const;
export type IdKind = keyof typeof ID_KINDS;
