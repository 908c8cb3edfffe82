/**
 * The public answer to an incident goes where the posts are. On the community's own wall it is a
 * comment from the community (an outbox 'wall_comment' for VK), recorded when VK confirms it (see
 * wall-comment-delivery.ts); elsewhere staff answer by hand under the posts and confirm it. Either
 * way the time of the public answer is recorded as a 'note' event, and only once it is true.
 */
import type { CoreDeps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Appeal, AppealEvent } from '../model.ts';
import { staffCard } from '../notify.ts';
import type { NewOutboxMessage, Repositories } from '../ports.ts';

export const WALL_COMMENT_KIND = 'wall_comment';

/** The note's data: when and where the answer became public. */
export interface PublicAnswerNote {
  publicAnswerAt: string;
  where: string[];
  via: 'wall_comment' | 'manual';
  /** The channel's id of the comment, when a channel posted it. */
  commentId?: string;
}

/** The note's data when a wall comment was given up: staff must answer by hand. */
export interface PublicAnswerFailureNote {
  publicAnswerFailedAt: string;
  where: string[];
  reason: string;
  outboxId: number;
}

export function publicAnswerOf(data: Record<string, unknown> | null): PublicAnswerNote | null {
  return data && typeof data.publicAnswerAt === 'string' ? (data as unknown as PublicAnswerNote) : null;
}

export function publicAnswerFailureOf(data: Record<string, unknown> | null): PublicAnswerFailureNote | null {
  return data && typeof data.publicAnswerFailedAt === 'string'
    ? (data as unknown as PublicAnswerFailureNote)
    : null;
}

/** The first public answer in an appeal's history: what the 8 h / 24 h targets are measured by. */
export function firstPublicAnswer(events: AppealEvent[]): PublicAnswerNote | null {
  for (const e of events) {
    const note = e.type === 'note' ? publicAnswerOf(e.data) : null;
    if (note) return note;
  }
  return null;
}

/** The latest failed wall comment, if any. */
export function lastPublicAnswerFailure(events: AppealEvent[]): PublicAnswerFailureNote | null {
  return (
    events.map((e) => (e.type === 'note' ? publicAnswerFailureOf(e.data) : null)).findLast(Boolean) ?? null
  );
}

/** A note on the incident: no status change, just a fact with its time. */
async function addNote(tx: Repositories, appealId: number, actor: string, at: Date, data: object) {
  await tx.appeals.addEvent({
    appealId,
    type: 'note',
    fromStatus: null,
    toStatus: null,
    actor,
    data: { ...data },
    at,
  });
}

/** The time and place of the public answer, kept as an event on the incident. */
export async function recordPublicAnswer(
  tx: Repositories,
  appealId: number,
  actor: string,
  at: Date,
  answer: Omit<PublicAnswerNote, 'publicAnswerAt'>,
): Promise<void> {
  const note: PublicAnswerNote = { publicAnswerAt: at.toISOString(), ...answer };
  await addNote(tx, appealId, actor, at, note);
}

/** A wall comment given up: why, so the card can offer «Ответ опубликован» again. */
export async function recordPublicAnswerFailure(
  tx: Repositories,
  appealId: number,
  at: Date,
  failure: Omit<PublicAnswerFailureNote, 'publicAnswerFailedAt'>,
): Promise<void> {
  const note: PublicAnswerFailureNote = { publicAnswerFailedAt: at.toISOString(), ...failure };
  await addNote(tx, appealId, 'system', at, note);
}

/**
 * Wall comments for an answered incident whose posts are on the community's own wall. Nothing is
 * recorded yet: a queued comment is not a public answer until VK has posted it.
 */
export async function publicAnswerMessages(
  tx: Repositories,
  appeal: Appeal,
  text: string,
  actor: string,
): Promise<NewOutboxMessage[]> {
  if (appeal.kind !== 'incident') return [];
  const own = (await tx.monitor.postsOf(appeal.id)).filter((p) => p.ownWall);
  return own.map((p) => {
    const [ownerId, postId] = p.externalId.split('_').map(Number);
    return {
      channel: 'vk',
      chatId: String(ownerId),
      kind: WALL_COMMENT_KIND,
      // postUrl and by: what the delivery hook records once VK has answered.
      payload: { ownerId, postId, message: text, postUrl: p.url, by: actor },
      appealId: appeal.id,
    };
  });
}

/** Staff say they answered under the posts by hand («Ответ опубликован»): the time is now. */
export async function confirmPublished(deps: CoreDeps, tx: Repositories, appealId: number, staffId: string) {
  const appeal = await tx.appeals.get(appealId);
  if (!appeal) throw new NotFoundError('Appeal', { appealId });
  const posts = await tx.monitor.postsOf(appeal.id);
  await recordPublicAnswer(tx, appeal.id, `staff:${staffId}`, deps.clock.now(), {
    where: posts.map((p) => p.url),
    via: 'manual',
  });
  const card = staffCard(deps, appeal);
  if (card) await tx.outbox.enqueue(card, deps.clock.now());
  return appeal;
}
