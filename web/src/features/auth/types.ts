/**
 * The web's names for the API's auth types (docs/auth-api.md), taken from the API itself so the
 * two cannot drift. `ROLES` is a value: api/auth/principal.ts imports only types, so it is safe
 * in the bundle.
 */
export { ROLES, type Role, type UserJson as AuthUser } from '../../../../api/auth/principal.ts';
export type { Session } from './auth-api.ts';
