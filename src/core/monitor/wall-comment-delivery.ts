/**
 * The outbox's word on a wall comment is what makes the incident publicly answered (or not). Sent:
 * the public answer is recorded at VK's confirmation, with the comment's id. Given up (post deleted,
 * comments closed, the token refused…): a failure note says why, and the staff chat of the sector is
 * told to answer by hand and press «Ответ опубликован» (confirmPublished), which records that time.
 */
import type { CoreDeps } from '../deps.ts';
import type { Appeal } from '../model.ts';
import { staffCard, toChat } from '../notify.ts';
import type { DeliveryHook } from '../outbox/delivery-hooks.ts';
import type { OutboxMessage, Repositories } from '../ports.ts';
import { recordPublicAnswer, recordPublicAnswerFailure } from './public-answer.ts';

/** The post the comment was meant for; rows queued before postUrl was kept name the post by its id. */
function postOf(m: OutboxMessage): string {
  const url = m.payload.postUrl;
  return typeof url === 'string' ? url : `${m.payload.ownerId}_${m.payload.postId}`;
}

async function incidentOf(tx: Repositories, m: OutboxMessage): Promise<Appeal | null> {
  return m.appealId === null ? null : tx.appeals.get(m.appealId);
}

/** The staff card again (it shows the answer or offers «Ответ опубликован»), after a notice in its chat. */
async function tellStaff(
  deps: CoreDeps,
  tx: Repositories,
  appeal: Appeal,
  at: Date,
  notice?: { text: string; dedupeKey: string },
) {
  const card = staffCard(deps, appeal);
  if (!card) return;
  if (notice) await tx.outbox.enqueue(toChat(card.channel, card.chatId, notice.text, notice.dedupeKey), at);
  await tx.outbox.enqueue(card, at);
}

export function failureText(appeal: Appeal, post: string, reason: string): string {
  return (
    `⚠️ Не удалось опубликовать ответ под постом ${post} по инциденту № ${appeal.number}: ${reason}. ` +
    'Ответьте вручную и подтвердите кнопкой «Ответ опубликован» на карточке инцидента.'
  );
}

export const wallCommentDelivery: DeliveryHook = {
  async onSent(deps, tx, m, externalId, at) {
    const appeal = await incidentOf(tx, m);
    if (!appeal) return;
    const actor = typeof m.payload.by === 'string' ? m.payload.by : 'system';
    await recordPublicAnswer(tx, appeal.id, actor, at, {
      where: [postOf(m)],
      via: 'wall_comment',
      ...(externalId ? { commentId: externalId } : {}),
    });
    await tellStaff(deps, tx, appeal, at);
  },

  async onDead(deps, tx, m, dead, at) {
    const appeal = await incidentOf(tx, m);
    if (!appeal) return;
    // A permanent refusal says why; attempts that ran out only have the last error.
    const reason = dead.reason ?? `повторные попытки исчерпаны (${dead.error})`;
    const post = postOf(m);
    await recordPublicAnswerFailure(tx, appeal.id, at, { where: [post], reason, outboxId: m.id });
    const text = failureText(appeal, post, reason);
    await tellStaff(deps, tx, appeal, at, { text, dedupeKey: `wall-comment-dead:${m.id}` });
  },
};
