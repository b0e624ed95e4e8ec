import type { Context } from 'hono';
import { z } from 'zod';
import { gcj02ToWgs84 } from '../contract/gcj02.ts';
import { ValidationError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { NO_NUL } from './validation.ts';

export const clientId = z
  .string()
  .min(8, 'expected a client-generated id of 8-100 characters')
  .max(100, 'expected a client-generated id of 8-100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'expected letters, digits and . _ : - only');

export const lng = z.number().finite().min(-180, 'longitude must be within -180..180').max(180, 'longitude must be within -180..180');
export const lat = z.number().finite().min(-90, 'latitude must be within -90..90').max(90, 'latitude must be within -90..90');

/** The datum of a reported position: terminals using AMap's SDK report GCJ-02. Positions are stored in WGS84. */
export const crs = z.enum(['wgs84', 'gcj02']).default('wgs84');

/**
 * The body with its position in WGS84 (converted from GCJ-02 when `crs` says so) and without
 * `crs`: the point-in-polygon, the stored point and an idempotent retry's comparison all see WGS84.
 */
export function inWgs84<T extends { crs: 'wgs84' | 'gcj02'; lng?: number; lat?: number }>({ crs: from, ...body }: T): Omit<T, 'crs'> {
  if (from === 'wgs84' || body.lng === undefined || body.lat === undefined) return body;
  const [lng, lat] = gcj02ToWgs84([body.lng, body.lat]);
  return { ...body, lng, lat };
}

/** An ISO instant with an explicit offset, e.g. 2026-11-28T09:30:00+08:00. */
export const instant = z
  .string()
  .datetime({ offset: true, message: 'expected an ISO instant with offset, e.g. 2026-11-28T09:30:00+08:00' })
  .refine((s) => Date.parse(s) >= Date.parse('2000-01-01T00:00:00+08:00'), 'must not be before 2000');

export const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`).regex(NO_NUL, 'must not contain NUL characters');
export const phone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'expected an 11-digit mobile or a landline like 0734-1234567');

/**
 * The request's idempotency key: the `Idempotency-Key` header or the body's `clientId`
 * (they must agree when both are given).
 */
export function idempotencyKey(c: Context, bodyId: string | undefined, required: boolean): string | undefined {
  const header = c.req.header('Idempotency-Key');
  if (header !== undefined) {
    const parsed = clientId.safeParse(header);
    if (!parsed.success) throw new ValidationError('invalid Idempotency-Key header', { 'Idempotency-Key': parsed.error.issues[0]!.message });
  }
  if (header && bodyId && header !== bodyId) {
    throw new ValidationError('Idempotency-Key and clientId differ', { clientId: 'must equal the Idempotency-Key header' });
  }
  const key = header ?? bodyId;
  if (required && !key) throw new ValidationError('a client id is required (clientId field or Idempotency-Key header)', { clientId: 'required' });
  return key;
}

/** Refuses instants more than 5 minutes ahead of the server's clock; defaults to now. */
export function pastInstant(deps: Deps, value: string | undefined, field: string): string {
  const now = deps.now();
  if (value === undefined) return now.toISOString();
  if (Date.parse(value) > now.getTime() + 5 * 60_000) throw new ValidationError(`${field} is in the future`, { [field]: 'must not be in the future' });
  return value;
}
