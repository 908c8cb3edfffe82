/** A resident's button presses: «Согласен», «Проблема решена?» Да/Нет, the 1–5 rating. */
import { type ButtonRefusal, pressResidentButton } from '../../../core/appeals/resident-buttons.ts';
import { giveConsent } from '../../../core/conversation/resident-inbound.ts';
import { textsRu } from '../../../core/texts-ru.ts';
import { CHANNEL, say, type TgContext } from '../context.ts';
import { tgTexts } from '../texts.ts';
import type { UserRef } from '../to-inbound.ts';

const REFUSALS: Record<ButtonRefusal, (appealId: number) => string> = {
  not_found: (appealId) => tgTexts.notFound(String(appealId)),
  not_yours: () => textsRu.notYours(),
  already_done: () => textsRu.alreadyDone(),
  already_rated: () => textsRu.alreadyRated(),
};

export async function residentCallback(ctx: TgContext, chatId: string, from: UserRef, data: string) {
  if (data === 'consent') {
    const sender = { externalId: from.id, chatId, name: from.name };
    const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
    await giveConsent(ctx.deps, ctx.tx, CHANNEL, sender, options);
    return;
  }
  const outcome = await pressResidentButton(
    ctx.deps,
    ctx.tx,
    { channel: CHANNEL, externalId: from.id },
    data,
  );
  if (outcome.kind === 'refused') await say(ctx, chatId, REFUSALS[outcome.why](outcome.appealId));
  // Stale or foreign buttons (e.g. a staff button forwarded into a private chat) do nothing.
}
