export interface WeekBucket {
  /** First day of the week inside the period (the period's first day for a partial first week). */
  start: string;
  end: string;
  disputes: number;
  hazards: number;
}

/** The Asia/Shanghai calendar date of an API timestamp ("2026-11-28T16:57:00+08:00"). */
export function shanghaiDateOf(at: string): string {
  if (at.endsWith('+08:00')) return at.slice(0, 10);
  return new Date(Date.parse(at) + 8 * 3600e3).toISOString().slice(0, 10);
}
