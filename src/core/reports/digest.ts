/**
 * Numbers for the head: the daily digest and the weekly analytical note. Numbers only; texts with
 * personal data never leave here (topics are words counted across appeals, contacts masked).
 */
import { OPEN_STATUSES } from '../appeals/lifecycle.ts';
import type { CoreDeps } from '../deps.ts';
import type { Appeal } from '../model.ts';
import type { Repositories } from '../ports.ts';
import { maskContacts } from '../text/contacts.ts';
import { DEFAULT_PUBLIC_ANSWER_LIMIT_HOURS, type IncidentDigest, incidentDigest } from './incidents.ts';
import { topTopics } from './topics.ts';

const DAY_MS = 86_400_000;
const MAX_ROWS = 100_000;

export interface Counted {
  key: string;
  count: number;
}

export interface DigestData {
  kind: 'daily' | 'weekly';
  from: Date;
  to: Date;
  created: number;
  answered: number;
  overdueNow: number;
  /** Share of appeals answered in the period that were answered by their deadline; null when none. */
  onTimeShare: number | null;
  bySector: Array<{ sector: string; created: number; answered: number; overdue: number }>;
  bySource: Counted[];
  hotSpots: Counted[];
  topTopics: Array<Counted & { share: number }>;
  overdueByExecutor: Counted[];
  /** The previous period of the same length (day or week). */
  previous: { created: number; answered: number };
  /** Daily digest only: the mean of the 7 days before. */
  avg7: { created: number; answered: number } | null;
  /** Monitor incidents created in the period and their public answers; null when there were none. */
  incidents: IncidentDigest | null;
}

function countBy(items: Appeal[], key: (a: Appeal) => string | null): Counted[] {
  const m = new Map<string, number>();
  for (const a of items) {
    const k = key(a);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const within = (d: Date | null, from: Date, to: Date) => d !== null && d >= from && d < to;

function periodCounts(all: Appeal[], from: Date, to: Date) {
  return {
    created: all.filter((a) => within(a.createdAt, from, to)).length,
    answered: all.filter((a) => within(a.answeredAt, from, to)).length,
  };
}

export async function buildDigest(
  deps: CoreDeps,
  tx: Repositories,
  o: { kind: 'daily' | 'weekly'; now: Date },
): Promise<DigestData> {
  const span = o.kind === 'daily' ? DAY_MS : 7 * DAY_MS;
  const to = o.now;
  const from = new Date(to.getTime() - span);
  const history = new Date(to.getTime() - Math.max(2 * span, 8 * DAY_MS));
  const all = await tx.appeals.list({ createdAfter: history, limit: MAX_ROWS });
  const open = await tx.appeals.list({ statuses: OPEN_STATUSES, dueBefore: to, limit: MAX_ROWS });
  const created = all.filter((a) => within(a.createdAt, from, to));
  const answered = all.filter((a) => within(a.answeredAt, from, to));
  const sectors = new Set([...created, ...answered, ...open].map((a) => a.sector));
  const avg = periodCounts(all, new Date(from.getTime() - 7 * DAY_MS), from);
  const incidents = await incidentDigest(tx, all, {
    from,
    to,
    previousFrom: o.kind === 'weekly' ? new Date(from.getTime() - span) : null,
    limitHours: deps.settings.publicAnswerLimitHours ?? DEFAULT_PUBLIC_ANSWER_LIMIT_HOURS,
  });
  return {
    kind: o.kind,
    from,
    to,
    created: created.length,
    answered: answered.length,
    overdueNow: open.length,
    onTimeShare: answered.length
      ? answered.filter((a) => a.answeredAt! <= a.dueAt).length / answered.length
      : null,
    bySector: [...sectors].sort().map((sector) => ({
      sector,
      created: created.filter((a) => a.sector === sector).length,
      answered: answered.filter((a) => a.sector === sector).length,
      overdue: open.filter((a) => a.sector === sector).length,
    })),
    bySource: countBy(created, (a) => a.channel),
    hotSpots: countBy(created, (a) => a.settlement).slice(0, 5),
    topTopics: topTopics(
      created.map((a) => maskContacts(a.text)),
      5,
    ),
    overdueByExecutor: countBy(open, (a) => a.assigneeId ?? '(не назначен)'),
    previous: periodCounts(all, new Date(from.getTime() - span), from),
    avg7: o.kind === 'daily' ? { created: avg.created / 7, answered: avg.answered / 7 } : null,
    incidents,
  };
}
