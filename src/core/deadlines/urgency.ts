/**
 * Urgency of a deadline: ok → due_soon → overdue. Drives the due-soon and overdue queries and
 * escalation; a query can use dueSoonFrom() to turn a rule into a cut-off instant.
 */
import type { Regime } from './regimes.ts';

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

/**
 * When an item becomes "due soon": a fixed number of hours before the deadline, or a fraction of
 * the whole term (from `startedAt`, usually receipt) left — e.g. 0.25 = the last quarter.
 */
export type DueSoonRule = { dueSoonHours: number } | { dueSoonFraction: number; startedAt: Date };

const MS_PER_HOUR = 3_600_000;

/**
 * Default due-soon windows per regime, in hours before dueAt. Sized so a shift can still act:
 * a 24 h message gets 4 h, an incident 2 h (applies to its targetAt as well as its dueAt), a
 * 30-day statutory answer 3 days.
 */
const DUE_SOON_HOURS: Readonly<Record<Regime, number>> = {
  message: 4,
  incident: 2,
  appeal59: 72,
  info8: 72,
};

export function dueSoonThreshold(regime: Regime): { dueSoonHours: number } {
  return { dueSoonHours: DUE_SOON_HOURS[regime] };
}

/** The instant from which the deadline counts as due soon. */
export function dueSoonFrom(dueAt: Date, rule: DueSoonRule): Date {
  if ('dueSoonHours' in rule) {
    if (!(rule.dueSoonHours >= 0)) throw new RangeError(`dueSoonHours must be ≥ 0: ${rule.dueSoonHours}`);
    return new Date(dueAt.getTime() - rule.dueSoonHours * MS_PER_HOUR);
  }
  const { dueSoonFraction: f, startedAt } = rule;
  if (!(f >= 0 && f <= 1)) throw new RangeError(`dueSoonFraction must be within [0, 1]: ${f}`);
  const term = Math.max(0, dueAt.getTime() - startedAt.getTime());
  return new Date(dueAt.getTime() - f * term);
}

/** Overdue strictly after dueAt: an answer at the deadline instant itself is on time. */
export function deadlineState(dueAt: Date, now: Date, rule: DueSoonRule): DeadlineState {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return now.getTime() >= dueSoonFrom(dueAt, rule).getTime() ? 'due_soon' : 'ok';
}
