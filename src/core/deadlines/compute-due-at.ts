/**
 * Deadlines of an incoming item, by legal regime. Pure: the calendar and time zone come in.
 *
 * Day counting for the statutory regimes (appeal59, info8) — decisions and legal basis:
 * - A term in days starts on the day after the event (ГК РФ ст.191); the day of receipt or
 *   registration itself is not counted.
 * - Registration «в течение трёх дней» (59-ФЗ ст.8 ч.2, 8-ФЗ ст.18 ч.5) is counted in WORKING days:
 *   the law does not say which, registration is office work done on working days, and municipal
 *   administrative regulations commonly count it so. This is the lenient reading; where the local
 *   regulation counts calendar days, registrationDueAt is later than the strict deadline.
 * - The answer term (59-ФЗ ст.12 ч.1 «в течение 30 дней со дня регистрации», 8-ФЗ ст.18 ч.6) and
 *   the extension (ст.12 ч.2, ст.18 ч.7) are counted in CALENDAR days: the laws say «дней» without
 *   «рабочих» (federal law names working days when it means them), and practice reads them so.
 * - If the last day of a calendar-day term is a non-working day, the term ends on the next working
 *   day (ГК РФ ст.193, applied by analogy as is usual in administrative practice).
 * - A day-based term ends at the end of its last day (ГК РФ ст.194 ч.1) in the municipality's time
 *   zone: dueAt is 23:59:59.999 local.
 * Hour-based regimes (message, incident) run in elapsed hours round the clock: no calendar.
 */

import { ExtensionRefusedError } from '../errors.ts';
import type { SectorDef } from '../sectors.ts';
import type { CalendarCoverage, ProductionCalendar } from './calendar.ts';
import { type HoursRule, REGIME_RULES, type Regime, type StatutoryRule } from './regimes.ts';
import {
  addCalendarDays,
  type CivilDate,
  civilDateOf,
  DEFAULT_TIME_ZONE,
  endOfCivilDay,
  yearOf,
} from './zoned-time.ts';

const MS_PER_HOUR = 3_600_000;

export interface ComputeDueAtInput {
  regime: Regime;
  receivedAt: Date;
  /** Sector of the item; its `deadlines` override the hour-based defaults. */
  sector?: SectorDef;
  calendar: ProductionCalendar;
  /** IANA zone of the municipality; days are counted there. */
  timeZone?: string;
  /**
   * Registration instant (statutory regimes). When absent the answer term is counted from the day
   * of receipt: the earliest lawful registration day, so the deadline shown is never too late.
   */
  registeredAt?: Date;
}

export interface DueAt {
  /** The deadline: the answer is late after this instant. */
  dueAt: Date;
  /** Internal target before dueAt (incident). */
  targetAt?: Date;
  /** Registration deadline (appeal59, info8). */
  registrationDueAt?: Date;
  /**
   * Least trustworthy calendar year used (statutory regimes): 'provisional' (no decree yet) or
   * 'fallback' (year not in the data, Mon–Fri only) mean the date may move; show it as such.
   */
  calendarCoverage?: CalendarCoverage;
}

/** A positive finite override, or the default. Config validation should reject bad values earlier. */
function hoursOr(override: number | undefined, fallback: number): number {
  return override !== undefined && Number.isFinite(override) && override > 0 ? override : fallback;
}

function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * MS_PER_HOUR);
}

function hourDeadlines(regime: Regime, rule: HoursRule, receivedAt: Date, sector?: SectorDef): DueAt {
  const overrides = sector?.deadlines;
  if (regime === 'message') {
    return { dueAt: addHours(receivedAt, hoursOr(overrides?.messageHours, rule.dueHours)) };
  }
  const result: DueAt = { dueAt: addHours(receivedAt, rule.dueHours) };
  if (rule.targetHours !== undefined) {
    // A target past the hard limit would be meaningless, so the limit caps it.
    const target = Math.min(hoursOr(overrides?.incidentTargetHours, rule.targetHours), rule.dueHours);
    result.targetAt = addHours(receivedAt, target);
  }
  return result;
}

