import { describe, expect, it } from 'vitest';
import { accessPaths } from './plan-paths.ts';

describe('accessPaths', () => {
  it.each([
    ['an index scan', ['  ->  Index Scan using dispute_received_idx on dispute d (actual time=0.01..0.02 rows=3 loops=1)'], ['dispute_received_idx'], []],
    ['an index-only scan, backward', ['->  Index Only Scan Backward using visit_village_time_idx on visit x'], ['visit_village_time_idx'], []],
    ['a bitmap index scan', ['->  Bitmap Heap Scan on hazard h', '      ->  Bitmap Index Scan on hazard_open_span_gix'], ['hazard_open_span_gix'], []],
    ['a whole table', ['->  Seq Scan on village (actual time=0.008..0.252 rows=491 loops=1)'], [], ['village']],
    ['a function scan and a CTE: neither', ['->  Function Scan on case_flow_sums f', '->  CTE Scan on q'], [], []],
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
