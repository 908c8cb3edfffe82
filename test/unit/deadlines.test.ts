import { describe, expect, it } from 'vitest';
import {
  russianProductionCalendar as calendar,
  ProductionCalendar,
} from '../../src/core/deadlines/calendar.ts';
import { RU_PRODUCTION_CALENDAR } from '../../src/core/deadlines/calendar-ru.ts';
import { computeDueAt, extendDueAt } from '../../src/core/deadlines/compute-due-at.ts';
import type { Regime } from '../../src/core/deadlines/regimes.ts';
import { deadlineState, dueSoonFrom, dueSoonThreshold } from '../../src/core/deadlines/urgency.ts';
import { addCalendarDays, isoWeekday } from '../../src/core/deadlines/zoned-time.ts';
import { DomainError, ExtensionRefusedError } from '../../src/core/errors.ts';
import type { SectorDef } from '../../src/core/sectors.ts';

const HOUR = 3_600_000;
/** Moscow wall time → instant (the offset is only for writing tests; the code asks Intl). */
const msk = (local: string): Date => new Date(`${local}+03:00`);
/** End of a Moscow day, as a statutory dueAt is. */
const endMsk = (day: string): Date => msk(`${day}T23:59:59.999`);

function sector(deadlines: SectorDef['deadlines']): SectorDef {
  return {
    code: 'housing',
    name: 'ЖКХ',
    keywords: [],
    phrases: [],
    negativeKeywords: [],
    priority: 1,
    heads: [],
    executors: [],
    deadlines,
  };
}

describe('hour-based regimes', () => {
  it.each([
    { when: 'a message has no sector', deadlines: undefined, hours: 24 },
    { when: 'the sector sets messageHours 4', deadlines: { messageHours: 4 }, hours: 4 },
    { when: 'the sector sets messageHours 48', deadlines: { messageHours: 48 }, hours: 48 },
    { when: 'the sector override is not positive', deadlines: { messageHours: 0 }, hours: 24 },
  ])('when $when, then the message is due $hours calendar hours after receipt', ({ deadlines, hours }) => {
    const receivedAt = msk('2025-05-08T23:30:00'); // a holiday eve: hours ignore the calendar
    const result = computeDueAt({
      regime: 'message',
      receivedAt,
      calendar,
      sector: deadlines && sector(deadlines),
    });
    expect(result.dueAt.getTime() - receivedAt.getTime()).toBe(hours * HOUR);
    expect(result.registrationDueAt).toBeUndefined();
  });

  it.each([
    { when: 'an incident has no sector override', deadlines: {}, target: 8 },
    { when: 'the sector sets incidentTargetHours 2', deadlines: { incidentTargetHours: 2 }, target: 2 },
    { when: 'the sector target exceeds the 24 h limit', deadlines: { incidentTargetHours: 48 }, target: 24 },
  ])('when $when, then the target is $target h and the hard limit 24 h', ({ deadlines, target }) => {
    const receivedAt = msk('2025-03-14T10:00:00');
    const result = computeDueAt({ regime: 'incident', receivedAt, calendar, sector: sector(deadlines) });
    expect(result.targetAt?.getTime()).toBe(receivedAt.getTime() + target * HOUR);
    expect(result.dueAt.getTime()).toBe(receivedAt.getTime() + 24 * HOUR);
  });

  it('when a message spans a DST change, then its 24 hours are elapsed hours, not wall-clock', () => {
    const receivedAt = new Date('2025-03-29T12:00:00+01:00');
    const { dueAt } = computeDueAt({ regime: 'message', receivedAt, calendar, timeZone: 'Europe/Berlin' });
    expect(dueAt).toEqual(new Date('2025-03-30T13:00:00+02:00'));
  });
});

describe('appeal59 registration: 3 working days after the day of receipt', () => {
  it.each([
    {
      when: 'received before the 2026 New Year holidays',
      received: '2025-12-30T10:00:00',
      due: '2026-01-14',
    },
    { when: 'received on the Friday before them', received: '2025-12-26T18:00:00', due: '2026-01-12' },
    {
      when: 'received before the first May 2025 holidays',
      received: '2025-04-30T09:00:00',
      due: '2025-05-07',
    },
    {
      when: 'received before the second May 2025 holidays',
      received: '2025-05-07T09:00:00',
      due: '2025-05-14',
    },
    { when: 'received before May Day 2026', received: '2026-04-30T09:00:00', due: '2026-05-06' },
    {
      when: 'received before Victory Day 2026 (Sat → Mon 11th)',
      received: '2026-05-07T09:00:00',
      due: '2026-05-13',
    },
    {
      when: 'received before the working Saturday 2025-11-01',
      received: '2025-10-31T09:00:00',
      due: '2025-11-06',
    },
    { when: 'received on a Sunday', received: '2025-03-16T12:00:00', due: '2025-03-19' },
  ])('when $when, then registration is due by the end of $due', ({ received, due }) => {
    const result = computeDueAt({ regime: 'appeal59', receivedAt: msk(received), calendar });
    expect(result.registrationDueAt).toEqual(endMsk(due));
    expect(result.calendarCoverage).toBe('official');
  });
});

