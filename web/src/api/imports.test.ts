import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The web bundles no server code: it takes the API's types through the typed client (AppType, in
 * client.ts, type-only) and values only from api/contract/, which imports nothing else of the
 * server. Anything else reaching out of web/ would pull server modules (SQL, node:crypto, the
 * database) into the browser build or tie a page to a server file's layout.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SELF = relative(ROOT, fileURLToPath(import.meta.url));
const CLIENT = 'web/src/api/client.ts';

/** Every module specifier of a source file: static imports and re-exports, side-effect and dynamic imports. */
function specifiersOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const patterns = [/\b(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*()()['"]([^'"]+)['"]/g, /\bimport\s*\(\s*()()['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push({ specifier: m[3]!, typeOnly: Boolean(m[2]) });
  return found;
}

/** The imports of `file` (relative to the repository) that leave web/ for anything but the contract and AppType. */
function forbiddenImports(file: string, source: string): string[] {
  return specifiersOf(source)
    .filter(({ specifier, typeOnly }) => {
      if (!specifier.startsWith('.')) return false; // a package
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replaceAll('\\', '/');
      if (target.startsWith('web/') || target.startsWith('api/contract/')) return false;
      return !(file === CLIENT && target === 'api/app.ts' && typeOnly);
    })
    .map(({ specifier }) => specifier);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(`${dir}/${e.name}`) : /\.(ts|tsx)$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}

describe('what the web imports from outside web/', () => {
  it('is only api/contract/ and the type of the API (AppType)', () => {
    const files = sourcesUnder('web/src').filter((f) => f !== SELF);
    expect(files).toContain(CLIENT);
    const offenders = files.flatMap((f) => forbiddenImports(f, readFileSync(join(ROOT, f), 'utf8')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the scan sees every form of import that would reach a server file', () => {
    const file = 'web/src/features/x/y.ts';
    const lines = [
      ['import type { Totals } from', "'../../../../api/queries/summary.ts';"],
      ['export { ROLES } from', "'../../../../api/auth/principal.ts';"],
      ['import', "'../../../../api/server.ts';"],
      ['const m = await import(', "'../../../../api/db/index.ts');"],
      ['import {\n  a,\n  b,\n} from', "'../../../../scripts/briefing.ts';"],
    ].map(([head, tail]) => `${head} ${tail}`);
    expect(forbiddenImports(file, lines.join('\n'))).toHaveLength(5);
  });

  it("lets the contract, the web itself, packages and client.ts's type-only AppType through, and nothing else of app.ts", () => {
    const ok = ["import { shanghaiDate } from '../../../../api/contract/calendar.ts';", "import { api } from '../../api/client.ts';", "import { hc } from 'hono/client';"];
    expect(forbiddenImports('web/src/features/x/y.ts', ok.join('\n'))).toEqual([]);
    expect(forbiddenImports(CLIENT, "import type { AppType } from '../../../api/app.ts';")).toEqual([]);
    expect(forbiddenImports(CLIENT, "import { createApp } from '../../../api/app.ts';")).toHaveLength(1);
    expect(forbiddenImports('web/src/features/x/y.ts', "import type { AppType } from '../../../../api/app.ts';")).toHaveLength(1);
  });
});
