/**
 * The migrations spell the closed vocabularies out in CHECK constraints, while the API, the
 * zod schemas and the generator read api/contract/. Old migrations are never edited, so the two
 * can drift: this compares every such constraint in the migrated database with its list, and a
 * value added on one side only fails here, naming both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCIES,
  BOUNDARY_SOURCES,
  DISPUTE_CATEGORIES,
  DISPUTE_CHANNELS,
  DISPUTE_CONCLUDED,
  DISPUTE_STATUSES,
  HAZARD_CATEGORIES,
  HAZARD_STATUSES,
  SEVERITIES,
  VILLAGE_KINDS,
  VISIT_KINDS,
} from '../contract/enums.ts';
import { ROLES } from '../contract/roles.ts';
import { type TestDb, testDb } from '../test/test-db.ts';
import { SYSTEM } from './types.ts';

/** Each constrained column and the list in api/contract/ it must allow, exactly. */
const COLUMNS: Array<[table: string, column: string, list: string, values: readonly (string | number)[]]> = [
  ['township', 'boundary_source', 'BOUNDARY_SOURCES', BOUNDARY_SOURCES],
  ['village', 'boundary_source', 'BOUNDARY_SOURCES', BOUNDARY_SOURCES],
  ['village', 'kind', 'VILLAGE_KINDS', VILLAGE_KINDS],
  ['officer', 'agency', 'AGENCIES', AGENCIES],
  ['visit', 'kind', 'VISIT_KINDS', VISIT_KINDS],
  ['dispute', 'category', 'DISPUTE_CATEGORIES', DISPUTE_CATEGORIES],
  ['dispute', 'channel', 'DISPUTE_CHANNELS', DISPUTE_CHANNELS],
  ['dispute', 'status', 'DISPUTE_STATUSES', DISPUTE_STATUSES],
  ['hazard', 'category', 'HAZARD_CATEGORIES', HAZARD_CATEGORIES],
  ['hazard', 'status', 'HAZARD_STATUSES', HAZARD_STATUSES],
  ['hazard', 'severity', 'SEVERITIES', SEVERITIES],
  ['hazard_routing', 'category', 'HAZARD_CATEGORIES', HAZARD_CATEGORIES],
  // A campaign's targets: lists, so the CHECK is `<@ ARRAY[...]` rather than `= ANY (ARRAY[...])`.
  ['campaign', 'dispute_categories', 'DISPUTE_CATEGORIES', DISPUTE_CATEGORIES],
  ['campaign', 'hazard_categories', 'HAZARD_CATEGORIES', HAZARD_CATEGORIES],
  ['hazard_routing', 'min_severity', 'SEVERITIES', SEVERITIES],
  ['hazard_deadline', 'severity', 'SEVERITIES', SEVERITIES],
  ['app_user', 'role', 'ROLES (api/contract/roles.ts)', ROLES],
];

// The CHECK constraints on exactly one column, as PostgreSQL prints them back.
const CHECKS = `
  SELECT a.attname AS column, pg_get_constraintdef(c.oid) AS def
  FROM pg_constraint c
  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
  WHERE c.contype = 'c' AND c.conrelid = $1::regclass AND cardinality(c.conkey) = 1`;

// A CHECK on several columns of a table that lists values, found by a column it names.
const MULTI_COLUMN_CHECK = `
  SELECT pg_get_constraintdef(c.oid) AS def
  FROM pg_constraint c
  WHERE c.contype = 'c' AND c.conrelid = $1::regclass AND cardinality(c.conkey) > 1
    AND pg_get_constraintdef(c.oid) LIKE '%' || $2 || '%' AND pg_get_constraintdef(c.oid) LIKE '%= ANY (ARRAY[%'`;

/**
 * The values a printed CHECK allows: the quoted literals of `col = ANY (ARRAY['a'::text, ...])`,
 * or every integer of `(col >= 1) AND (col <= 4)` (how BETWEEN prints).
 */
function allowedValues(def: string): (string | number)[] {
  const literals = [...def.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1]!.replaceAll("''", "'"));
  if (literals.length > 0) return literals;
  const low = />= (-?\d+)\)/.exec(def);
  const high = /<= (-?\d+)\)/.exec(def);
  if (!low || !high) throw new Error(`cannot read the allowed values of ${def}`);
  return Array.from({ length: Number(high[1]) - Number(low[1]) + 1 }, (_, i) => Number(low[1]) + i);
}

const sorted = (xs: readonly (string | number)[]) => [...xs].map(String).sort();

describe('CHECK constraints and the enums of api/contract/ agree', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await testDb();
  });

  it.each(COLUMNS)('%s.%s allows exactly %s', async (table, column, list, values) => {
    const rows = await t.db.read(SYSTEM, (h) => h.query<{ column: string; def: string }>(CHECKS, [table]));
    const defs = rows.filter((r) => r.column === column).map((r) => r.def);
    expect(defs, `no CHECK constraint on ${table}.${column} (a migration dropped it?)`).toHaveLength(1);
    const allowed = allowedValues(defs[0]!);
    expect(
      sorted(allowed),
      `the CHECK on ${table}.${column} (${defs[0]}) and ${list} in api/contract/ differ: a value was added or removed in one ` +
        'and not the other; change both (a new migration for the constraint)',
    ).toEqual(sorted(values));
  });

  it('the CHECK tying a concluded dispute to its concluded_at lists exactly DISPUTE_CONCLUDED', async () => {
    const rows = await t.db.read(SYSTEM, (h) => h.query<{ def: string }>(MULTI_COLUMN_CHECK, ['dispute', 'concluded_at']));
    expect(rows, 'no CHECK on dispute relating status and concluded_at').toHaveLength(1);
    expect(sorted(allowedValues(rows[0]!.def)), `the CHECK on dispute (${rows[0]!.def}) and DISPUTE_CONCLUDED in api/contract/enums.ts differ; change both`).toEqual(
      sorted(DISPUTE_CONCLUDED),
    );
  });

  it('reads the allowed values of both printed forms', () => {
    expect(allowedValues(`CHECK ((kind = ANY (ARRAY['村'::text, '社区'::text])))`)).toEqual(['村', '社区']);
    expect(allowedValues(`CHECK (((severity >= 1) AND (severity <= 4)))`)).toEqual([1, 2, 3, 4]);
    expect(() => allowedValues('CHECK ((length(name) > 0))')).toThrow('cannot read');
  });
});