describe('appeal59 answer: 30 calendar days from registration, moved off days off', () => {
  it.each([
    { when: 'day 30 is a working day', registered: '2025-03-03', due: '2025-04-02' },
    { when: 'day 30 is the transferred day off 2025-05-08', registered: '2025-04-08', due: '2025-05-12' },
    {
      when: 'day 30 is 2025-12-31 before the New Year holidays',
      registered: '2025-12-01',
      due: '2026-01-12',
    },
    { when: 'day 30 is 2025-11-03 before the Nov 4 holiday', registered: '2025-10-04', due: '2025-11-05' },
    { when: 'day 30 is 2026-03-09 (Mar 8 on a Sunday)', registered: '2026-02-07', due: '2026-03-10' },
    { when: 'day 30 is a Sunday', registered: '2025-03-14', due: '2025-04-14' },
  ])('when $when, then the answer is due by the end of $due', ({ registered, due }) => {
    const result = computeDueAt({
      regime: 'appeal59',
      receivedAt: msk(`${registered}T09:00:00`),
      registeredAt: msk(`${registered}T15:00:00`),
      calendar,
    });
    expect(result.dueAt).toEqual(endMsk(due));
  });

  it('when not yet registered, then the answer term runs from the day of receipt', () => {
    const result = computeDueAt({ regime: 'appeal59', receivedAt: msk('2025-03-03T09:00:00'), calendar });
    expect(result.dueAt).toEqual(endMsk('2025-04-02'));
  });

  it('when an info8 request is received, then it follows the same 3 + 30 day terms', () => {
    const result = computeDueAt({ regime: 'info8', receivedAt: msk('2025-04-08T09:00:00'), calendar });
    expect(result.registrationDueAt).toEqual(endMsk('2025-04-11'));
    expect(result.dueAt).toEqual(endMsk('2025-05-12'));
  });
});

describe('extensions (59-ФЗ ст.12 ч.2, 8-ФЗ ст.18 ч.7)', () => {
  const base = { dueAt: endMsk('2025-04-02'), reason: 'Запрос в ресурсоснабжающую организацию', calendar };

  it.each([
    {
      when: 'appeal59 is extended by 30 days onto a holiday',
      regime: 'appeal59',
      days: 30,
      due: '2025-05-05',
    },
    {
      when: 'appeal59 is extended by 10 days onto a Saturday',
      regime: 'appeal59',
      days: 10,
      due: '2025-04-14',
    },
    { when: 'info8 is extended by 15 days', regime: 'info8', days: 15, due: '2025-04-17' },
  ] as const)('when $when, then the new deadline is the end of $due', ({ regime, days, due }) => {
    expect(extendDueAt({ ...base, regime, extensionDays: days, alreadyExtended: false })).toEqual(
      endMsk(due),
    );
  });

  it.each([
    {
      when: 'it was already extended once',
      regime: 'appeal59',
      days: 10,
      done: true,
      reason: 'x',
      refusal: 'already_extended',
    },
    {
      when: 'appeal59 asks for 31 days',
      regime: 'appeal59',
      days: 31,
      done: false,
      reason: 'x',
      refusal: 'too_long',
    },
    {
      when: 'info8 asks for 16 days',
      regime: 'info8',
      days: 16,
      done: false,
      reason: 'x',
      refusal: 'too_long',
    },
    {
      when: 'the reason is blank',
      regime: 'appeal59',
      days: 10,
      done: false,
      reason: '  ',
      refusal: 'empty_reason',
    },
    {
      when: 'the days are zero',
      regime: 'appeal59',
      days: 0,
      done: false,
      reason: 'x',
      refusal: 'invalid_days',
    },
    {
      when: 'the days are fractional',
      regime: 'appeal59',
      days: 1.5,
      done: false,
      reason: 'x',
      refusal: 'invalid_days',
    },
    {
      when: 'the regime is message',
      regime: 'message',
      days: 1,
      done: false,
      reason: 'x',
      refusal: 'not_extendable',
    },
    {
      when: 'the regime is incident',
      regime: 'incident',
      days: 1,
      done: false,
      reason: 'x',
      refusal: 'not_extendable',
    },
  ] as const)('when $when, then it is refused with $refusal', ({ regime, days, done, reason, refusal }) => {
    const attempt = () =>
      extendDueAt({ ...base, regime, extensionDays: days, alreadyExtended: done, reason });
    expect(attempt).toThrow(ExtensionRefusedError);
    try {
      attempt();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ name: 'ExtensionRefusedError', code: 'extension_refused', refusal });
      expect((e as DomainError).context).toMatchObject({ regime, refusal, extensionDays: days });
    }
  });
});

