import { describe, expect, it } from 'vitest';
import { accessPaths, bodyQueries, namedArgs } from './plan-paths.ts';

describe('accessPaths', () => {
  it.each([
    ['an index scan', ['  ->  Index Scan using dispute_received_idx on dispute d (actual time=0.01..0.02 rows=3 loops=1)'], ['dispute_received_idx'], []],
    ['an index-only scan, backward', ['->  Index Only Scan Backward using visit_village_time_idx on visit x'], ['visit_village_time_idx'], []],
    ['a bitmap index scan', ['->  Bitmap Heap Scan on hazard h', '      ->  Bitmap Index Scan on hazard_open_span_gix'], ['hazard_open_span_gix'], []],
    ['a whole table', ['->  Seq Scan on village (actual time=0.008..0.252 rows=491 loops=1)'], [], ['village']],
    ['a function scan and a CTE: neither', ['->  Function Scan on case_flow_sums f', '->  CTE Scan on q'], [], []],
    [
      'a branch never executed: not read',
      [
        '->  Index Only Scan Backward using visit_village_time_idx on visit x_1  (cost=0.43..4.92 rows=22 width=8) (never executed)',
        '->  Seq Scan on village_latest l (cost=0.00..8.91 rows=491 width=29) (never executed)',
        '->  Index Scan using village_pkey on village v (actual time=0.01..0.02 rows=1 loops=1)',
      ],
      ['village_pkey'],
      [],
    ],
    [
      'each name once, sorted',
      ['Seq Scan on officer o', 'Index Scan using b_idx on t', 'Seq Scan on officer o2', 'Index Scan using a_idx on t', 'Index Scan using b_idx on t'],
      ['a_idx', 'b_idx'],
      ['officer'],
    ],
  ])('%s', (_name, plan, indexes, seqScans) => {
    expect(accessPaths(plan)).toEqual({ indexes, seqScans });
  });
});

describe('namedArgs', () => {
  it.each([
    ['a call by name', 'SELECT * FROM f(p_a => $1, p_b => $2) m', { p_a: 1, p_b: 2 }],
    ['across lines', 'FROM f(p_a => $3,\n  p_b => $10) m', { p_a: 3, p_b: 10 }],
    ['an argument that is not a parameter', 'FROM f(p_a => $1, p_b => coalesce($5::text, tw.code)) m', null],
    ['a nested call after the parameters', 'FROM f(p_a => $1, p_b => $2) m JOIN g(x) ON true', { p_a: 1, p_b: 2 }],
    ['an unclosed call', 'FROM f(p_a => $1', null],
    ['no call', 'SELECT 1', null],
  ])('%s', (_name, sql, want) => {
    const got = namedArgs(sql, 'f');
    expect(got === null ? null : Object.fromEntries(got)).toEqual(want);
  });
});

describe('bodyQueries', () => {
  const params = [
    { name: 'p_from', type: 'timestamp with time zone' },
    { name: 'p_township', type: 'text' },
  ];
  it('gives the RETURN QUERY statement with typed parameters, NULL for those not passed', () => {
    const src = '#variable_conflict use_column\nBEGIN\n  RETURN QUERY\nSELECT x FROM t WHERE a >= p_from AND (p_township IS NULL OR b = p_township);\nEND ';
    expect(bodyQueries(src, params, new Map([['p_from', 4]]))).toEqual([
      { when: null, sql: 'SELECT x FROM t WHERE a >= $4::timestamp with time zone AND (NULL::text IS NULL OR b = NULL::text)' },
    ]);
  });
  it("holds the function's variables as the SQL that sets them: DECLARE initialisers, assignments, a record's fields", () => {
    const src = [
      '#variable_conflict use_column',
      'DECLARE',
      '  k some_day;',
      '  ready boolean;',
      '  -- a comment; with a semicolon',
      '  codes text[] := ARRAY(SELECT c FROM v WHERE t = p_township);',
      'BEGIN',
      '  SELECT * INTO k FROM some_day d WHERE d.day = p_from::date;',
      '  ready := k.day IS NOT NULL AND codes IS NOT NULL;',
      '  RETURN QUERY',
      'SELECT x.ready, y AS ready FROM t x WHERE ready AND x.c = ANY(codes);',
      'END ',
    ].join('\n');
    expect(
      bodyQueries(
        src,
        params,
        new Map([
          ['p_from', 1],
          ['p_township', 2],
        ]),
      ),
    ).toEqual([
      {
        when: null,
        sql:
          'SELECT x.ready, y AS ready FROM t x WHERE ((SELECT v.day FROM (SELECT * FROM some_day d WHERE d.day = $1::timestamp with time zone::date) v) IS NOT NULL AND ' +
          '(ARRAY(SELECT c FROM v WHERE t = $2::text)) IS NOT NULL) AND x.c = ANY((ARRAY(SELECT c FROM v WHERE t = $2::text)))',
      },
    ]);
  });
  it('refuses a name that is not a parameter, and a function with no RETURN QUERY', () => {
    expect(() => bodyQueries('BEGIN RETURN QUERY SELECT p_other; END', params, new Map())).toThrow(/p_other/);
    expect(() => bodyQueries('SELECT 1', params, new Map())).toThrow(/RETURN QUERY/);
  });
  it('gives both statements of an IF ... ELSE body, each with the condition under which it runs', () => {
    const src = [
      'DECLARE',
      '  codes text[] := CASE WHEN p_township IS NULL THEN NULL ELSE ARRAY(SELECT c FROM v WHERE t = p_township) END;',
      'BEGIN',
      '  IF codes IS NULL THEN',
      '  RETURN QUERY',
      '-- the county; a comment with a semicolon',
      'SELECT 1 FROM t;',
      '  ELSE',
      '  RETURN QUERY',
      'SELECT 2 FROM t WHERE c = ANY(codes);',
      '  END IF;',
      'END ',
    ].join('\n');
    const codes = '(CASE WHEN $2::text IS NULL THEN NULL ELSE ARRAY(SELECT c FROM v WHERE t = $2::text) END)';
    expect(bodyQueries(src, params, new Map([['p_township', 2]]))).toEqual([
      { when: `(${codes} IS NULL) IS TRUE`, sql: '-- the county; a comment with a semicolon\nSELECT 1 FROM t' },
      { when: `(${codes} IS NULL) IS NOT TRUE`, sql: `SELECT 2 FROM t WHERE c = ANY(${codes})` },
    ]);
    // an IF in a comment is not the branch; two RETURN QUERY not so written are refused
    expect(bodyQueries(`-- IF you read this THEN RETURN QUERY is not code;\n${src}`, params, new Map())).toHaveLength(2);
    expect(() => bodyQueries('BEGIN RETURN QUERY SELECT 1; RETURN QUERY SELECT 2; END', params, new Map())).toThrow(/several RETURN QUERY/);
  });
});
