/** Due-soon and overdue work, the inputs of reminders and escalation. */
import { OPEN_STATUSES } from '../appeals/lifecycle.ts';
import type { Appeal } from '../model.ts';
import type { AppealRepository } from '../ports.ts';
import { dueSoonThreshold } from './urgency.ts';

const HOUR_MS = 3_600_000;

/** Open appeals past their deadline, oldest deadline first. */
export async function overdueAppeals(appeals: AppealRepository, now: Date, limit = 500): Promise<Appeal[]> {
  const rows = await appeals.list({ statuses: OPEN_STATUSES, dueBefore: now, limit, order: 'dueAt' });
  return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Open appeals whose deadline falls within their regime's due-soon window (message 4 h, incident 2 h…). */
export async function dueSoonAppeals(appeals: AppealRepository, now: Date, limit = 500): Promise<Appeal[]> {
  const widestMs = 72 * HOUR_MS;
  const rows = await appeals.list({
    statuses: OPEN_STATUSES,
    dueAfter: now,
    dueBefore: new Date(now.getTime() + widestMs),
    limit,
    order: 'dueAt',
  });
  return rows
    .filter((a) => a.dueAt.getTime() - now.getTime() <= dueSoonThreshold(a.kind).dueSoonHours * HOUR_MS)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
