/** A resident's button presses: «Согласен», «Проблема решена?» Да/Нет, the 1–5 rating. */
import { rateAppeal, residentSolved } from '../../../core/appeals/resident-actions.ts';
import { giveConsent } from '../../../core/conversation/resident-inbound.ts';
import type { Appeal } from '../../../core/model.ts';
import { textsRu } from '../../../core/texts-ru.ts';
import { say, type VkContext } from '../context.ts';
import { CHANNEL } from '../receive.ts';
import { vkTexts } from '../texts.ts';
import type { VkMessage } from '../to-inbound.ts';

/** The appeal, if the presser is the resident who wrote it; otherwise a polite refusal and null. */
async function ownAppeal(ctx: VkContext, m: VkMessage, appealId: number): Promise<Appeal | null> {
  const appeal = await ctx.tx.appeals.get(appealId);
  const resident = await ctx.tx.residents.findByExternal(CHANNEL, m.fromId);
  if (appeal && resident && appeal.residentId === resident.id) return appeal;
  ctx.log.warn({ peerId: m.peerId, appealId }, 'vk: button for an appeal of someone else');
  await say(ctx, m.peerId, appeal ? textsRu.notYours() : vkTexts.notFound());
  return null;
}

async function solved(ctx: VkContext, m: VkMessage, yes: boolean, appealId: number) {
  const appeal = await ownAppeal(ctx, m, appealId);
  if (!appeal) return;
  // «Да» only makes sense for an answered appeal; «Нет» may also reopen a closed one.
  const allowed = yes
    ? appeal.status === 'answered' && appeal.rating === null
    : ['answered', 'closed'].includes(appeal.status);
  if (!allowed) return say(ctx, m.peerId, textsRu.alreadyDone());
  await residentSolved(ctx.deps, ctx.tx, appeal.id, yes);
}

async function rate(ctx: VkContext, m: VkMessage, rating: number, appealId: number) {
  const appeal = await ownAppeal(ctx, m, appealId);
  if (!appeal) return;
  if (appeal.rating !== null) return say(ctx, m.peerId, textsRu.alreadyRated());
  await rateAppeal(ctx.deps, ctx.tx, appeal.id, rating);
}

/** True when the button was one of ours and has been handled. */
export async function residentButton(ctx: VkContext, m: VkMessage, id: string): Promise<boolean> {
  if (id === 'consent') {
    const sender = { externalId: m.fromId, chatId: m.peerId, name: m.name };
    const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
    await giveConsent(ctx.deps, ctx.tx, CHANNEL, sender, options);
    return true;
  }
  const s = /^solved:(yes|no):(\d+)$/.exec(id);
  if (s) {
    await solved(ctx, m, s[1] === 'yes', Number(s[2]));
    return true;
  }
  const r = /^rate:([1-5]):(\d+)$/.exec(id);
  if (r) {
    await rate(ctx, m, Number(r[1]), Number(r[2]));
    return true;
  }
  return false;
}
