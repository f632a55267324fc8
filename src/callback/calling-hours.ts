import { AppError } from '../domain/app-error';

/**
 * When cardholders may be called, as wall-clock times in their time zone. Start is inclusive and end exclusive,
 * so 08:00–21:00 allows 08:00:00 up to 20:59:59.999. Windows across midnight are not supported (start < end).
 */
export interface CallingHours {
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  readonly timeZone: string;
  /** 'HH:MM', 24-hour. */
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_CALLING_HOURS: CallingHours = Object.freeze({
  timeZone: 'Asia/Shanghai',
  start: '08:00',
  end: '21:00',
});

const MS_PER_MINUTE = 60_000;
const MAX_DAYS_AHEAD = 3;

/** Validated calling hours; missing members take the defaults. Throws `validation_failed` on bad input. */
export function callingHours(spec: Partial<CallingHours> = {}): CallingHours {
  const hours = { ...DEFAULT_CALLING_HOURS, ...spec };
  const start = minuteOfDay(hours.start);
  const end = minuteOfDay(hours.end);
  if (start >= end) {
    throw new AppError('validation_failed', 'calling hours must start before they end on the same day', {
      callingHours: 'start must be before end (windows across midnight are not supported)',
    });
  }
  formatterFor(hours.timeZone);
  return Object.freeze(hours);
}

/** True when `now` is inside the window on the cardholder's local day. */
export function isWithin(now: Date, hours: CallingHours): boolean {
  const msOfDay = wallClock(now, hours.timeZone).msOfDay;
  return msOfDay >= minuteOfDay(hours.start) * MS_PER_MINUTE && msOfDay < minuteOfDay(hours.end) * MS_PER_MINUTE;
}

/** The next opening of the window strictly after `now`: today's if it is still to come, else tomorrow's. */
export function nextWindowStart(now: Date, hours: CallingHours): Date {
  const wall = wallClock(now, hours.timeZone);
  const start = minuteOfDay(hours.start);
  const firstDay = wall.msOfDay < start * MS_PER_MINUTE ? wall.day : wall.day + 1;
  // A daylight-saving jump can skip a short window's every minute; that day has no window, so try the next.
  for (let day = firstDay; day < firstDay + MAX_DAYS_AHEAD; day++) {
    const t = instantAt(wall.year, wall.month, day, start, hours.timeZone);
    if (t.getTime() > now.getTime() && isWithin(t, hours)) return t;
  }
  throw new AppError('validation_failed', 'calling hours never open: start must be before end');
}

/** `t` itself when it is within calling hours, else the next window's start. */
export function earliestWithin(t: Date, hours: CallingHours): Date {
  return isWithin(t, hours) ? t : nextWindowStart(t, hours);
}

function minuteOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) {
    throw new AppError('validation_failed', 'calling hours must be times written HH:MM, 00:00 to 23:59', {
      callingHours: 'times must be HH:MM',
    });
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new AppError('validation_failed', 'unknown time zone', { timeZone: 'must be an IANA zone, e.g. Asia/Shanghai' });
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  msOfDay: number;
}

function wallClock(t: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(t)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const msOfDay = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + (((t.getTime() % 1000) + 1000) % 1000);
  return { year: parts.year, month: parts.month, day: parts.day, msOfDay };
}

/** The zone's offset from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(new Date(t), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day) + w.msOfDay - t;
}

/**
 * The instant of a wall-clock time in the zone. The offset is taken at a first guess and again at the result,
 * which settles the days a zone changes its offset (Shanghai has had none since 1991; other zones do).
 * `day` may overflow the month: Date.UTC carries it.
 */
function instantAt(year: number, month: number, day: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, 0, minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone));
}
