/**
 * Attack c: import bombs through the API as an admin, each a real (not dry-run) import, so a
 * server without limits would not only stall but write: a shared-string .xlsx that unpacks to
 * 400 MB, a 300k-row ledger, a 200k-vertex self-crossing boundary, GeoJSON nested 100k deep, and a
 * zip that lies about its size. Each must be refused (4xx, or 503) within the answer limit.
 * The files come from api/test/bombs.ts, shared with the import tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expectAnswers, type Outcome, timed } from './attack-http.ts';
import { ANSWER_LIMIT_MS, type Attack } from './attack-types.ts';
import { ROOT } from './fault-support.ts';

interface Bombs {
  sharedStringBombXlsx(opts?: { unpackedBytes?: number; cells?: number }): Uint8Array;
  bigLedgerCsv(rows: number): Uint8Array;
  selfIntersectingBoundaryGeoJson(vertices: number): Uint8Array;
  deeplyNestedGeoJson(depth: number): Uint8Array;
  lyingZip?(opts?: { name?: string; realBytes?: number; declaredBytes?: number }): Uint8Array;
}

const BOMBS = path.join(ROOT, 'api/test/bombs.ts');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Case {
  label: string;
  path: string;
  type: string;
  build: () => Uint8Array;
  body?: Uint8Array;
  buildMs?: number;
}
let cases: Case[] | null = null;

async function buildCases(): Promise<Case[] | null> {
  // Loaded by path, not imported statically: the builders are written alongside, and this script
  // should still typecheck and run its other attacks where they are not there yet.
  if (!existsSync(BOMBS)) return null;
  const bombs = (await import(BOMBS)) as Bombs;
  const list: Case[] = [
    {
      label: 'xlsx shared-string bomb (400 MB unpacked, 3 cells)',
      path: '/api/imports/ledger?kind=disputes&fileName=bomb.xlsx',
      type: XLSX,
      build: () => bombs.sharedStringBombXlsx({ cells: 3 }),
    },
    { label: 'ledger CSV, 300k rows', path: '/api/imports/ledger?kind=disputes&fileName=big.csv', type: 'text/csv', build: () => bombs.bigLedgerCsv(300_000) },
    {
      label: 'boundary, 200k vertices self-crossing',
      path: '/api/imports/boundaries?level=village&fileName=zigzag.geojson',
      type: 'application/geo+json',
      build: () => bombs.selfIntersectingBoundaryGeoJson(200_000),
    },
    {
      label: 'GeoJSON nested 100k deep',
      path: '/api/imports/boundaries?level=village&fileName=deep.geojson',
      type: 'application/geo+json',
      build: () => bombs.deeplyNestedGeoJson(100_000),
    },
    ...(bombs.lyingZip
      ? [
          {
            label: 'zip declaring 1 KB, unpacking 200 MB',
            path: '/api/imports/boundaries?level=village&fileName=villages.zip',
            type: 'application/zip',
            build: () => bombs.lyingZip!(),
          },
        ]
      : []),
  ];
  for (const c of list) {
    const t0 = performance.now();
    c.body = c.build();
    c.buildMs = performance.now() - t0;
  }
  return list;
}

export const importsAttack: Attack = {
  name: 'imports',
  title: 'import bombs as demo-admin (xlsx shared-string bomb, 300k-row CSV, 200k-vertex self-crossing boundary, 100k-deep GeoJSON, lying zip)',
  async prepare() {
    cases = await buildCases();
  },
  async run({ base, admin, settle, healthGap }) {
    if (!cases) return { outcomes: [], violations: [], notes: [], skipped: `${path.relative(ROOT, BOMBS)} is missing: no bombs to send` };
    const outcomes: Outcome[] = [];
    const notes: string[] = [];
    for (const c of cases) {
      const body = c.body!;
      notes.push(`${c.label}: ${(body.length / 1024).toFixed(0)} KiB (built beforehand in ${c.buildMs!.toFixed(0)} ms)`);
      const sentAt = Date.now();
      const o = await timed(c.label, base + c.path, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'content-type': c.type },
        body: body as Uint8Array<ArrayBuffer>,
        timeoutMs: ANSWER_LIMIT_MS,
      });
      outcomes.push(o);
      // The next bomb starts on an idle server, so each one's figures are its own.
      const waited = await settle();
      notes.push(
        `  -> ${o.status}${o.code ? ` ${o.code}` : ''} after ${o.ms.toFixed(0)} ms; server idle again ${waited === null ? 'NEVER (gave up)' : `after ${waited} ms`}; longest health gap ${healthGap(sentAt, Date.now())} ms`,
      );
    }
    return { outcomes, violations: expectAnswers(outcomes, (s) => (s >= 400 && s < 500) || s === 503, ANSWER_LIMIT_MS, '4xx or 503'), notes };
  },
};
