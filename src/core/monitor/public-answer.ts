/**
 * The public answer to an incident goes where the posts are. On the community's own wall it is a
 * comment from the community (an outbox 'wall_comment' for VK); elsewhere staff answer by hand under
 * the posts and confirm it. Either way the time of the public answer is recorded as a 'note' event.
 */
import type { CoreDeps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Appeal } from '../model.ts';
import { staffCard } from '../notify.ts';
import type { NewOutboxMessage, Repositories } from '../ports.ts';

export const WALL_COMMENT_KIND = 'wall_comment';

/** The note's data: when and where the answer became public. */
export interface PublicAnswerNote {
  publicAnswerAt: string;
  where: string[];
  via: 'wall_comment' | 'manual';
}

export function publicAnswerOf(data: Record<string, unknown> | null): PublicAnswerNote | null {
  return data && typeof data.publicAnswerAt === 'string' ? (data as unknown as PublicAnswerNote) : null;
}

/** The time and place of the public answer, kept as an event on the incident. */
async function recordPublicAnswer(
  deps: CoreDeps,
  tx: Repositories,
  appealId: number,
  actor: string,
  answer: Omit<PublicAnswerNote, 'publicAnswerAt'>,
): Promise<void> {
  const at = deps.clock.now();
  const note: PublicAnswerNote = { publicAnswerAt: at.toISOString(), ...answer };
  await tx.appeals.addEvent({
    appealId,
    type: 'note',
    fromStatus: null,
    toStatus: null,
    actor,
    data: { ...note },
    at,
  });
}

/** Wall comments for an answered incident whose posts are on the community's own wall. */
export async function publicAnswerMessages(
  deps: CoreDeps,
  tx: Repositories,
  appeal: Appeal,
  text: string,
  actor: string,
): Promise<NewOutboxMessage[]> {
  if (appeal.kind !== 'incident') return [];
  const own = (await tx.monitor.postsOf(appeal.id)).filter((p) => p.ownWall);
  if (own.length === 0) return [];
  await recordPublicAnswer(deps, tx, appeal.id, actor, { where: own.map((p) => p.url), via: 'wall_comment' });
  return own.map((p) => {
    const [ownerId, postId] = p.externalId.split('_').map(Number);
    return {
      channel: 'vk',
      chatId: String(ownerId),
      kind: WALL_COMMENT_KIND,
      payload: { ownerId, postId, message: text },
      appealId: appeal.id,
    };
  });
}

/** Staff say they answered under the posts by hand («Ответ опубликован»). */
export async function confirmPublished(deps: CoreDeps, tx: Repositories, appealId: number, staffId: string) {
  const appeal = await tx.appeals.get(appealId);
  if (!appeal) throw new NotFoundError('Appeal', { appealId });
  const posts = await tx.monitor.postsOf(appeal.id);
  await recordPublicAnswer(deps, tx, appeal.id, `staff:${staffId}`, {
    where: posts.map((p) => p.url),
    via: 'manual',
  });
  const card = staffCard(deps, appeal);
  if (card) await tx.outbox.enqueue(card, deps.clock.now());
  return appeal;
}
