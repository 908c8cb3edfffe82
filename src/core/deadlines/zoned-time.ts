/**
 * Civil dates and wall-clock time in an IANA time zone, with Intl only.
 * Offsets are always asked of Intl (never hard-coded), so zones with DST or past offset
 * changes work too.
 */

/** A calendar date without time or zone, 'YYYY-MM-DD'. */
export type CivilDate = string;

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    // Throws RangeError for an unknown zone, which is what a misconfigured municipality deserves.
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

/** Wall-clock fields of `at` in `timeZone`, as if they were UTC: epoch ms of the local reading. */
function localReadingMs(at: Date, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') f[p.type] = Number(p.value);
  }
  const ms = at.getTime() - Math.floor(at.getTime() / 1000) * 1000;
  return Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0, ms);
}

function parse(day: CivilDate): number {
  const m = CIVIL_DATE.exec(day);
  if (!m) throw new RangeError(`Not a civil date (YYYY-MM-DD): ${day}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`No such date: ${day}`);
  return ms;
}

const format = (utcMidnightMs: number): CivilDate => new Date(utcMidnightMs).toISOString().slice(0, 10);

/** The date `at` falls on in `timeZone`. */
export function civilDateOf(at: Date, timeZone: string): CivilDate {
  return format(localReadingMs(at, timeZone));
}

export function addCalendarDays(day: CivilDate, days: number): CivilDate {
  return format(parse(day) + days * MS_PER_DAY);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: CivilDate): number {
  return ((new Date(parse(day)).getUTCDay() + 6) % 7) + 1;
}

export function yearOf(day: CivilDate): number {
  return new Date(parse(day)).getUTCFullYear();
}

/**
 * The first instant of `day` in `timeZone` (local midnight, or the end of a DST gap at midnight).
 * Candidates use the offsets in force 14 h either side, which spans any transition near that
 * midnight; the earliest candidate that really falls on `day` wins.
 */
export function startOfCivilDay(day: CivilDate, timeZone: string): Date {
  const wanted = parse(day);
  const candidates = [-14, 14]
    .map((h) => wanted + h * MS_PER_HOUR)
    .map((probe) => wanted - (localReadingMs(new Date(probe), timeZone) - probe))
    .sort((a, b) => a - b);
  const onDay = candidates.find((t) => civilDateOf(new Date(t), timeZone) === day);
  return new Date(onDay ?? candidates[candidates.length - 1] ?? wanted);
}

/**
 * The last millisecond of `day` in `timeZone`: a deadline "by the end of the day" is met by
 * anything done on that day, and `now > dueAt` means overdue.
 */
export function endOfCivilDay(day: CivilDate, timeZone: string): Date {
  return new Date(startOfCivilDay(addCalendarDays(day, 1), timeZone).getTime() - 1);
}
