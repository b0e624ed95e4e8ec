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
 * The function's variables as SQL the query can hold in their place: those set by `name type :=
 * expr` in DECLARE or `name := expr` before RETURN QUERY become `(expr)`, a record read by
 * `SELECT * INTO name FROM ...` has each `name.column` become a scalar subquery.
 */
function variables(prosrc: string, start: number): (sql: string) => string {
  const code = (t: string) => t.replace(/--[^\n]*/g, '');
  const begin = prosrc.search(/\bBEGIN\b/);
  const declare = /\bDECLARE\b([\s\S]*?)\bBEGIN\b/.exec(prosrc)?.[1] ?? '';
  const prelude = begin >= 0 && begin < start ? prosrc.slice(begin + 'BEGIN'.length, start) : '';
  const values = new Map<string, string>();
  const records = new Map<string, string>();
  for (const stmt of code(declare).split(';')) {
    const m = /^\s*(\w+)\s+[\w.]+(?:\[\])?\s*:=\s*([\s\S]+)$/.exec(stmt);
    if (m) values.set(m[1]!, m[2]!.trim());
  }
  for (const stmt of code(prelude).split(';')) {
    const into = /^\s*SELECT\s+\*\s+INTO\s+(\w+)\s+FROM\s+([\s\S]+)$/i.exec(stmt);
    if (into) records.set(into[1]!, into[2]!.trim());
    const set = /^\s*(\w+)\s*:=\s*([\s\S]+)$/.exec(stmt);
    if (set) values.set(set[1]!, set[2]!.trim());
  }
  const inline = (sql: string, depth = 0): string => {
    if (depth > 5) throw new Error('variables defined in terms of each other too deeply');
    let out = sql;
    for (const [name, from] of records) {
      out = out.replace(new RegExp(`(?<![\\w.])${name}\\.(\\w+)`, 'g'), (_, col: string) => `(SELECT v.${col} FROM (SELECT * FROM ${from.replace(/\s*\n\s*/g, ' ')}) v)`);
    }
    for (const [name, expr] of values) {
      // not a qualified column (x.name) and not an output name (AS name); on one line, so that a
      // name met in a comment of the query leaves the rest of the query outside it
      out = out.replace(new RegExp(`(?<![\\w.])(?<!\\bAS\\s+)${name}\\b`, 'g'), () => `(${inline(expr, depth + 1).replace(/\s*\n\s*/g, ' ')})`);
    }
    return out;
  };
  return inline;
}

/** One statement of a PL/pgSQL function: the SQL it runs, and when (null: always). */
export interface BodyStatement {
  when: string | null;
  sql: string;
}

/**
 * The query a PL/pgSQL `RETURN QUERY` function runs, with its parameters as `$n` of the calling
 * statement (cast to their declared types), those the call leaves out as NULL, and its variables
 * as the SQL that sets them (see `variables`). A body of `IF cond THEN RETURN QUERY a; ELSE
 * RETURN QUERY b; END IF;` (village_metrics_rows since migration 022) gives both, each with the
 * condition, as SQL of the same parameters, under which it runs.
 */
export function bodyQueries(prosrc: string, params: readonly { name: string; type: string }[], args: Map<string, number>): BodyStatement[] {
  const start = prosrc.indexOf('RETURN QUERY');
  const end = prosrc.lastIndexOf('END');
  if (start < 0 || end < start) throw new Error('not a RETURN QUERY function');
  const types = new Map(params.map((p) => [p.name, p.type]));
  const typed = (sql: string) =>
    sql.replace(/\bp_\w+\b/g, (name) => {
      const type = types.get(name);
      if (!type) throw new Error(`${name} is not a parameter of the function`);
      const n = args.get(name);
      return n === undefined ? `NULL::${type}` : `$${n}::${type}`;
    });
  // an IF that starts a line (not one in a comment), its condition, and a RETURN QUERY each way
  const branched = /(?:^|\n)[ \t]*IF\s+([\s\S]+?)\s+THEN\s+RETURN QUERY\b([\s\S]+?);\s*ELSE\s+RETURN QUERY\b([\s\S]+?);\s*END IF\s*;/.exec(prosrc);
  if (branched) {
    const inline = variables(prosrc, branched.index);
    const cond = typed(inline(branched[1]!.trim()));
    // as PL/pgSQL takes them: a NULL condition runs the ELSE
    return [
      { when: `(${cond}) IS TRUE`, sql: typed(inline(branched[2]!.trim())) },
      { when: `(${cond}) IS NOT TRUE`, sql: typed(inline(branched[3]!.trim())) },
    ];
  }
  if (prosrc.indexOf('RETURN QUERY', start + 1) >= 0) throw new Error('several RETURN QUERY statements, not as IF cond THEN RETURN QUERY ...; ELSE RETURN QUERY ...; END IF;');
  const sql = variables(
    prosrc,
    start,
  )(
    prosrc
      .slice(start + 'RETURN QUERY'.length, end)
      .trim()
      .replace(/;$/, ''),
  );
  return [{ when: null, sql: typed(sql) }];
}
