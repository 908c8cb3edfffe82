/**
 * Production calendar: which civil dates are working days.
 * Arithmetic is on civil dates (tz-free); the caller turns instants into civil dates in the
 * municipality's time zone first (civilDateOf), so a message at 23:30 Moscow time on Friday
 * counts as Friday even though it is 20:30 UTC.
 */
import { type CalendarYearData, RU_PRODUCTION_CALENDAR } from './calendar-ru.ts';
import { addCalendarDays, type CivilDate, civilDateOf, isoWeekday, yearOf } from './zoned-time.ts';

/** How trustworthy the answer for a year is: a decree, a ТК-derived guess, or plain Mon–Fri. */
export type CalendarCoverage = 'official' | 'provisional' | 'fallback';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'transferred_day_off';

interface YearIndex {
  coverage: CalendarCoverage;
  holidays: Set<CivilDate>;
  daysOff: Set<CivilDate>;
  workingWeekendDays: Set<CivilDate>;
}

// A guard against an endless loop on corrupt data: no real run of days off is this long.
const MAX_DAYS_OFF_IN_A_ROW = 60;

export class ProductionCalendar {
  private readonly years = new Map<number, YearIndex>();

  constructor(data: Readonly<Record<number, CalendarYearData>>) {
    for (const [year, y] of Object.entries(data)) {
      this.years.set(Number(year), {
        coverage: y.status,
        holidays: new Set(y.holidays),
        daysOff: new Set(y.transferredDaysOff.map((t) => t.date)),
        workingWeekendDays: new Set(y.workingWeekendDays),
      });
    }
  }

  /** 'fallback' means the year is not in the data and only Saturdays and Sundays are days off. */
  coverage(year: number): CalendarCoverage {
    return this.years.get(year)?.coverage ?? 'fallback';
  }

  dayKind(day: CivilDate): DayKind {
    const weekend = isoWeekday(day) >= 6;
    const y = this.years.get(yearOf(day));
    if (!y) return weekend ? 'weekend' : 'working';
    // A holiday on a weekend is still a holiday; a working Saturday is never a holiday.
    if (y.holidays.has(day)) return 'holiday';
    if (y.daysOff.has(day)) return 'transferred_day_off';
    if (weekend && !y.workingWeekendDays.has(day)) return 'weekend';
    return 'working';
  }

  isWorkingDate(day: CivilDate): boolean {
    return this.dayKind(day) === 'working';
  }

  /** Whether the instant `at` falls on a working day in `timeZone`. */
  isWorkingDay(at: Date, timeZone: string): boolean {
    return this.isWorkingDate(civilDateOf(at, timeZone));
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: CivilDate): CivilDate {
    return this.rollForward(addCalendarDays(day, 1));
  }

  /** `day` itself when it is a working day, else the next working day (ГК РФ ст.193). */
  rollForward(day: CivilDate): CivilDate {
    let d = day;
    for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i++) {
      if (this.isWorkingDate(d)) return d;
      d = addCalendarDays(d, 1);
    }
    throw new Error(`Production calendar data is corrupt: no working day within 60 days of ${day}`);
  }

  /**
   * The `days`-th working day after `day`; `day` itself is not counted (ГК РФ ст.191: a term
   * runs from the day after the event). addWorkingDays(d, 0) is `d`, working or not.
   */
  addWorkingDays(day: CivilDate, days: number): CivilDate {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0: ${days}`);
    let d = day;
    for (let i = 0; i < days; i++) d = this.nextWorkingDay(d);
    return d;
  }
}

/** The Russian calendar built from calendar-ru.ts; stateless, safe to share. */
export const russianProductionCalendar = new ProductionCalendar(RU_PRODUCTION_CALENDAR);
