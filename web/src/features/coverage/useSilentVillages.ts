import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { caseFilterOf, WHOLE_COUNTY } from '../filters/case-filter.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useAfterFirstMap } from '../map/first-draw.ts';
import type { TownshipFeature, VillageFeature } from '../map/layers/unit-layers.ts';
import { villagesQuery } from '../map/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import type { Segment } from './hatch.ts';
import { coverageQuery, silenceWeeks } from './queries.ts';
import { HATCH_SPACING, silentHatch } from './silent-layers.ts';

export interface SilentVillages {
  features: VillageFeature[];
  segments: Segment[];
  /** Silent villages in the scope (known from the townships before the county's villages load). */
  count: number;
  weeks: number;
}

/**
 * The "no information" villages of the scope, for the map. At township scope they come from the
 * villages already loaded; at county scope the county's silent villages alone are fetched, only
 * when some township has one, and only after the first map, so the first paint never waits.
 */
export function useSilentVillages(townships: readonly TownshipFeature[], townshipVillages: readonly VillageFeature[], enabled: boolean): SilentVillages {
  const { view } = useView();
  const period = usePeriod();
  const afterMap = useAfterFirstMap();
  const countyScope = view.township === null;
  const countySilent = townships.reduce((n, f) => n + (f.properties.silentVillages ?? 0), 0);
  const county = useQuery({ ...villagesQuery(caseFilterOf(period, WHOLE_COUNTY), true), enabled: enabled && countyScope && countySilent > 0 && afterMap });
  const coverage = useQuery(coverageQuery(useCaseFilter()));
  const countyVillages = county.data?.features;
  const features = useMemo(() => (countyScope ? (countyVillages ?? []) : townshipVillages).filter((f) => f.properties.silent), [countyScope, countyVillages, townshipVillages]);
  const segments = useMemo(() => silentHatch(features, countyScope ? HATCH_SPACING.county : HATCH_SPACING.township), [features, countyScope]);
  return { features, segments, count: countyScope ? countySilent : features.length, weeks: silenceWeeks(coverage.data) };
}
