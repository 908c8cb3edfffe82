/** What every Telegram conversation step gets: the core, the settings, this transaction, and helpers. */

import { type AppealStatus, STATUS_NAMES_RU } from '../../core/appeals/lifecycle.ts';
import { type DomainError, IllegalTransitionError, NotFoundError } from '../../core/errors.ts';
import type { Button } from '../../core/texts-ru.ts';
import { politelyWith, type ReplyScope, sayIn } from '../shared/reply.ts';
import type { TelegramSettings } from './settings.ts';
import { tgTexts } from './texts.ts';

export const CHANNEL = 'telegram';

export interface TgContext extends ReplyScope {
  settings: TelegramSettings;
  /** The inbox event being handled: makes per-user mode changes idempotent across retries. */
  eventId: number;
}

/** Queues a text to a chat; the sender turns buttons into an inline keyboard. */
export async function say(ctx: TgContext, chatId: string, text: string, buttons: Button[][] = []) {
  await sayIn(ctx, CHANNEL, chatId, text, buttons);
}

/** The user's mistake, said politely: staff commands name the appeal or the status that stood in the way. */
export function politeError(error: DomainError): string {
  if (error instanceof NotFoundError) {
    const ref = error.context.ref ?? error.context.assigneeId;
    return error.context.assigneeId ? tgTexts.unknownStaff(String(ref)) : tgTexts.notFound(String(ref ?? ''));
  }
  if (error instanceof IllegalTransitionError) {
    const { number, from } = error.context as { number: string; from: AppealStatus };
    return tgTexts.illegal(number, STATUS_NAMES_RU[from] ?? from);
  }
  return tgTexts.invalid();
}

/** Runs one step; a domain error becomes a polite reply in `chatId` instead of failing the batch. */
export async function politely(ctx: TgContext, chatId: string, step: () => Promise<void>) {
  await politelyWith(step, (error) => say(ctx, chatId, politeError(error)));
}
