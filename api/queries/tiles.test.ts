import { describe, expect, it } from 'vitest';
import { bindAfter } from './tiles.ts';

describe('bindAfter', () => {
  it.each([
    ['SELECT :a, :b', [], { a: 1, b: 2 }, 'SELECT $1, $2', [1, 2]],
    ['SELECT $1, :b, :a, :b', ['x'], { a: 1, b: 2 }, 'SELECT $1, $2, $3, $2', ['x', 2, 1]],
    // Casts and unused names are left alone: PostgreSQL cannot type a parameter it never sees.
    ['SELECT :cap::int + 1, $2::text', ['x', 'y'], { cap: 5, unused: 0 }, 'SELECT $3::int + 1, $2::text', ['x', 'y', 5]],
    ["SELECT 'a::b'", [], {}, "SELECT 'a::b'", []],
  ] as const)('%s', (sql, base, named, out, params) => {
    expect(bindAfter(sql, base, named)).toEqual({ sql: out, params });
  });

  it('refuses a placeholder it has no value for', () => {
    expect(() => bindAfter('SELECT :z', [], {})).toThrow(/no value for :z/);
  });
});