describe('production calendar', () => {
  it.each([
    ['2025-11-01', 'working'], // working Saturday, Постановление № 1335
    ['2025-11-02', 'weekend'],
    ['2025-11-03', 'transferred_day_off'],
    ['2025-11-04', 'holiday'],
    ['2025-02-24', 'working'], // Feb 23 (Sun) was moved by decree to May 8, not to Monday
    ['2025-03-10', 'working'],
    ['2025-12-31', 'transferred_day_off'],
    ['2026-01-09', 'transferred_day_off'],
    ['2026-03-09', 'transferred_day_off'],
    ['2026-05-11', 'transferred_day_off'],
    ['2026-05-08', 'working'],
    ['2026-12-31', 'transferred_day_off'],
    ['2027-01-02', 'holiday'],
    ['2027-06-14', 'transferred_day_off'],
    ['2030-01-01', 'working'], // outside the data: plain Mon–Fri
    ['2030-01-05', 'weekend'],
  ])('when asked about %s, then it is %s', (day, kind) => {
    expect(calendar.dayKind(day)).toBe(kind);
  });

  it('when stepping over the November 2025 transfers, then Saturday counts and Mon–Tue do not', () => {
    expect(calendar.addWorkingDays('2025-10-31', 1)).toBe('2025-11-01');
    expect(calendar.nextWorkingDay('2025-11-01')).toBe('2025-11-05');
    expect(calendar.rollForward('2025-11-03')).toBe('2025-11-05');
    expect(calendar.rollForward('2025-11-01')).toBe('2025-11-01');
    expect(calendar.addWorkingDays('2025-11-02', 0)).toBe('2025-11-02');
    expect(() => calendar.addWorkingDays('2025-11-02', -1)).toThrow(RangeError);
  });

  it.each([
    { year: 2025, workingDays: 247 },
    { year: 2026, workingDays: 247 },
  ])('when counting $year, then it has the official $workingDays working days', ({ year, workingDays }) => {
    let count = 0;
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) {
      if (calendar.isWorkingDate(d)) count++;
    }
    expect(count).toBe(workingDays);
  });

  it('when checking the data, then transfers go from weekend/holiday days to weekdays and back', () => {
    for (const y of Object.values(RU_PRODUCTION_CALENDAR)) {
      for (const t of y.transferredDaysOff) {
        expect(isoWeekday(t.date), t.date).toBeLessThan(6);
        expect(isoWeekday(t.from) >= 6 || y.holidays.includes(t.from), t.from).toBe(true);
      }
      for (const d of y.workingWeekendDays) expect(isoWeekday(d), d).toBeGreaterThanOrEqual(6);
      expect(y.source.length).toBeGreaterThan(20);
    }
  });

  it.each([
    { year: 2025, coverage: 'official' },
    { year: 2026, coverage: 'official' },
    { year: 2027, coverage: 'provisional' },
    { year: 2024, coverage: 'fallback' },
    { year: 2030, coverage: 'fallback' },
  ])('when asked about $year, then its coverage is $coverage', ({ year, coverage }) => {
    expect(calendar.coverage(year)).toBe(coverage);
  });

  it('when an empty calendar is used, then every year falls back to Mon–Fri', () => {
    const empty = new ProductionCalendar({});
    expect(empty.isWorkingDate('2025-11-04')).toBe(true);
    expect(empty.isWorkingDate('2025-11-01')).toBe(false);
  });
});

