import type { Context } from 'hono';
import type { AuditAction } from '../audit.ts';
import type { Handle } from '../db/index.ts';
import type { Created } from '../queries/intake/create.ts';
import { type Deps, requireVillageInScope, scopeOf } from './deps.ts';
import { auditIntake } from './intake-access.ts';
import { idempotencyKey, pastInstant } from './intake-common.ts';

export interface IntakeRequest<R> {
  /** The village the sender named, if any: one beyond their scope is refused before anything else. */
  villageCode: string | undefined;
  /** The body's clientId (the Idempotency-Key header may give it instead). */
  clientId: string | undefined;
  /** The kind's time field and what was sent (none: the server's now). */
  time: { field: string; value: string | undefined };
  /** The kind's create (api/queries/intake/), under the client id and the checked time. */
  create(h: Handle, clientId: string, at: string): Promise<Created<R>>;
  action: AuditAction;
  /** The audit entry's detail beyond the client id and the village. */
  detail: Record<string, unknown>;
}

/**
 * The one create path of disputes, hazards and visits over HTTP: scope, client id and time are
 * checked, then the record is created (or a retry finds the original) and a new one is audited in
 * the same transaction. The route answers 201 for a new record, 200 for a retry.
 */
export async function createFromRequest<R extends { id: string; villageCode: string }>(deps: Deps, c: Context, req: IntakeRequest<R>): Promise<Created<R>> {
  if (req.villageCode) requireVillageInScope(c, req.villageCode);
  const key = idempotencyKey(c, req.clientId, true)!;
  const at = pastInstant(deps, req.time.value, req.time.field);
  return deps.db.write(scopeOf(c), async (h) => {
    const out = await req.create(h, key, at);
    if (out.created) await auditIntake(c, h, req.action, out.record.id, { clientId: key, villageCode: out.record.villageCode, ...req.detail });
    return out;
  });
}
