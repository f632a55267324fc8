import { SHANGHAI_OFFSET_MS } from './shanghai-date';

// Business days are Beijing calendar days (UTC+8 all year, shanghai-date.ts): the day D runs from
// D 00:00 +08:00, which is D−1 16:00 UTC, to the next midnight in Beijing.

const DAY_MS = 86_400_000;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date YYYY-MM-DD. */
export function isDate(text: string): boolean {
  return DATE_PATTERN.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && toDate(text) === text;
}

function toDate(text: string): string {
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10);
}

/** The Beijing calendar date at the instant `at`. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant (UTC ISO) the Beijing day `date` starts. */
export function beijingDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

/** The instant (UTC ISO) the Beijing day `date` ends: the next day's start. */
export function beijingDayEnd(date: string): string {
  return beijingDayStart(addDays(date, 1));
}
