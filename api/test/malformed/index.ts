import { adminCases } from './admin.ts';
import { authCases } from './auth.ts';
import { campaignCases } from './campaigns.ts';
import { importCases } from './imports.ts';
import { lateCases } from './late.ts';
import { pathCases } from './paths.ts';
import { readCases } from './reads.ts';
import { scopeCases } from './scope.ts';
import { type CorpusContext, DEFAULT_CONTEXT, type MalformedCase } from './types.ts';
import { writeCases } from './writes.ts';

/**
 * A generated corpus of malformed (or well-formed but refused) requests to the API. Every case
 * must be answered with a 4xx and the JSON error body `{ error: { code, message, fields? } }`,
 * and none may change a row (api/routes/bad-input.db.test.ts sends them and checks).
 *
 * Pure: the same context gives the same list. The context names real rows of the seeded
 * database (a village of the writer's township and its officer, an open hazard and dispute, ...)
 * so that "valid except for one thing" bodies are refused for that one thing only.
 *
 * Free-text fields (a hazard's description, a dispute's summary, a display name) accept any text,
 * injection strings included, so those strings are sent only where validation must refuse them:
 * codes, ids, enums, dates, instants, phones and query parameters.
 */

export { INJECTIONS } from './blocks.ts';
export { type Caller, type CaseGroup, type CorpusContext, type CsrfMode, DEFAULT_CONTEXT, type HttpMethod, type MalformedCase, type Place } from './types.ts';

/** The whole corpus, in a fixed order. */
export function malformedCorpus(ctx: CorpusContext = DEFAULT_CONTEXT): MalformedCase[] {
  const all = [
    ...readCases(ctx),
    ...pathCases(ctx),
    ...writeCases(ctx),
    ...lateCases(ctx),
    ...scopeCases(ctx),
    ...authCases(ctx),
    ...adminCases(ctx),
    ...importCases(ctx),
    ...campaignCases(ctx),
  ];
  // Every refused request (403) leaves one audit entry (issue 11).
  return all.map((c) => (c.status === 403 && !c.audit ? { ...c, audit: 'access.denied' as const } : c));
}

/** The statuses a case may be answered with. */
export function expectedStatuses(c: MalformedCase): readonly number[] {
  return typeof c.status === 'number' ? [c.status] : c.status;
}