const COVERAGE_RANK: Record<CalendarCoverage, number> = { official: 0, provisional: 1, fallback: 2 };

/** The least trustworthy coverage of the years spanned by `days`. */
export function worstCoverage(calendar: ProductionCalendar, days: readonly CivilDate[]): CalendarCoverage {
  let worst: CalendarCoverage = 'official';
  for (const day of days) {
    const c = calendar.coverage(yearOf(day));
    if (COVERAGE_RANK[c] > COVERAGE_RANK[worst]) worst = c;
  }
  return worst;
}

/** End of the calendar-day term `days` after `from`, moved off non-working days (ГК РФ ст.193). */
export function calendarTermEnd(from: CivilDate, days: number, calendar: ProductionCalendar): CivilDate {
  return calendar.rollForward(addCalendarDays(from, days));
}

function statutoryDeadlines(rule: StatutoryRule, input: ComputeDueAtInput, timeZone: string): DueAt {
  const { calendar } = input;
  const receivedDay = civilDateOf(input.receivedAt, timeZone);
  const registrationDay = calendar.addWorkingDays(receivedDay, rule.registrationWorkingDays);
  const registeredDay = civilDateOf(input.registeredAt ?? input.receivedAt, timeZone);
  const answerDay = calendarTermEnd(registeredDay, rule.answerDays, calendar);
  return {
    dueAt: endOfCivilDay(answerDay, timeZone),
    registrationDueAt: endOfCivilDay(registrationDay, timeZone),
    calendarCoverage: worstCoverage(calendar, [receivedDay, registrationDay, registeredDay, answerDay]),
  };
}

export function computeDueAt(input: ComputeDueAtInput): DueAt {
  const rule = REGIME_RULES[input.regime];
  if (Number.isNaN(input.receivedAt.getTime())) throw new RangeError('receivedAt is an invalid Date');
  if (rule.kind === 'hours') return hourDeadlines(input.regime, rule, input.receivedAt, input.sector);
  return statutoryDeadlines(rule, input, input.timeZone ?? DEFAULT_TIME_ZONE);
}

export interface ExtendDueAtInput {
  regime: Regime;
  /** The current deadline (from computeDueAt). */
  dueAt: Date;
  /** Calendar days to add: a whole number from 1 to the regime's maximum. */
  extensionDays: number;
  /** Why (59-ФЗ ст.12 ч.2: «в исключительных случаях»); recorded and sent to the citizen. */
  reason: string;
  alreadyExtended: boolean;
  calendar: ProductionCalendar;
  timeZone?: string;
}

/**
 * The deadline after the one lawful extension: `extensionDays` calendar days after the day of the
 * current deadline, moved off non-working days like the original term (ГК РФ ст.193).
 * @throws ExtensionRefusedError when the regime, count, length or reason does not allow it.
 */
export function extendDueAt(input: ExtendDueAtInput): Date {
  const { regime, extensionDays } = input;
  const rule = REGIME_RULES[regime];
  const ctx = { regime, extensionDays, dueAt: input.dueAt.toISOString() };
  if (rule.kind !== 'statutory') {
    throw new ExtensionRefusedError('not_extendable', `A ${regime} deadline cannot be extended`, ctx);
  }
  if (input.alreadyExtended) {
    throw new ExtensionRefusedError('already_extended', 'The deadline may be extended only once', ctx);
  }
  if (!Number.isInteger(extensionDays) || extensionDays < 1) {
    throw new ExtensionRefusedError('invalid_days', 'Extension must be a whole number of days ≥ 1', ctx);
  }
  if (extensionDays > rule.maxExtensionDays) {
    const max = rule.maxExtensionDays;
    throw new ExtensionRefusedError('too_long', `Extension may not exceed ${max} days`, { ...ctx, max });
  }
  if (input.reason.trim() === '') {
    throw new ExtensionRefusedError('empty_reason', 'An extension needs a recorded reason', ctx);
  }
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const day = calendarTermEnd(civilDateOf(input.dueAt, timeZone), extensionDays, input.calendar);
  return endOfCivilDay(day, timeZone);
}