describe('time zones', () => {
  it.each([
    {
      when: 'received Thursday 23:30 in Moscow',
      at: '2025-03-13T20:30:00Z',
      tz: 'Europe/Moscow',
      due: '2025-03-18',
    },
    {
      when: 'received Friday 00:30 in Moscow',
      at: '2025-03-13T21:30:00Z',
      tz: 'Europe/Moscow',
      due: '2025-03-19',
    },
    {
      when: 'the same instant is Friday 06:30 in Vladivostok',
      at: '2025-03-13T20:30:00Z',
      tz: 'Asia/Vladivostok',
      due: '2025-03-19',
    },
  ])('when $when, then registration is counted from that local day (due $due)', ({ at, tz, due }) => {
    const result = computeDueAt({ regime: 'appeal59', receivedAt: new Date(at), calendar, timeZone: tz });
    expect(result.registrationDueAt?.toLocaleString('sv-SE', { timeZone: tz })).toBe(`${due} 23:59:59`);
  });

  it('when registered Friday 23:30 in Moscow, then day 30 is a Sunday and the answer moves to Monday', () => {
    const at = msk('2025-03-14T23:30:00');
    const result = computeDueAt({ regime: 'appeal59', receivedAt: at, registeredAt: at, calendar });
    expect(result.dueAt).toEqual(new Date('2025-04-14T20:59:59.999Z'));
    expect(calendar.isWorkingDay(at, 'Europe/Moscow')).toBe(true);
    expect(calendar.isWorkingDay(at, 'Asia/Vladivostok')).toBe(false); // already Saturday there
  });

  it('when the zone observes DST, then end of day uses that day’s offset', () => {
    const result = computeDueAt({
      regime: 'appeal59',
      receivedAt: new Date('2025-03-27T10:00:00Z'),
      calendar,
      timeZone: 'Europe/Berlin',
    });
    expect(result.registrationDueAt).toEqual(new Date('2025-04-01T23:59:59.999+02:00'));
  });
});

describe('years outside the data', () => {
  it.each([
    { when: 'received in 2030', received: '2030-01-01T10:00:00', due: '2030-01-04', coverage: 'fallback' },
    { when: 'received in 2027', received: '2027-05-07T10:00:00', due: '2027-05-13', coverage: 'provisional' },
    {
      when: 'the term runs from 2026 into 2027',
      received: '2026-12-29T10:00:00',
      due: '2027-01-12',
      coverage: 'provisional',
    },
    { when: 'received in 2024', received: '2024-12-27T10:00:00', due: '2025-01-09', coverage: 'fallback' },
  ])('when $when, then it still computes (due $due) and flags $coverage', ({ received, due, coverage }) => {
    const result = computeDueAt({ regime: 'appeal59', receivedAt: msk(received), calendar });
    expect(result.registrationDueAt).toEqual(endMsk(due));
    expect(result.calendarCoverage).toBe(coverage);
  });
});

describe('deadlineState and due-soon thresholds', () => {
  const dueAt = new Date('2025-03-14T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it.each([
    {
      when: '5 h are left of a 4 h window',
      now: '2025-03-14T07:00:00Z',
      rule: { dueSoonHours: 4 },
      state: 'ok',
    },
    {
      when: 'exactly 4 h are left',
      now: '2025-03-14T08:00:00Z',
      rule: { dueSoonHours: 4 },
      state: 'due_soon',
    },
    {
      when: 'it is the due instant',
      now: '2025-03-14T12:00:00Z',
      rule: { dueSoonHours: 4 },
      state: 'due_soon',
    },
    { when: '1 ms has passed', now: '2025-03-14T12:00:00.001Z', rule: { dueSoonHours: 4 }, state: 'overdue' },
    {
      when: 'half of a 24 h term is left of a 25 %',
      now: '2025-03-14T00:00:00Z',
      rule: { dueSoonFraction: 0.25, startedAt: at('2025-03-13T12:00:00Z') },
      state: 'ok',
    },
    {
      when: 'the last quarter of a 24 h term has begun',
      now: '2025-03-14T06:00:00Z',
      rule: { dueSoonFraction: 0.25, startedAt: at('2025-03-13T12:00:00Z') },
      state: 'due_soon',
    },
  ])('when $when, then the state is $state', ({ now, rule, state }) => {
    expect(deadlineState(dueAt, at(now), rule)).toBe(state);
  });

  it.each([
    ['message', 4],
    ['incident', 2],
    ['appeal59', 72],
    ['info8', 72],
  ] as [Regime, number][])(
    'when the regime is %s, then due soon starts %i h before the deadline',
    (regime, hours) => {
      expect(dueSoonThreshold(regime)).toEqual({ dueSoonHours: hours });
      expect(dueSoonFrom(dueAt, dueSoonThreshold(regime)).getTime()).toBe(dueAt.getTime() - hours * HOUR);
    },
  );

  it('when a fraction is outside [0, 1], then it is rejected', () => {
    expect(() => deadlineState(dueAt, dueAt, { dueSoonFraction: 2, startedAt: dueAt })).toThrow(RangeError);
  });
});

describe('DomainError', () => {
  it('when built without context, then it carries code, empty context and the class name', () => {
    const e = new DomainError('some_code', 'message');
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'DomainError', code: 'some_code', context: {}, message: 'message' });
  });
});
