/** A resident's button presses: «Согласен», «Проблема решена?» Да/Нет, the 1–5 rating. */
import { rateAppeal, residentSolved } from '../../../core/appeals/resident-actions.ts';
import { giveConsent } from '../../../core/conversation/resident-inbound.ts';
import type { Appeal } from '../../../core/model.ts';
import { textsRu } from '../../../core/texts-ru.ts';
import { CHANNEL, say, type TgContext } from '../context.ts';
import { tgTexts } from '../texts.ts';
import type { UserRef } from '../to-inbound.ts';

/** The appeal, if the presser is the resident who wrote it; otherwise a polite refusal and null. */
async function ownAppeal(
  ctx: TgContext,
  chatId: string,
  from: UserRef,
  appealId: number,
): Promise<Appeal | null> {
  const appeal = await ctx.tx.appeals.get(appealId);
  const resident = await ctx.tx.residents.findByExternal(CHANNEL, from.id);
  if (appeal && resident && appeal.residentId === resident.id) return appeal;
  await say(ctx, chatId, appeal ? textsRu.notYours() : tgTexts.notFound(String(appealId)));
  return null;
}

async function solved(ctx: TgContext, chatId: string, from: UserRef, yes: boolean, appealId: number) {
  const appeal = await ownAppeal(ctx, chatId, from, appealId);
  if (!appeal) return;
  // «Да» only makes sense for an answered appeal; «Нет» may also reopen a closed one.
  const allowed = yes
    ? appeal.status === 'answered' && appeal.rating === null
    : ['answered', 'closed'].includes(appeal.status);
  if (!allowed) return say(ctx, chatId, textsRu.alreadyDone());
  await residentSolved(ctx.deps, ctx.tx, appeal.id, yes);
}

async function rate(ctx: TgContext, chatId: string, from: UserRef, rating: number, appealId: number) {
  const appeal = await ownAppeal(ctx, chatId, from, appealId);
  if (!appeal) return;
  if (appeal.rating !== null) return say(ctx, chatId, textsRu.alreadyRated());
  await rateAppeal(ctx.deps, ctx.tx, appeal.id, rating);
}

export async function residentCallback(ctx: TgContext, chatId: string, from: UserRef, data: string) {
  if (data === 'consent') {
    const sender = { externalId: from.id, chatId, name: from.name };
    const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
    await giveConsent(ctx.deps, ctx.tx, CHANNEL, sender, options);
    return;
  }
  const s = /^solved:(yes|no):(\d+)$/.exec(data);
  if (s) return solved(ctx, chatId, from, s[1] === 'yes', Number(s[2]));
  const r = /^rate:(\d):(\d+)$/.exec(data);
  if (r) return rate(ctx, chatId, from, Number(r[1]), Number(r[2]));
  // Stale or foreign buttons (e.g. a staff button forwarded into a private chat) do nothing.
}
