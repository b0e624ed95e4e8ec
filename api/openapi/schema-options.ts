import { z } from 'zod';

type ZodInternals = z.core.$ZodType;

/** Whether the schema is `z.array(z.enum([...]))`, with any length checks. */
function isEnumArray(schema: ZodInternals): boolean {
  const def = schema._zod.def;
  return def.type === 'array' && (def as z.core.$ZodArrayDef).element._zod.def.type === 'enum';
}

/**
 * The dashboard's list filters (`category=a,b`) are strings that a transform splits and a pipe
 * checks against an enum. As a request's *input* zod can only say "string", which would hide the
 * allowed values from the vendors; such a pipe is documented as the array it is checked as. Its
 * query parameter is marked `explode: false` (comma-separated) where the document is built.
 */
function override(ctx: { zodSchema: ZodInternals; jsonSchema: Record<string, unknown> }): void {
  const def = ctx.zodSchema._zod.def;
  if (def.type !== 'pipe') return;
  const { in: input, out } = def as z.core.$ZodPipeDef;
  const split = input._zod.def.type === 'pipe' && (input._zod.def as z.core.$ZodPipeDef).out._zod.def.type === 'transform';
  if (!split || !isEnumArray(out)) return;
  const { $schema: _, ...list } = z.toJSONSchema(out as z.ZodType);
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, list);
}

/**
 * What `resolver(schema, ...)` passes to zod's JSON Schema conversion. Giving an `override`
 * replaces hono-openapi's default options, so its `unrepresentable: 'any'` is repeated here
 * (a transform or refinement must not make the document fail to build).
 */
export const SCHEMA_OPTIONS = { options: { unrepresentable: 'any', override } };

/**
 * Answers may gain fields in a later version: a vendor's client must ignore what it does not know,
 * so the published answer schemas leave objects open. The schemas themselves stay strict, which is
 * how api/openapi/responses.db.test.ts notices a field the document does not name yet.
 */
function openAnswer(ctx: { zodSchema: ZodInternals; jsonSchema: Record<string, unknown> }): void {
  override(ctx);
  if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
}

/** For the answers (api/openapi/responses/): the JSON Schema of what the server sends (zod's `output`). */
export const RESPONSE_SCHEMA_OPTIONS = { options: { ...SCHEMA_OPTIONS.options, override: openAnswer, io: 'output' } };
