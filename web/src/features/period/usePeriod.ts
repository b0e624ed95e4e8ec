import { useQuery } from '@tanstack/react-query';
import { runtimeConfigQuery } from '../runtime-config/runtime-config.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { type DateRange, presetRange, shanghaiToday } from './presets.ts';

/**
 * The dates the view asks for. "Today" is the server's when it says (demos pin APP_NOW),
 * otherwise the browser's clock read in Asia/Shanghai. Null until the runtime config has
 * answered, so no query fires twice with two different "todays".
 */
export function usePeriod(): DateRange | null {
  const { view } = useView();
  const today = useToday();
  if (today === null) return null;
  return presetRange(view.preset, today, { from: view.from ?? undefined, to: view.to ?? undefined });
}

/** Today (YYYY-MM-DD, Asia/Shanghai) as `usePeriod` reads it; null until the runtime config has answered. */
export function useToday(): string | null {
  const config = useQuery(runtimeConfigQuery());
  if (config.isPending) return null;
  return config.data?.today ?? shanghaiToday();
}
