export type { CalendarCoverage, DayKind } from './calendar.ts';
export { ProductionCalendar, russianProductionCalendar } from './calendar.ts';
export type { CalendarYearData, CalendarYearStatus, TransferredDayOff } from './calendar-ru.ts';
export { RU_PRODUCTION_CALENDAR } from './calendar-ru.ts';
export type { ComputeDueAtInput, DueAt, ExtendDueAtInput } from './compute-due-at.ts';
export { calendarTermEnd, computeDueAt, extendDueAt, worstCoverage } from './compute-due-at.ts';
export type { HoursRule, Regime, RegimeRule, StatutoryRule } from './regimes.ts';
export { isRegime, REGIME_RULES, REGIMES } from './regimes.ts';
export type { DeadlineState, DueSoonRule } from './urgency.ts';
export { deadlineState, dueSoonFrom, dueSoonThreshold } from './urgency.ts';
export type { CivilDate } from './zoned-time.ts';
export {
  addCalendarDays,
  civilDateOf,
  DEFAULT_TIME_ZONE,
  endOfCivilDay,
  isoWeekday,
  startOfCivilDay,
} from './zoned-time.ts';
