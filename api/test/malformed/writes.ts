import { bodyWith, bytes, INJECTIONS, JSON_TYPE, MISSING, NOT_A_NUMBER, NOT_A_STRING, Raw, type Value } from './blocks.ts';
import type { CaseGroup, CorpusContext, MalformedCase } from './types.ts';
import { writeEndpoints } from './write-endpoints.ts';

/** JSON write endpoints: field mutations, broken JSON, oversize, CSRF. */

export function writeCases(ctx: CorpusContext): MalformedCase[] {
  const out: MalformedCase[] = [];
  for (const ep of writeEndpoints(ctx)) {
    // Any body over the endpoint's limit is a 413 before its content is looked at.
    const oversize = (body: string | Uint8Array) => ep.bodyLimit !== undefined && (typeof body === 'string' ? Buffer.byteLength(body) : body.length) > ep.bodyLimit;
    const send = (name: string, group: CaseGroup, body: string | Uint8Array<ArrayBuffer>, extra: Partial<MalformedCase> = {}): MalformedCase => ({
      name: `${ep.method} ${ep.path.replace(/\/(HZ|DS)\d+$/, '/:id').replace(/\/\d+$/, '/:id')} (${ep.label}) ${name}`,
      group,
      method: ep.method,
      path: ep.path,
      headers: { ...JSON_TYPE },
      body,
      as: ep.as,
      status: oversize(body) ? 413 : 400,
      code: oversize(body) ? 'payload_too_large' : 'invalid_request',
      ...extra,
    });

    for (const [field, spec] of Object.entries(ep.fields)) {
      const values: [string, Value, CaseGroup][] = spec.bad.map(([l, x]) => [
        l,
        x,
        x instanceof Raw || (typeof x !== 'string' && typeof x !== 'number') ? 'wrong-type' : groupOf(field, l),
      ]);
      if (spec.types === 'string') for (const [l, x] of NOT_A_STRING) values.push([l, x, 'wrong-type']);
      if (spec.types === 'number') for (const [l, x] of NOT_A_NUMBER) values.push([l, x, 'wrong-type']);
      if (spec.injections) for (const [l, x] of INJECTIONS) values.push([l, x, 'injection']);
      const seen = new Set<string>();
      for (const [l, x, group] of values) {
        if (seen.has(l)) continue;
        seen.add(l);
        out.push(send(`${field}=${l}`, group, bodyWith(ep.base, field, x)));
      }
    }
    for (const field of ep.required) out.push(send(`missing ${field}`, 'missing-field', bodyWith(ep.base, field, MISSING)));
    if (Object.keys(ep.base).length > 0) {
      out.push(send('unknown field __proto__ with nothing else', 'unknown-param', '{"__proto__":{"admin":true}}'));
    }

    // Broken JSON: refused before validation.
    const broken: [string, string | Uint8Array<ArrayBuffer>][] = [
      ['truncated', '{"category":"消防","severity":'],
      ['trailing comma', '{"a":1,}'],
      ['single quotes', "{'a':'b'}"],
      ['unquoted key', '{a:1}'],
      ['comment', '{/* x */}'],
      ['NaN literal', '{"lng":NaN}'],
      ['Infinity literal', '{"lng":Infinity}'],
      ['BOM then truncated', '\uFEFF{"a":'],
      // The fetch body reader strips up to two BOMs (decoding, then parsing); a third is a syntax error.
      ['three BOMs', '\uFEFF\uFEFF\uFEFF{}'],
      ['empty body', ''],
      ['whitespace body', '   \n\t '],
      ['unclosed 30000 brackets', '['.repeat(30_000)],
      ['invalid UTF-8 bytes', bytes([0xff, 0xfe, 0xfd])],
      ['UTF-16LE bytes', bytes([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
      ['NUL byte between tokens', bytes('{', [0], '}')],
      ['two documents', '{}{}'],
    ];
    for (const [l, body] of broken) out.push(send(`broken JSON: ${l}`, 'broken-json', body));
    out.push(send('two BOMs (both stripped) then an unknown field', 'unknown-param', '\uFEFF\uFEFF{"malformed":true}'));
    // Well-formed JSON that is not an object.
    const notObjects: [string, string][] = [
      ['null', 'null'],
      ['array', '[]'],
      ['string', '"x"'],
      ['number', '42'],
      ['true', 'true'],
      ['20000-deep array', '['.repeat(20_000) + ']'.repeat(20_000)],
    ];
    for (const [l, body] of notObjects) out.push(send(`JSON body is ${l}`, 'wrong-type', body));
    // Content types other than JSON: the body is not read, so required fields are missing (or the change is empty).
    // Refused before the body is read: 415 on every JSON endpoint.
    const nonJson = { status: 415, code: 'unsupported_media_type', ...(ep.nonJsonStatus === 404 ? { path: '/api/admin/users/2147483647' } : {}) };
    const required = ep.required.length > 0 || ep.nonJsonStatus === 404;
    if (required) {
      for (const [l, type] of [
        ['text/plain', 'text/plain'],
        ['form-urlencoded', 'application/x-www-form-urlencoded'],
        ['multipart without boundary', 'multipart/form-data'],
        ['application/jsonp', 'application/jsonp'],
        ['xml', 'application/xml'],
      ] as const) {
        out.push({ ...send(`content-type ${l}`, 'content-type', JSON.stringify(ep.base)), headers: { 'content-type': type }, ...nonJson });
      }
      out.push({ ...send('no content-type', 'content-type', bytes(JSON.stringify(ep.base))), headers: {}, ...nonJson });
    }

    if (ep.bodyLimit) {
      const big = JSON.stringify({
        ...ep.base,
        [Object.keys(ep.fields).find((f) => f === 'description' || f === 'summary' || f === 'note') ?? 'pad']: 'x'.repeat(ep.bodyLimit + 10),
      });
      out.push(send(`oversize body (> ${ep.bodyLimit} bytes, streamed)`, 'oversize', big, { status: 413, code: 'payload_too_large' }));
      out.push({
        ...send('oversize body (announced Content-Length 1 GB)', 'oversize', JSON.stringify(ep.base), { status: 413, code: 'payload_too_large' }),
        headers: { ...JSON_TYPE, 'content-length': String(1024 ** 3) },
      });
      out.push(send(`oversize body (${ep.bodyLimit} bytes + 1 of spaces)`, 'oversize', `${' '.repeat(ep.bodyLimit + 1)}{}`, { status: 413, code: 'payload_too_large' }));
    }
  }
  return out;
}

export function groupOf(field: string, label: string): CaseGroup {
  if (/^(lng|lat)$/.test(field)) return 'coordinates';
  if (/At$|^at$/.test(field)) return 'date';
  if (/category|channel|kind|status|role/.test(field)) return 'enum';
  if (/clientId|officerId|villageCode|townshipCode|userId|username/.test(field) && /digit|short|long|space|slash|unicode|dot|chinese|nul|underscore/.test(label)) return 'bad-id';
  return 'range';
}
