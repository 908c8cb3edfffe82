/** A resident's button presses: «Согласен», «Проблема решена?» Да/Нет, the 1–5 rating. */
import { type ButtonRefusal, pressResidentButton } from '../../../core/appeals/resident-buttons.ts';
import { giveConsent } from '../../../core/conversation/resident-inbound.ts';
import { textsRu } from '../../../core/texts-ru.ts';
import { say, type VkContext } from '../context.ts';
import { CHANNEL } from '../receive.ts';
import { vkTexts } from '../texts.ts';
import type { VkMessage } from '../to-inbound.ts';

const REFUSALS: Record<ButtonRefusal, () => string> = {
  not_found: () => vkTexts.notFound(),
  not_yours: () => textsRu.notYours(),
  already_done: () => textsRu.alreadyDone(),
  already_rated: () => textsRu.alreadyRated(),
};

/** True when the button was one of ours and has been handled. */
export async function residentButton(ctx: VkContext, m: VkMessage, id: string): Promise<boolean> {
  if (id === 'consent') {
    const sender = { externalId: m.fromId, chatId: m.peerId, name: m.name };
    const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
    await giveConsent(ctx.deps, ctx.tx, CHANNEL, sender, options);
    return true;
  }
  const outcome = await pressResidentButton(ctx.deps, ctx.tx, { channel: CHANNEL, externalId: m.fromId }, id);
  if (outcome.kind === 'unknown') return false;
  if (outcome.kind === 'refused') {
    if (outcome.why !== 'already_done' && outcome.why !== 'already_rated')
      ctx.log.warn(
        { peerId: m.peerId, appealId: outcome.appealId },
        'vk: button for an appeal of someone else',
      );
    await say(ctx, m.peerId, REFUSALS[outcome.why]());
  }
  return true;
}
