/** What every Telegram conversation step gets: the core, the settings, this transaction, and helpers. */

import { type AppealStatus, STATUS_NAMES_RU } from '../../core/appeals/lifecycle.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError, IllegalTransitionError, NotFoundError } from '../../core/errors.ts';
import { toChat } from '../../core/notify.ts';
import type { Repositories } from '../../core/ports.ts';
import type { Button } from '../../core/texts-ru.ts';
import type { TelegramSettings } from './settings.ts';
import type { StaffModes } from './staff/modes.ts';
import { tgTexts } from './texts.ts';

export const CHANNEL = 'telegram';

export interface TgContext {
  deps: CoreDeps;
  settings: TelegramSettings;
  tx: Repositories;
  modes: StaffModes;
  /** The inbox event being handled: makes per-user mode changes idempotent across retries. */
  eventId: number;
}

/** Queues a text to a chat; the sender turns buttons into an inline keyboard. */
export async function say(ctx: TgContext, chatId: string, text: string, buttons: Button[][] = []) {
  const message = toChat(CHANNEL, chatId, text);
  await ctx.tx.outbox.enqueue({ ...message, payload: { text, buttons } }, ctx.deps.clock.now());
}

/** The user's mistake, said politely; anything else is a real failure and is rethrown. */
export function politeError(error: unknown): string | null {
  if (error instanceof NotFoundError) {
    const ref = error.context.ref ?? error.context.assigneeId;
    return error.context.assigneeId ? tgTexts.unknownStaff(String(ref)) : tgTexts.notFound(String(ref ?? ''));
  }
  if (error instanceof IllegalTransitionError) {
    const { number, from } = error.context as { number: string; from: AppealStatus };
    return tgTexts.illegal(number, STATUS_NAMES_RU[from] ?? from);
  }
  if (error instanceof DomainError) return tgTexts.invalid();
  return null;
}

/** Runs one step; a domain error becomes a polite reply in `chatId` instead of failing the batch. */
export async function politely(ctx: TgContext, chatId: string, step: () => Promise<void>) {
  try {
    await step();
  } catch (error) {
    const text = politeError(error);
    if (text === null) throw error;
    await say(ctx, chatId, text);
  }
}
