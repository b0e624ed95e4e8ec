/**
 * A minimal WKT reader (WKT1, ESRI's WKT1 dialect and WKT2 share one bracket syntax):
 * `KEYWORD[arg, arg, NESTED[...]]`, with `"quoted ""strings"""`, numbers and bare words.
 * Enough to read the authority code, datum and projection parameters of a `.prj`.
 */

export type WktValue = string | number | WktNode;
export interface WktNode {
  keyword: string;
  args: WktValue[];
}

export function parseWkt(text: string): WktNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`malformed WKT: ${what} at character ${pos}`);
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };

  const value = (): WktValue => {
    skipSpace();
    const ch = text[pos];
    if (ch === '"') {
      let out = '';
      pos++;
      for (;;) {
        if (pos >= text.length) fail('unterminated string');
        if (text[pos] === '"') {
          if (text[pos + 1] === '"') {
            out += '"';
            pos += 2;
            continue;
          }
          pos++;
          return out;
        }
        out += text[pos++];
      }
    }
    const rest = text.slice(pos);
    const number = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])/.exec(rest)?.[0];
    if (number !== undefined) {
      pos += number.length;
      return Number(number);
    }
    const word = /^[A-Za-z_][\w.]*/.exec(rest)?.[0] ?? fail('expected a value');
    pos += word.length;
    skipSpace();
    return text[pos] === '[' || text[pos] === '(' ? node(word) : word;
  };

  const node = (keyword: string): WktNode => {
    const close = text[pos] === '[' ? ']' : ')';
    pos++;
    const args: WktValue[] = [];
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return { keyword: keyword.toUpperCase(), args };
    }
    for (;;) {
      args.push(value());
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] === close) {
        pos++;
        return { keyword: keyword.toUpperCase(), args };
      } else fail(`expected , or ${close}`);
    }
  };

  const root = value();
  skipSpace();
  if (typeof root !== 'object') fail('expected KEYWORD[...]');
  if (pos < text.length) fail('trailing text');
  return root as WktNode;
}

export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
}

export function child(node: WktNode, ...keywords: string[]): WktNode | undefined {
  return children(node, ...keywords)[0];
}

/** Every node below `node` (depth first) with one of `keywords`. */
export function descendants(node: WktNode, ...keywords: string[]): WktNode[] {
  const out: WktNode[] = [];
  for (const a of node.args) {
    if (typeof a !== 'object') continue;
    if (keywords.includes(a.keyword)) out.push(a);
    out.push(...descendants(a, ...keywords));
  }
  return out;
}

export function nameOf(node: WktNode | undefined): string {
  const first = node?.args[0];
  return typeof first === 'string' ? first : '';
}

/** The EPSG code a node itself carries (`AUTHORITY["EPSG","4490"]` or `ID["EPSG",4490]`), not its parts'. */
export function epsgOf(node: WktNode): number | null {
  for (const a of children(node, 'AUTHORITY', 'ID')) {
    if (String(a.args[0]).toUpperCase() !== 'EPSG') continue;
    const code = Number(a.args[1]);
    if (Number.isInteger(code)) return code;
  }
  return null;
}
