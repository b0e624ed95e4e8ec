import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useKeptData } from '../outage/PanelStatus.tsx';
import { usePeriod } from '../period/usePeriod.ts';
import { runtimeConfigQuery } from '../runtime-config/runtime-config.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { basemapQuery, eventsQuery, townshipsQuery, villagesQuery } from './queries.ts';

/** Everything the map draws, fetched for the current view. */
export function useMapData() {
  const { view } = useView();
  const period = usePeriod();
  const basemap = useQuery(basemapQuery());
  const config = useQuery(runtimeConfigQuery());
  const filter = useCaseFilter();
  const townshipsNow = useQuery({
    ...townshipsQuery(filter),
    // Keep the old colours on screen while a new period loads instead of flashing empty.
    placeholderData: keepPreviousData,
  });
  const villagesNow = useQuery({
    ...villagesQuery(filter),
    enabled: view.township !== null,
    placeholderData: keepPreviousData,
  });
  const wantsEvents = view.layers.some((l) => l === 'heat' || l === 'hex' || l === 'points');
  const eventsNow = useQuery({
    ...eventsQuery(filter, view.events),
    enabled: wantsEvents,
    placeholderData: keepPreviousData,
  });
  // The map keeps drawing what it had through an outage, also for a view asked for during it.
  const townships = { ...townshipsNow, data: useKeptData(townshipsNow) };
  const villages = { ...villagesNow, data: useKeptData(villagesNow) };
  const events = { ...eventsNow, data: useKeptData(eventsNow) };
  // Placeholder villages may belong to the township shown before: never draw those in this one.
  const villageFeatures = (villages.data?.features ?? []).filter((f) => f.properties.townshipCode === view.township);
  return { view, period, basemap, config, townships, villages, villageFeatures, events, wantsEvents, filter };
}
