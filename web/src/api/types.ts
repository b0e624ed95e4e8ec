import type { InferRequestType, InferResponseType } from 'hono/client';
import type { CaseFilterQuery as ContractCaseFilter } from '../../../api/contract/case-filter.ts';
import type { api } from './client.ts';

/**
 * The API's answers as the web sees them, inferred from the routes through the typed client, so a
 * change on the server shows up here as a type error instead of a silent drift. The web names its
 * server types only here (and takes runtime values from api/contract/).
 */
type Ok<R> = InferResponseType<R, 200>;
type Query<R> = InferRequestType<R> extends { query: infer Q } ? Q : never;

export type ClientConfig = Ok<typeof api.api.config.$get>;

/**
 * The case filter as the web sends it (api/contract/case-filter.ts): the period, always sent, the
 * scope and the comma-separated category and status lists.
 */
export type CaseFilterQuery = Required<Pick<ContractCaseFilter, 'from' | 'to'>> & Omit<ContractCaseFilter, 'from' | 'to'>;

export type Summary = Ok<typeof api.api.stats.summary.$get>;
export type Totals = Summary['current'];

export type Ranking = Ok<typeof api.api.stats.ranking.$get>;
export type RankingRow = Ranking['rows'][number];
export type RankingMetric = NonNullable<Query<typeof api.api.stats.ranking.$get>['metric']>;

export type CategoryBreakdown = Ok<typeof api.api.stats.categories.$get>;
export type Trend = Ok<typeof api.api.stats.trend.$get>;

export type Basemap = Ok<typeof api.api.basemap.$get>;
export type BasemapFeature = Basemap['features'][number];

export type TownshipLayer = Ok<typeof api.api.townships.$get>;
export type VillageLayer = Ok<typeof api.api.villages.$get>;
export type TownshipFeature = TownshipLayer['features'][number];
export type VillageFeature = VillageLayer['features'][number];
export type TownshipProps = TownshipFeature['properties'];
export type VillageProps = VillageFeature['properties'];
/** One unit of a map layer (township or village) with its properties. */
export type Feature<P> = Omit<TownshipFeature, 'properties'> & { properties: P };

export type VillageDetail = Ok<(typeof api.api.villages)[':code']['$get']>;

export type Events = Ok<typeof api.api.events.$get>;
export type EventRow = Events['rows'][number];

export type Coverage = Ok<typeof api.api.coverage.$get>;
export type CoverageVillage = Coverage['villages'][number];

export type Alerts = Ok<typeof api.api.alerts.$get>;
export type Alert = Alerts['alerts'][number];
export type AlertRule = Alerts['rules'][number];
export type AlertRuleId = AlertRule['id'];

export type Feed = Ok<typeof api.api.feed.$get>;
export type FeedItem = Feed['items'][number];

export type Briefing = Ok<typeof api.api.briefing.$get>;

export type Campaign = Ok<typeof api.api.campaigns.$get>['campaigns'][number];
export type NewCampaign = InferRequestType<typeof api.api.admin.campaigns.$post>['json'];
export type CampaignChange = InferRequestType<(typeof api.api.admin.campaigns)[':code']['$patch']>['json'];
export type CampaignEffect = Ok<(typeof api.api.campaigns)[':code']['effect']['$get']>;

export type LedgerReport = Ok<typeof api.api.imports.ledger.$post>;
export type LedgerKind = NonNullable<Query<typeof api.api.imports.ledger.$post>['kind']>;
export type RowError = LedgerReport['errors'][number];

/** What sign-in, device sign-in and `me` answer: the user and the session's CSRF token. */
export type Session = Ok<typeof api.api.auth.me.$get>;
export type AuthUser = Session['user'];

export type AdminUser = Ok<typeof api.api.admin.users.$get>['users'][number];
export type Device = Ok<typeof api.api.admin.devices.$get>['devices'][number];
export type AuditEntry = Ok<typeof api.api.admin.audit.$get>['entries'][number];
export type NewUser = InferRequestType<typeof api.api.admin.users.$post>['json'];
export type UserChange = InferRequestType<(typeof api.api.admin.users)[':id']['$patch']>['json'];
