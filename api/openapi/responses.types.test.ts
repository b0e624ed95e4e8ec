import type { ExtractSchema } from 'hono/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Alert, AlertLine, AlertRule, alerts } from '../queries/alerts.ts';
import type { Briefing } from '../queries/briefing.ts';
import type { CampaignEffect } from '../queries/campaign-effect.ts';
import type { Campaign } from '../queries/campaigns.ts';
import type { CategoryBreakdown } from '../queries/categories.ts';
import type { Coverage } from '../queries/coverage.ts';
import type { EventsAnswer } from '../queries/events.ts';
import type { FeedItem } from '../queries/feed.ts';
import type { DisputeAnswer } from '../queries/intake/disputes.ts';
import type { HazardAnswer } from '../queries/intake/hazards.ts';
import type { VisitAnswer } from '../queries/intake/visits.ts';
import type { FeatureCollection, TownshipProps, VillageProps } from '../queries/layers.ts';
import type { Ranking } from '../queries/ranking.ts';
import type { Summary } from '../queries/summary.ts';
import type { Trend } from '../queries/trend.ts';
import type { VillageDetail } from '../queries/village-detail.ts';
import type { feedRoutes } from '../routes/feed.ts';
import type { healthRoutes } from '../routes/health.ts';
import { OPERATIONS } from './operations.ts';
import type { campaignAnswer, campaignEffectAnswer, campaignsAnswer } from './responses/campaigns.ts';
import type { Same } from './responses/common.ts';
import type { disputeAnswer, hazardAnswer, visitAnswer } from './responses/intake.ts';
import type { eventsAnswer, townshipsAnswer, villageDetailAnswer, villagesAnswer } from './responses/map.ts';
import type { alertsAnswer, briefingAnswer, coverageAnswer, feedAnswer } from './responses/oversight.ts';
import type { categoriesAnswer, rankingAnswer, summaryAnswer, trendAnswer } from './responses/stats.ts';
import type { healthAnswer } from './responses/system.ts';

/**
 * Each answer schema's inferred type and the TypeScript type of what the route answers are
 * mutually assignable (also with every optional member made required): `tsc --noEmit` fails on a
 * field added, removed, renamed, made optional or retyped on either side. The types are those the
 * query functions return (api/queries/), except where a route builds the answer itself: health and
 * the feed's envelope, taken from the route's own typed answer.
 *
 * Where the query types a field as `string` and its values come from api/contract/enums.ts
 * (categories, statuses of events, feed, alerts, village detail), the schema documents the `enum`
 * and checks it at run time (`oneOf` in responses/common.ts) but infers `string`, so the sides
 * stay equal here; responses.db.test.ts checks the values.
 */

type Out<S extends z.ZodType> = z.output<S>;
/** The JSON body of the route's 200 answer, as the typed client sees it. */
type RouteOk<R, P extends string, M extends string> =
  ExtractSchema<R> extends Record<P, Record<M, infer E>> ? (E extends { status: infer S; output: infer O } ? (200 extends S ? O : never) : never) : never;

type Checks = {
  dispute: Same<Out<typeof disputeAnswer>, DisputeAnswer>;
  hazard: Same<Out<typeof hazardAnswer>, HazardAnswer>;
  visit: Same<Out<typeof visitAnswer>, VisitAnswer>;
  summary: Same<Out<typeof summaryAnswer>, Summary>;
  trend: Same<Out<typeof trendAnswer>, Trend>;
  categories: Same<Out<typeof categoriesAnswer>, CategoryBreakdown>;
  ranking: Same<Out<typeof rankingAnswer>, Ranking>;
  villages: Same<Out<typeof villagesAnswer>, FeatureCollection<VillageProps>>;
  townships: Same<Out<typeof townshipsAnswer>, FeatureCollection<TownshipProps>>;
  villageDetail: Same<Out<typeof villageDetailAnswer>, VillageDetail>;
  events: Same<Out<typeof eventsAnswer>, EventsAnswer>;
  coverage: Same<Out<typeof coverageAnswer>, Coverage>;
  alerts: Same<Out<typeof alertsAnswer>, Awaited<ReturnType<typeof alerts>>>;
  alertParts: Same<Out<typeof alertsAnswer>, { asOf: string; rules: AlertRule[]; alerts: Alert[]; lines: AlertLine[] }>;
  feedItems: Same<Out<typeof feedAnswer>['items'][number], FeedItem>;
  feedRoute: Same<Out<typeof feedAnswer>, RouteOk<ReturnType<typeof feedRoutes>, '/', '$get'>>;
  briefing: Same<Out<typeof briefingAnswer>, Briefing>;
  health: Same<Out<typeof healthAnswer>, RouteOk<ReturnType<typeof healthRoutes>, '/', '$get'>>;
  campaigns: Same<Out<typeof campaignsAnswer>, { campaigns: Campaign[] }>;
  campaign: Same<Out<typeof campaignAnswer>, { campaign: Campaign }>;
  campaignEffect: Same<Out<typeof campaignEffectAnswer>, CampaignEffect>;
};

describe('the answer schemas and the answers’ TypeScript types', () => {
  it('are mutually assignable, one by one (checked by tsc)', () => {
    expectTypeOf<Checks>().toEqualTypeOf<{ [K in keyof Checks]: true }>();
  });

  it('a check that should fail does fail (the helper is not vacuous)', () => {
    expectTypeOf<Same<{ a: string }, { a: string; b?: number }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: string }, { a: string | null }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: [number, number] }, { a: number[] }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: { b: 1 | 2 } }, { a: { b: 1 | 2 | 3 } }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: string }, { a: string }>>().toEqualTypeOf<true>();
  });

  it('every operation with an answer schema is one of those checked above', () => {
    const documented = Object.entries(OPERATIONS)
      .filter(([, o]) => o.answer)
      .map(([k]) => k);
    expect(documented.sort()).toEqual(
      [
        'GET /api/alerts',
        'GET /api/briefing',
        'GET /api/campaigns',
        'GET /api/campaigns/:code/effect',
        'GET /api/coverage',
        'GET /api/disputes/:id',
        'GET /api/events',
        'GET /api/feed',
        'GET /api/hazards/:id',
        'GET /api/health',
        'GET /api/stats/categories',
        'GET /api/stats/ranking',
        'GET /api/stats/summary',
        'GET /api/stats/trend',
        'GET /api/townships',
        'GET /api/villages',
        'GET /api/villages/:code',
        'PATCH /api/admin/campaigns/:code',
        'PATCH /api/disputes/:id',
        'PATCH /api/hazards/:id',
        'POST /api/admin/campaigns',
        'POST /api/disputes',
        'POST /api/hazards',
        'POST /api/visits',
      ].sort(),
    );
  });
});
