/**
 * Russian production calendar (производственный календарь), 2025–2027.
 *
 * A day is non-working when it is a Saturday or Sunday not listed in `workingWeekendDays`,
 * a non-working public holiday (`holidays`), or a weekday made a day off (`transferredDaysOff`).
 * Shortened pre-holiday days (ТК ст.95) do not matter for deadlines and are not recorded.
 *
 * Update once a year, when the Government publishes the next decree (usually August–October),
 * and flip that year's status from 'provisional' to 'official'.
 */

export type CalendarYearStatus = 'official' | 'provisional';

export interface TransferredDayOff {
  /** The weekday that becomes a day off. */
  date: string;
  /** The weekend day (or weekend holiday) whose rest moves here. */
  from: string;
  basis: string;
}

export interface CalendarYearData {
  status: CalendarYearStatus;
  source: string;
  /** Non-working public holidays, ТК РФ ст.112 ч.1, including those that fall on a weekend. */
  holidays: readonly string[];
  transferredDaysOff: readonly TransferredDayOff[];
  /** Saturdays or Sundays that are working days by decree. */
  workingWeekendDays: readonly string[];
}

const TK_112_PART_2 = 'ТК РФ ст.112 ч.2: a weekend holiday moves to the next working day';

const statutoryHolidays = (y: number): string[] => [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => `${y}-01-0${d}`),
  `${y}-02-23`,
  `${y}-03-08`,
  `${y}-05-01`,
  `${y}-05-09`,
  `${y}-06-12`,
  `${y}-11-04`,
];

export const RU_PRODUCTION_CALENDAR: Readonly<Record<number, CalendarYearData>> = {
  2025: {
    status: 'official',
    source:
      'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году». ' +
      '247 working days. Feb 24 and Mar 10 stay working: the decree moved Feb 23 and Mar 8 elsewhere.',
    holidays: statutoryHolidays(2025),
    transferredDaysOff: [
      { date: '2025-05-02', from: '2025-01-04', basis: 'Постановление № 1335' },
      { date: '2025-12-31', from: '2025-01-05', basis: 'Постановление № 1335' },
      { date: '2025-05-08', from: '2025-02-23', basis: 'Постановление № 1335' },
      { date: '2025-06-13', from: '2025-03-08', basis: 'Постановление № 1335' },
      { date: '2025-11-03', from: '2025-11-01', basis: 'Постановление № 1335' },
    ],
    workingWeekendDays: ['2025-11-01'],
  },
  2026: {
    status: 'official',
    source:
      'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году» ' +
      '(date and content checked against the Government press release; the number was taken from ' +
      'press reports, check it at publication.pravo.gov.ru). 247 working days.',
    holidays: statutoryHolidays(2026),
    transferredDaysOff: [
      { date: '2026-01-09', from: '2026-01-03', basis: 'Постановление № 1466' },
      { date: '2026-12-31', from: '2026-01-04', basis: 'Постановление № 1466' },
      { date: '2026-03-09', from: '2026-03-08', basis: TK_112_PART_2 },
      { date: '2026-05-11', from: '2026-05-09', basis: TK_112_PART_2 },
    ],
    workingWeekendDays: [],
  },
  2027: {
    status: 'provisional',
    source:
      'PROVISIONAL: no decree for 2027 was known when this file was written. Derived from ТК РФ ст.112 ' +
      'only: holidays plus the automatic weekend shift (May 1 → May 3, May 9 → May 10, Jun 12 → Jun 14). ' +
      'The Government will also move Jan 2–3 (weekend days inside the New Year holidays, which ст.112 ' +
      'does not shift by itself) and may add other transfers (a deputy spoke in Dec 2025 of Nov 4–7 off and ' +
      'Saturday Nov 13 working: not a decree, not used); replace this entry with the 2027 decree.',
    holidays: statutoryHolidays(2027),
    transferredDaysOff: [
      { date: '2027-05-03', from: '2027-05-01', basis: TK_112_PART_2 },
      { date: '2027-05-10', from: '2027-05-09', basis: TK_112_PART_2 },
      { date: '2027-06-14', from: '2027-06-12', basis: TK_112_PART_2 },
    ],
    workingWeekendDays: [],
  },
};
