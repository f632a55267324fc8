/** China has used a fixed UTC+8 with no daylight saving since 1991, so an offset is exact. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The calendar date in Asia/Shanghai at the instant `now`: card expiry and birth dates are Chinese dates. */
export function shanghaiDate(now: Date): CalendarDate {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
