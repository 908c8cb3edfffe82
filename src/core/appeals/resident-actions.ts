/** What the resident does after registration: answers a question, says whether it is solved, rates. */
import type { CoreDeps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import type { Appeal } from '../model.ts';
import { compact, toChat } from '../notify.ts';
import type { Repositories } from '../ports.ts';
import { ratingButtons, textsRu } from '../texts-ru.ts';
import { changeStatus, findAppeal } from './transition.ts';

const residentActor = (a: Appeal) => `resident:${a.residentId ?? 'unknown'}`;

/** The resident's reply to a staff question goes back to the appeal and its card. */
export async function residentReply(deps: CoreDeps, tx: Repositories, appealId: number, text: string) {
  const appeal = await findAppeal(deps, tx, appealId);
  const to = appeal.status === 'needs_info' ? 'in_progress' : appeal.status;
  return changeStatus(deps, tx, appeal, to, {
    actor: residentActor(appeal),
    eventType: 'resident_reply',
    data: { text },
    residentText: `Спасибо, уточнение передано исполнителю (обращение № ${appeal.number}).`,
  });
}

/** «Проблема решена?» — yes asks for a rating, no reopens and alerts the block head. */
export async function residentSolved(deps: CoreDeps, tx: Repositories, appealId: number, solved: boolean) {
  const appeal = await findAppeal(deps, tx, appealId);
  if (solved) {
    await tx.appeals.addEvent({
      appealId,
      type: 'note',
      fromStatus: appeal.status,
      toStatus: appeal.status,
      actor: residentActor(appeal),
      data: { solved: true },
      at: deps.clock.now(),
    });
    return changeStatus(deps, tx, appeal, appeal.status, {
      actor: residentActor(appeal),
      residentText: textsRu.askRating(appeal),
      residentButtons: ratingButtons(appeal),
    });
  }
  const heads = await blockHeadChats(deps, tx, appeal);
  return changeStatus(deps, tx, appeal, 'reopened', {
    actor: residentActor(appeal),
    data: { solved: false },
    patch: { closedAt: null },
    residentText: textsRu.reopened(appeal),
    extra: heads.map((chatId) =>
      toChat(
        'telegram',
        chatId,
        `Житель сообщает, что проблема по обращению № ${appeal.number} не решена. Обращение возобновлено.`,
      ),
    ),
  });
}

export async function rateAppeal(deps: CoreDeps, tx: Repositories, appealId: number, rating: number) {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new ValidationError('A rating is a whole number from 1 to 5', { rating });
  }
  const appeal = await findAppeal(deps, tx, appealId);
  const to = appeal.status === 'answered' ? 'closed' : appeal.status;
  return changeStatus(deps, tx, appeal, to, {
    actor: residentActor(appeal),
    eventType: 'rating',
    data: { rating },
    patch: { rating, closedAt: to === 'closed' ? deps.clock.now() : appeal.closedAt },
    residentText: textsRu.thanksForRating(),
  });
}

/** Private Telegram chats of the sector's block heads (their ids from the config). */
async function blockHeadChats(deps: CoreDeps, tx: Repositories, appeal: Appeal): Promise<string[]> {
  const ids = deps.catalogue.byCode(appeal.sector)?.heads ?? [];
  const staff = await Promise.all(ids.map((id) => tx.staff.get(id)));
  return compact(staff.map((s) => (s?.active && s.telegramId ? s.telegramId : null)));
}
