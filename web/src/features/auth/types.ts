/**
 * The user as the API describes it (docs/auth-api.md, "User object"). Kept here rather than
 * imported from api/ because the contract document, not a route's inferred type, is what both
 * sides promise each other.
 */
export const ROLES = ['county', 'township', 'officer', 'wall', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  townshipCode: string | null;
  townshipName: string | null;
  /** Set for `officer` only: the villages the officer is linked to. */
  villageCodes: string[] | null;
}

/** What login, device and me answer. */
export interface Session {
  user: AuthUser;
  csrfToken: string;
}
