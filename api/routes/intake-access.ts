import type { Context } from 'hono';
import { type AuditAction, audit, clientIp } from '../audit.ts';
import { applyView } from '../auth/mask.ts';
import { allow, principalOf } from '../auth/middleware.ts';
import { personalDataView } from '../auth/principal.ts';
import type { Handle } from '../db/index.ts';
import type { DisputeAnswer } from '../queries/intake/disputes.ts';
import type { HazardAnswer } from '../queries/intake/hazards.ts';

/** Who may send intake and change a status: the people responsible on the ground. */
export const mayWrite = allow('township', 'officer');
/** Who may open a single dispute or hazard: everyone but the wall (aggregates only). */
export const mayReadOne = allow('county', 'township', 'officer', 'admin');

/** A dispute as the caller may see it: the parties' name and phone full, masked or absent. */
export function disputeFor(c: Context, d: DisputeAnswer): DisputeAnswer {
  const v = applyView(personalDataView(principalOf(c).role), d.partyName, d.partyPhone);
  return { ...d, partyName: v.name, partyPhone: v.phone };
}

export function hazardFor(c: Context, z: HazardAnswer): HazardAnswer {
  const v = applyView(personalDataView(principalOf(c).role), z.reporterName, z.reporterPhone);
  return { ...z, reporterName: v.name, reporterPhone: v.phone };
}

/** Records an intake or status change in the same transaction as the change itself. */
export async function auditIntake(c: Context, h: Handle, action: AuditAction, target: string, detail: Record<string, unknown>): Promise<void> {
  const p = principalOf(c);
  await audit(h, { actor: p.username, role: p.role, action, target, detail, ip: clientIp(c) });
}
