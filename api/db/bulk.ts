import type { Handle } from './types.ts';

/**
 * One column of a bulk insert: its values are sent as one array parameter (`$n::type[]`) and
 * `expr` (default: the column itself) may wrap the unnested value, e.g. a geometry constructor.
 */
export interface BulkColumn<R> {
  name: string;
  type: 'text' | 'int' | 'float8' | 'date' | 'timestamptz' | 'smallint';
  value: (row: R) => unknown;
  expr?: string;
}

/**
 * Inserts rows with one statement per chunk: `INSERT ... SELECT ... FROM unnest($1::t[], ...)`.
 * Works the same on `pg` and PGlite and is ~50x faster than row-by-row inserts.
 * Table, column names and expressions come from code, never from input.
 */
export async function bulkInsert<R>(h: Handle, table: string, columns: readonly BulkColumn<R>[], rows: readonly R[], chunk = 5000): Promise<number> {
  const names = columns.map((c) => c.name);
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const select = columns.map((c) => (c.expr ? c.expr.replaceAll('$v', `u.${c.name}`) : `u.${c.name}`)).join(', ');
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS u(${names.join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await h.query(
      sql,
      columns.map((c) => part.map((r) => c.value(r) ?? null)),
    );
  }
  return rows.length;
}

/** A point column: pass `pointWkt(lng, lat)` as the value. */
export const POINT_EXPR = 'ST_GeomFromText($v, 4326)';
export const pointWkt = (lng: number, lat: number) => `POINT(${lng} ${lat})`;
