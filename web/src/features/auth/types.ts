/**
 * The web's names for the API's auth types (docs/auth-api.md), taken from the API itself so the
 * two cannot drift: the user from the typed client's answers, the role list (a value) from the
 * contract the API's own checks use.
 */
export { ROLES, type Role } from '../../../../api/contract/roles.ts';
export type { AuthUser } from '../../api/types.ts';
export type { Session } from './auth-api.ts';
