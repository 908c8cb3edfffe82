import { describe, expect, it } from 'vitest';
import {
  APPEAL_STATUSES,
  type AppealStatus,
  canTransition,
  isOpen,
} from '../../src/core/appeals/lifecycle.ts';
import { parseAppealNumber } from '../../src/core/appeals/number.ts';
import { ValidationError } from '../../src/core/errors.ts';

/**
 * The lifecycle as the issue describes it, written out independently of the implementation.
 * Staying in the same status is not a transition (changeStatus records it as an event), so the
 * diagonal is left out of the matrix; reassignment (assigned → assigned) is tested on its own.
 */
const LEGAL: Record<AppealStatus, AppealStatus[]> = {
  new: ['triage', 'assigned', 'in_progress', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  triage: ['new', 'assigned', 'in_progress', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  assigned: ['new', 'triage', 'in_progress', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  in_progress: ['new', 'triage', 'assigned', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  needs_info: ['in_progress', 'assigned', 'answered', 'rejected', 'duplicate', 'closed'],
  answered: ['closed', 'reopened'],
  reopened: ['assigned', 'in_progress', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  closed: ['reopened'],
  rejected: ['triage'],
  duplicate: ['triage'],
};

const pairs = APPEAL_STATUSES.flatMap((from) =>
  APPEAL_STATUSES.filter((to) => to !== from).map((to) => ({ from, to, legal: LEGAL[from].includes(to) })),
);

describe('appeal lifecycle', () => {
  it.each(pairs.filter((p) => p.legal))('when an appeal is $from, then it may become $to', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(pairs.filter((p) => !p.legal))(
    'when an appeal is $from, then it may not become $to',
    ({ from, to }) => {
      expect(canTransition(from, to)).toBe(false);
    },
  );

  it('when an assigned appeal is reassigned, then assigned → assigned is allowed', () => {
    expect(canTransition('assigned', 'assigned')).toBe(true);
  });

  it.each([
    { from: 'closed', to: 'answered', why: 'a closed appeal cannot be answered again' },
    { from: 'answered', to: 'in_progress', why: 'an answered appeal must be reopened first' },
    { from: 'rejected', to: 'closed', why: 'a rejection is undone only through triage' },
    { from: 'new', to: 'reopened', why: 'only an answered or closed appeal reopens' },
  ] as const)('when $from goes to $to, then it is refused: $why', ({ from, to }) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('when a status is terminal or answered, then the appeal is not open; otherwise it is', () => {
    const open = APPEAL_STATUSES.filter(isOpen);
    expect(open.sort()).toEqual(['assigned', 'in_progress', 'needs_info', 'new', 'reopened', 'triage']);
  });
});

describe('parseAppealNumber', () => {
  it.each([
    { input: '№ 2026-000123', expected: '2026-000123' },
    { input: '№2026-000123', expected: '2026-000123' },
    { input: '2026-123', expected: '2026-000123' },
    { input: '  2026 - 7 ', expected: '2026-000007' },
    { input: '#2025-000001', expected: '2025-000001' },
    { input: '123', expected: '2026-000123' },
    { input: '000123', expected: '2026-000123' },
  ])('when a person types «$input», then it is read as $expected', ({ input, expected }) => {
    expect(parseAppealNumber(input, 2026)).toBe(expected);
  });

  it('when a bare sequence is typed, then the default year is used', () => {
    expect(parseAppealNumber('5', 2027)).toBe('2027-000005');
  });

  it.each(['', 'abc', '2026-', '2026-12a', 'номер 5'])(
    'when «%s» is not a number, then a typed ValidationError is thrown',
    (input) => {
      let caught: unknown;
      try {
        parseAppealNumber(input, 2026);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).code).toBe('invalid');
    },
  );
});
