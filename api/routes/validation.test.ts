import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { BIDI_MESSAGE, bidiFields, validate } from './validation.ts';

/** A route behind validate(), answering errors as app.ts does. */
function app() {
  const schema = z
    .object({ note: z.string().optional(), party: z.object({ name: z.string() }).optional(), tags: z.array(z.string()).optional(), password: z.string().optional() })
    .strict();
  return new Hono()
    .post('/', validate('json', schema), (c) => c.json({ ok: true }))
    .get('/', validate('query', z.object({ fileName: z.string().optional() }).strict()), (c) => c.json({ ok: true }))
    .onError((err, c) =>
      err instanceof AppError ? c.json({ error: { code: err.code, message: err.message, fields: err.fields } }, err.status) : c.json({ error: { code: 'internal' } }, 500),
    );
}

const post = (body: unknown) => app().request('/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('bidirectional control characters', () => {
  it.each([
    ['U+202A LRE', '\u202A'],
    ['U+202B RLE', '\u202B'],
    ['U+202C PDF', '\u202C'],
    ['U+202D LRO', '\u202D'],
    ['U+202E RLO', '\u202E'],
    ['U+2066 LRI', '\u2066'],
    ['U+2067 RLI', '\u2067'],
    ['U+2068 FSI', '\u2068'],
    ['U+2069 PDI', '\u2069'],
    ['U+200E LRM', '\u200E'],
    ['U+200F RLM', '\u200F'],
    ['U+061C ALM', '\u061C'],
  ])('refuses %s in a free-text field with a 400 naming it', async (_label, ch) => {
    const res = await post({ note: `仓库${ch}电线老化` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_request', message: 'invalid json: note', fields: { note: BIDI_MESSAGE } } });
  });

  it('names nested and array fields, and query parameters', async () => {
    const res = await post({ party: { name: '张\u202E三' }, tags: ['ok', 'x\u2066y'] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toEqual({ 'party.name': BIDI_MESSAGE, 'tags.1': BIDI_MESSAGE });
    const q = await app().request(`/?fileName=${encodeURIComponent('invoice\u202Egpj.exe')}`);
    expect(q.status).toBe(400);
    expect(((await q.json()) as { error: { fields: object } }).error.fields).toEqual({ fileName: BIDI_MESSAGE });
  });

  it('accepts ordinary Chinese, Latin and other invisible-but-harmless text, and leaves secrets alone', async () => {
    expect((await post({ note: '宅基地边界争议 — Zhang San (张三), ZWJ\u200D, NBSP\u00A0' })).status).toBe(200);
    expect((await post({ password: 'pass\u202Eword' })).status).toBe(200);
    expect(bidiFields({ a: 1, b: null, c: ['x'] })).toEqual({});
  });
});
