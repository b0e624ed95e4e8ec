/** The roles an account can have (docs/auth-api.md): the API's checks and the admin page's choices. */
export const ROLES = ['county', 'township', 'officer', 'wall', 'admin'] as const;
export type Role = (typeof ROLES)[number];
