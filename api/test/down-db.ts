import { type Db, DbUnavailableError } from '../db/index.ts';

/**
 * A database that is down: every call fails the way the drivers report an outage. For tests that
 * read only the app's routes, or that check how an outage is answered.
 */
export const downDb: Db = {
  kind: 'postgres',
  read: () => Promise.reject(new DbUnavailableError()),
  write: () => Promise.reject(new DbUnavailableError()),
  exec: () => Promise.reject(new DbUnavailableError()),
  ping: () => Promise.reject(new DbUnavailableError()),
  available: () => false,
  close: () => Promise.resolve(),
};
