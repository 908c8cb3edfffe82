/**
 * Plain messages in the staff group. Only two mean something: the next message after «Уточнить»,
 * «Ответить» or «Дубль», and a reply to a staff card (an answer to the resident). Everything else is
 * colleagues talking, and is left alone.
 */

import { parseAppealNumber } from '../../../core/appeals/number.ts';
import { answerAppeal, askResident, markDuplicate } from '../../../core/appeals/staff-actions.ts';
import { civilDateOf, yearOf } from '../../../core/deadlines/zoned-time.ts';
import type { StaffMode } from '../../../core/ports.ts';
import { say, type TgContext } from '../context.ts';
import { DONE, tgTexts } from '../texts.ts';
import type { ParsedMessage } from '../to-inbound.ts';
import { staffByTelegram } from './access.ts';
import { onAppeal, type StaffCtx } from './act.ts';
import { CARD_HEADER } from './card.ts';
import { takeMode } from './modes.ts';

/** The appeal number of the card this message replies to, if it replies to a card. */
export function repliedCardNumber(ctx: TgContext, m: ParsedMessage): string | null {
  const match = m.replyTo ? CARD_HEADER.exec(m.replyTo.text) : null;
  if (!match) return null;
  const year = yearOf(civilDateOf(ctx.deps.clock.now(), ctx.deps.settings.timeZone));
  return parseAppealNumber(match[1]!, year);
}

function completeMode(s: StaffCtx, mode: StaffMode, text: string) {
  const { deps, tx, staff } = s;
  if (mode.kind === 'ask') {
    return onAppeal(s, mode.appealId, 'act', (a) => askResident(deps, tx, a.id, text, staff.id), DONE.asked);
  }
  if (mode.kind === 'reply') {
    return onAppeal(
      s,
      mode.appealId,
      'act',
      (a) => answerAppeal(deps, tx, a.id, text, staff.id),
      DONE.answered,
    );
  }
  const original = text.split(/\s+/).find((w) => /\d/.test(w)) ?? text;
  return onAppeal(
    s,
    mode.appealId,
    'act',
    (a) => markDuplicate(deps, tx, a.id, original, staff.id),
    DONE.duplicate,
  );
}

export async function staffMessage(ctx: TgContext, m: ParsedMessage) {
  const cardNumber = repliedCardNumber(ctx, m);
  const staff = await staffByTelegram(ctx.tx, m.from.id);
  if (!staff) {
    // A stranger answering a card is trying to act; a stranger chatting is none of our business.
    if (cardNumber) await say(ctx, m.chat.id, tgTexts.staffOnly());
    return;
  }
  if (!m.text) return;
  const s: StaffCtx = { ...ctx, staff, chatId: m.chat.id };
  const mode = await takeMode(ctx, staff.id, m.chat.id);
  if (mode) return void (await completeMode(s, mode, m.text));
  if (cardNumber) {
    await onAppeal(
      s,
      cardNumber,
      'act',
      (a) => answerAppeal(ctx.deps, ctx.tx, a.id, m.text, staff.id),
      DONE.answered,
    );
  }
}
