/**
 * Legal regimes of an incoming item and their deadline rules (REFERENCE.md §5).
 *
 * Two kinds of rule:
 * - 'hours': elapsed (calendar) hours from receipt, no production calendar. ЦУР regulations set
 *   «сообщения» and social-media incidents in hours round the clock.
 * - 'statutory': a registration term in working days and an answer term in calendar days from
 *   registration, extendable once (59-ФЗ, 8-ФЗ).
 */

export const REGIMES = ['message', 'appeal59', 'incident', 'info8'] as const;
export type Regime = (typeof REGIMES)[number];

export function isRegime(value: unknown): value is Regime {
  return typeof value === 'string' && (REGIMES as readonly string[]).includes(value);
}

export interface HoursRule {
  kind: 'hours';
  /** Answer due (hard limit), hours after receipt. */
  dueHours: number;
  /** Internal target, hours after receipt; never later than dueHours. */
  targetHours?: number;
  basis: string;
}

export interface StatutoryRule {
  kind: 'statutory';
  /** Registration term, working days after the day of receipt. */
  registrationWorkingDays: number;
  /** Answer term, calendar days after the day of registration. */
  answerDays: number;
  /** Longest extension, calendar days; both laws allow one extension only. */
  maxExtensionDays: number;
  basis: string;
}

export type RegimeRule = HoursRule | StatutoryRule;

export const REGIME_RULES: Readonly<Record<Regime, RegimeRule>> = {
  message: {
    kind: 'hours',
    dueHours: 24,
    basis: 'Regional ЦУР regulations on «сообщения» (59-ФЗ excluded); sector override messageHours',
  },
  incident: {
    kind: 'hours',
    dueHours: 24,
    targetHours: 8,
    basis:
      '«Инцидент Менеджмент» practice: 24 h required by regions, 8 h target; override incidentTargetHours',
  },
  appeal59: {
    kind: 'statutory',
    registrationWorkingDays: 3,
    answerDays: 30,
    maxExtensionDays: 30,
    basis: '59-ФЗ ст.8 ч.2 (registration within 3 days), ст.12 ч.1 (30 days), ст.12 ч.2 (≤ 30 more, once)',
  },
  info8: {
    kind: 'statutory',
    registrationWorkingDays: 3,
    answerDays: 30,
    maxExtensionDays: 15,
    basis: '8-ФЗ ст.18 ч.5 (registration within 3 days), ч.6 (30 days), ч.7 (delay of ≤ 15 more days)',
  },
};
