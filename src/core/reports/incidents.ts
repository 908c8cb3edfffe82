/**
 * The incidents block of the digests: how soon the public answer appeared under the posts. Regions
 * judge the monitor by this («Инцидент Менеджмент»: within 24 h of the post, targets often 8 h), and
 * it is the public answer that counts, not the appeal's status. Numbers only: no post texts or authors.
 */
import type { Appeal, AppealEvent } from '../model.ts';
import { firstPublicAnswer } from '../monitor/public-answer.ts';
import type { Repositories } from '../ports.ts';

const HOUR_MS = 3_600_000;

/** The regions' rule when the configuration names none; the incident regime's dueAt uses the same 24 h. */
export const DEFAULT_PUBLIC_ANSWER_LIMIT_HOURS = 24;

/** Marked spam or merged into another appeal: no public answer is owed under its post. */
const DISMISSED = new Set<string>(['rejected', 'duplicate']);

export interface IncidentStats {
  created: number;
  /** Incidents with a public answer by the end of the period. */
  answered: number;
  /** Hours from the post to the first public answer; null when none was answered. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Answered, but later than the limit. */
  answeredLate: number;
  /** Still without a public answer at the end of the period (dismissed ones aside). */
  unanswered: number;
  unansweredPastLimit: number;
  /** Marked spam or duplicate without a public answer. */
  dismissed: number;
}

export interface IncidentDigest extends IncidentStats {
  limitHours: number;
  /** Weekly note only: the week before, as it stood at its own end. */
  previous: { created: number; medianHours: number | null } | null;
}

/**
 * The post's time. The monitor registers an incident with its first post's time as receivedAt (a
 * source that gives no time stores when it read the post), so it is never missing; createdAt is when
 * the post was processed, and the incident's 24 h deadline is counted from receivedAt as well.
 */
const postedAt = (a: Appeal) => a.receivedAt.getTime();

/** Linear interpolation between the closest ranks (as a spreadsheet's PERCENTILE.INC). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** When each incident first got a public answer (a failed wall comment is not one). */
async function firstAnswers(tx: Repositories, incidents: Appeal[]): Promise<Map<number, number>> {
  const notes = await tx.appeals.eventsOf(
    incidents.map((a) => a.id),
    'note',
  );
  const byAppeal = new Map<number, AppealEvent[]>();
  for (const e of notes) {
    const list = byAppeal.get(e.appealId);
    if (list) list.push(e);
    else byAppeal.set(e.appealId, [e]);
  }
  const answers = new Map<number, number>();
  for (const [id, events] of byAppeal) {
    const first = firstPublicAnswer(events);
    if (first) answers.set(id, Date.parse(first.publicAnswerAt));
  }
  return answers;
}

/** The figures as they stood at `end`: answers recorded later do not count yet. */
export function incidentStats(
  incidents: Appeal[],
  answers: Map<number, number>,
  end: Date,
  limitHours: number,
): IncidentStats {
  const hours: number[] = [];
  let unanswered = 0;
  let unansweredPastLimit = 0;
  let dismissed = 0;
  for (const a of incidents) {
    const at = answers.get(a.id);
    if (at !== undefined && at < end.getTime()) {
      hours.push((at - postedAt(a)) / HOUR_MS);
    } else if (DISMISSED.has(a.status)) {
      dismissed += 1;
    } else {
      unanswered += 1;
      if (end.getTime() - postedAt(a) > limitHours * HOUR_MS) unansweredPastLimit += 1;
    }
  }
  hours.sort((x, y) => x - y);
  return {
    created: incidents.length,
    answered: hours.length,
    medianHours: percentile(hours, 0.5),
    p90Hours: percentile(hours, 0.9),
    answeredLate: hours.filter((h) => h > limitHours).length,
    unanswered,
    unansweredPastLimit,
    dismissed,
  };
}

/**
 * The block for incidents created in [from, to); null when there were none. With `previousFrom`
 * (weekly), the week before is measured as it stood at `from`, so the change compares like with
 * like: neither week counts answers given after it ended.
 */
export async function incidentDigest(
  tx: Repositories,
  all: Appeal[],
  o: { from: Date; to: Date; previousFrom: Date | null; limitHours: number },
): Promise<IncidentDigest | null> {
  const createdIn = (a: Appeal, from: Date, to: Date) =>
    a.kind === 'incident' && a.createdAt >= from && a.createdAt < to;
  const current = all.filter((a) => createdIn(a, o.from, o.to));
  if (current.length === 0) return null;
  const before = o.previousFrom ? all.filter((a) => createdIn(a, o.previousFrom!, o.from)) : [];
  const answers = await firstAnswers(tx, [...current, ...before]);
  const previous = o.previousFrom ? incidentStats(before, answers, o.from, o.limitHours) : null;
  return {
    ...incidentStats(current, answers, o.to, o.limitHours),
    limitHours: o.limitHours,
    previous: previous && { created: previous.created, medianHours: previous.medianHours },
  };
}
