/** The indexes a plan reads and the tables it scans whole, for the table of contents. */
export function accessPaths(plan: readonly string[]): { indexes: string[]; seqScans: string[] } {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  for (const line of plan) {
    // a branch the plan holds but did not run (village_metrics' probe of a last visit, taken only for a view of the past)
    if (line.includes('(never executed)')) continue;
    for (const m of line.matchAll(/ using (\w+) on /g)) indexes.add(m[1]!);
    for (const m of line.matchAll(/Bitmap Index Scan on (\w+)/g)) indexes.add(m[1]!);
    for (const m of line.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1]!);
  }
  return { indexes: [...indexes].sort(), seqScans: [...seqScans].sort() };
}

/**
 * The `p_name => $n` arguments of the first call of `fn` in `sql`, or null when there is none or
 * an argument is anything but a parameter (then its value is not known here).
 */
export function namedArgs(sql: string, fn: string): Map<string, number> | null {
  const at = sql.indexOf(`${fn}(`);
  if (at < 0) return null;
  // the parenthesis that closes the call, past any nested in its arguments
  let depth = 0;
  let close = -1;
  for (let i = at + fn.length; i < sql.length && close < 0; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) close = i;
  }
  if (close < 0) return null;
  const inner = sql.slice(at + fn.length + 1, close);
  const args = new Map<string, number>();
  for (const part of inner.split(',')) {
    const m = /^\s*(p_\w+)\s*=>\s*\$(\d+)\s*$/.exec(part);
    if (!m) return null;
    args.set(m[1]!, Number(m[2]));
  }
  return args;
}

/**
 * The query a PL/pgSQL `RETURN QUERY` function runs, with its parameters as `$n` of the calling
 * statement (cast to their declared types) and those the call leaves out as NULL.
 */
export function bodyQuery(prosrc: string, params: readonly { name: string; type: string }[], args: Map<string, number>): string {
  const start = prosrc.indexOf('RETURN QUERY');
  const end = prosrc.lastIndexOf('END');
  if (start < 0 || end < start) throw new Error('not a RETURN QUERY function');
  const sql = prosrc
    .slice(start + 'RETURN QUERY'.length, end)
    .trim()
    .replace(/;$/, '');
  const types = new Map(params.map((p) => [p.name, p.type]));
  return sql.replace(/\bp_\w+\b/g, (name) => {
    const type = types.get(name);
    if (!type) throw new Error(`${name} is not a parameter of the function`);
    const n = args.get(name);
    return n === undefined ? `NULL::${type}` : `$${n}::${type}`;
  });
}
