import type { FailureThrottle } from './auth/throttle.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { CoverageBase } from './queries/coverage-base.ts';
import type { VillageHeads } from './queries/village-heads.ts';
import type { ChangeNotices } from './replica/change-notices.ts';

/**
 * What the routes and the middleware need from the outside world; tests pass their own. Its own
 * module so that the authentication middleware and the routes' helpers need not import each other.
 */
export interface Deps {
  db: Db;
  config: Config;
  /** The current instant (APP_NOW pins it). */
  now: () => Date;
  /** Failed sign-ins: per account and address, per address, per account (api/auth/throttle.ts). */
  throttle: FailureThrottle;
  /** The local CLI's bearer token (DATA_DIR/server.json); unset: no bearer is accepted. */
  cliToken?: string;
  /**
   * Other servers' changes, heard from PostgreSQL (LISTEN): the caches drop what they change.
   * Unset (the embedded database, tests): only this server's own writes clear them.
   */
  changes?: ChangeNotices;
  /** Builds the coverage days the summary reads (migration 015); createApp makes one when unset. */
  coverageBase?: CoverageBase;
  /** The village layer's parts that do not follow the filter, per map version (migration 017); createApp makes one when unset. */
  villageHeads?: VillageHeads;
}
