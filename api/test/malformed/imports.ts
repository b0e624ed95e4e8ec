import { bytes, INJECTIONS, query } from './blocks.ts';
import type { CaseGroup, CorpusContext, MalformedCase } from './types.ts';

/** Imports (admin): query parameters, content types, bodies, size limits. */

export function importCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  const small = ctx.smallImportMaxBytes;
  const imp = (
    which: 'ledger' | 'boundaries',
    name: string,
    group: CaseGroup,
    qs: string,
    contentType: string | null,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    status: number,
    code: string | undefined,
    extra: Partial<MalformedCase> = {},
  ): MalformedCase => ({
    name: `POST /api/imports/${which} ${name}`,
    group,
    method: 'POST',
    path: `/api/imports/${which}${qs ? `?${qs}` : ''}`,
    headers: contentType === null ? {} : { 'content-type': contentType },
    ...(body === undefined ? {} : { body }),
    as: 'admin',
    status,
    ...(code ? { code } : {}),
    ...extra,
  });
  const csv = 'a,b\n1,2\n';
  const geo = '{"type":"FeatureCollection","features":[]}';

  // Query parameters (the schemas are strict).
  const ledgerParams: [string, [string, string][]][] = [
    [
      'kind',
      [
        ['unknown', 'hazards'],
        ['upper-case', 'DISPUTES'],
        ['two-values', 'disputes,visits'],
        ['empty', ''],
      ],
    ],
    [
      'township',
      [
        ['8-digits', '43042111'],
        ['village-code', '430421110004'],
        ['nul', '430421110\u0000'],
        ['empty', ''],
      ],
    ],
    [
      'dryRun',
      [
        ['yes', 'yes'],
        ['upper-case', 'TRUE'],
        ['empty', ''],
      ],
    ],
    [
      'fileName',
      [
        ['empty', ''],
        ['blank', '   '],
        ['256-chars', 'f'.repeat(256)],
      ],
    ],
  ];
  for (const [param, values] of ledgerParams) {
    for (const [l, value] of values) out.push(imp('ledger', `${param}=${l}`, 'range', query([[param, value]]), 'text/csv', csv, 400, 'invalid_request'));
    if (param !== 'fileName')
      for (const [l, value] of INJECTIONS) out.push(imp('ledger', `${param}=${l}`, 'injection', query([[param, value]]), 'text/csv', csv, 400, 'invalid_request'));
  }
  out.push(imp('ledger', 'unknown parameter', 'unknown-param', 'apply=true', 'text/csv', csv, 400, 'invalid_request'));
  out.push(imp('ledger', 'repeated kind', 'wrong-type', 'kind=disputes&kind=visits', 'text/csv', csv, 400, 'invalid_request'));
  const boundaryParams: [string, [string, string][]][] = [
    [
      'level',
      [
        ['county', 'county'],
        ['upper-case', 'VILLAGE'],
        ['empty', ''],
      ],
    ],
    [
      'crs',
      [
        ['wgs84-name', 'WGS84'],
        ['epsg-1-digit', 'EPSG:1'],
        ['epsg-6-digits', 'EPSG:123456'],
        ['proj-string', '+proj=longlat'],
        ['empty', ''],
      ],
    ],
    [
      'dryRun',
      [
        ['maybe', 'maybe'],
        ['empty', ''],
      ],
    ],
    [
      'fileName',
      [
        ['empty', ''],
        ['201-chars', 'f'.repeat(201)],
      ],
    ],
  ];
  for (const [param, values] of boundaryParams) {
    for (const [l, value] of values) out.push(imp('boundaries', `${param}=${l}`, 'range', query([[param, value]]), 'application/geo+json', geo, 400, 'invalid_request'));
    if (param !== 'fileName')
      for (const [l, value] of INJECTIONS) out.push(imp('boundaries', `${param}=${l}`, 'injection', query([[param, value]]), 'application/geo+json', geo, 400, 'invalid_request'));
  }
  out.push(imp('boundaries', 'unknown parameter', 'unknown-param', 'force=1', 'application/geo+json', geo, 400, 'invalid_request'));

  // Ledger bodies.
  for (const [l, type] of [
    ['json', 'application/json'],
    ['html', 'text/html'],
    ['png', 'image/png'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
  ] as const) {
    out.push(imp('ledger', `content-type ${l}`, 'content-type', 'dryRun=true', type, csv, 400, 'unsupported_file_type'));
  }
  out.push(imp('ledger', 'empty body', 'broken-json', 'dryRun=true', 'text/csv', '', 400, 'unreadable_file'));
  out.push(
    imp('ledger', 'garbage .xlsx', 'import', '', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes('PK', [3, 4], 'garbage'), 400, 'unreadable_file'),
  );
  out.push(imp('ledger', 'binary noise as CSV', 'import', '', 'text/csv', bytes([0, 1, 2, 3, 0xff, 0xfe, 0, 0]), 400, 'unreadable_file'));
  out.push(imp('ledger', 'CSV without a header row', 'import', '', 'text/csv', "' OR 1=1 --,<script>alert(1)</script>\n1,2\n", 400, 'unrecognised_ledger'));
  out.push(
    imp(
      'ledger',
      'multipart without a file field',
      'import',
      '',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--xyz--\r\n',
      400,
      'unreadable_file',
    ),
  );
  out.push(imp('ledger', 'multipart without a boundary', 'broken-json', '', 'multipart/form-data', 'garbage', 400, 'unreadable_file', {}));
  out.push(imp('ledger', 'multipart with a broken body', 'broken-json', '', 'multipart/form-data; boundary=xyz', '--xyz\r\ngarbage', 400, 'unreadable_file', {}));
  const header = '受理日期,乡镇,村(社区),纠纷类型,受理渠道,调解结果,办结日期,调解员,当事人,联系电话,纠纷简况';
  const badRows = [
    `2099-13-45,界牌镇,' OR 1=1 --,婚姻家庭,综治中心,调解成功,2099-13-46,$1,<script>alert(1)</script>,12345,x`,
    `1899-01-01,'; DROP TABLE dispute; --,${ctx.missingVillage},打架,javascript:alert(1),成功,,,,,`,
  ];
  out.push(imp('ledger', 'disputes CSV with bad rows', 'import', 'kind=disputes', 'text/csv', [header, ...badRows].join('\n'), 422, 'import_rejected'));
  out.push(
    imp(
      'ledger',
      'visits CSV with bad rows',
      'import',
      'kind=visits',
      'text/csv',
      ['走访日期,乡镇,村(社区),民警,警号,走访形式', `2026-02-30,界牌镇,${ctx.missingVillage},' OR 1=1 --,$1,<script>`].join('\n'),
      422,
      'import_rejected',
    ),
  );
  out.push(imp('ledger', `over IMPORT_MAX_BYTES (${small}, streamed)`, 'oversize', '', 'text/csv', 'x'.repeat(small * 4), 413, 'payload_too_large', { smallImportLimit: true }));
  out.push(
    imp('ledger', 'over IMPORT_MAX_BYTES (announced)', 'oversize', '', 'text/csv', csv, 413, 'payload_too_large', {
      smallImportLimit: true,
      headers: { 'content-type': 'text/csv', 'content-length': String(small * 1024) },
    }),
  );
  out.push(imp('ledger', 'as township, for another township', 'forbidden', 'township=430421111', 'text/csv', csv, 403, 'out_of_scope', { as: 'township' }));
  out.push(imp('ledger', 'as county', 'forbidden', '', 'text/csv', csv, 403, 'forbidden', { as: 'county' }));

  // Boundary bodies.
  out.push(imp('boundaries', 'empty body', 'broken-json', '', 'application/zip', '', 400, 'invalid_request'));
  out.push(imp('boundaries', 'content-type text/plain', 'content-type', '', 'text/plain', 'x', 400, 'invalid_request'));
  out.push(imp('boundaries', 'content-type text/html', 'content-type', '', 'text/html', '<html></html>', 400, 'invalid_request'));
  out.push(imp('boundaries', 'no content-type, no file name, not a zip', 'content-type', '', null, bytes('not a zip'), 400, 'invalid_request'));
  out.push(imp('boundaries', 'garbage zip', 'import', '', 'application/zip', bytes('PK', [3, 4], 'garbage'), 400, 'bad_file'));
  out.push(imp('boundaries', 'truncated GeoJSON', 'broken-json', '', 'application/geo+json', '{"type":"FeatureCollection","features":[', 400, 'bad_file'));
  out.push(
    imp('boundaries', 'GeoJSON with BOM and trailing comma', 'broken-json', '', 'application/geo+json', '\uFEFF{"type":"FeatureCollection","features":[],}', 400, 'bad_file'),
  );
  out.push(imp('boundaries', 'GeoJSON array', 'wrong-type', '', 'application/geo+json', '[]', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON features not an array', 'wrong-type', '', 'application/geo+json', '{"type":"FeatureCollection","features":"x"}', 400, 'bad_file'));
  out.push(imp('boundaries', 'GeoJSON invalid UTF-8', 'broken-json', '', 'application/geo+json', bytes([0x7b, 0xff, 0xfe, 0x7d]), 400, 'bad_file'));
  out.push(
    imp(
      'boundaries',
      'GeoJSON without codes or names',
      'import',
      'dryRun=true',
      'application/geo+json',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}',
      422,
      'import_rejected',
    ),
  );
  out.push(
    imp(
      'boundaries',
      'GeoJSON with 1e309 coordinates',
      'coordinates',
      '',
      'application/geo+json',
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"${ctx.village.code}"},"geometry":{"type":"Polygon","coordinates":[[[1e309,0],[1,1],[0,1],[1e309,0]]]}}]}`,
      422,
      'import_rejected',
    ),
  );
  out.push(
    imp(
      'boundaries',
      'GeoJSON with SQL in properties and a point geometry',
      'injection',
      '',
      'application/geo+json',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: "' OR 1=1 --", name: "'; DROP TABLE village; --" }, geometry: { type: 'Point', coordinates: [112.6, 27.1] } }],
      }),
      422,
      'import_rejected',
    ),
  );
  out.push(
    imp('boundaries', `over IMPORT_MAX_BYTES (${small}, streamed)`, 'oversize', '', 'application/geo+json', ' '.repeat(small * 4) + geo, 413, 'payload_too_large', {
      smallImportLimit: true,
    }),
  );
  out.push(
    imp('boundaries', 'over IMPORT_MAX_BYTES (announced)', 'oversize', '', 'application/zip', 'PK', 413, 'payload_too_large', {
      smallImportLimit: true,
      headers: { 'content-type': 'application/zip', 'content-length': String(small * 1024) },
    }),
  );
  out.push(imp('boundaries', 'as county', 'forbidden', '', 'application/geo+json', geo, 403, 'forbidden', { as: 'county' }));
  return out;
}
