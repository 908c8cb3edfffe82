/**
 * Delivers what the outbox holds for Telegram: plain texts with inline buttons, and staff cards that
 * are posted once and then edited in place. Failures become SendErrors the outbox knows how to treat.
 */
import type { Telegram } from 'telegraf';
import type { CoreDeps } from '../../core/deps.ts';
import type { ChannelSender } from '../../core/outbox/drain-outbox.ts';
import type { OutboxMessage } from '../../core/ports.ts';
import { linkedSignal, SendError } from '../../core/retry.ts';
import type { Button } from '../../core/texts-ru.ts';
import type { Logger } from '../../logger.ts';
import { callApi } from './api.ts';
import {
  classifySendError,
  describeError,
  EDIT_TARGET_GONE,
  isTelegramError,
  NOT_MODIFIED,
} from './errors.ts';
import type { TelegramSettings } from './settings.ts';
import { renderStaffCard } from './staff/card.ts';

/** Telegram refuses longer texts and callback data. */
const MAX_TEXT = 4096;
const MAX_CALLBACK_BYTES = 64;
/** A send that hangs this long is abandoned and retried later. */
const SEND_TIMEOUT_MS = 30_000;

interface SentMessage {
  message_id: number;
}

export function fitText(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** Inline keyboard from the core's abstract buttons; the button id is the callback data. */
export function inlineKeyboard(buttons: Button[][], logger: Pick<Logger, 'warn'>) {
  const rows = buttons
    .map((row) =>
      row.filter((b) => {
        const fits = Buffer.byteLength(b.id, 'utf8') <= MAX_CALLBACK_BYTES;
        // A too-long id is a bug upstream; dropping the button still delivers the message.
        if (!fits) logger.warn({ buttonId: b.id }, 'telegram: button id longer than 64 bytes dropped');
        return fits;
      }),
    )
    .filter((row) => row.length > 0)
    .map((row) => row.map((b) => ({ text: b.label, callback_data: b.id })));
  return rows.length ? { inline_keyboard: rows } : undefined;
}

export function createTelegramSender(
  deps: CoreDeps,
  telegram: Telegram,
  settings: Pick<TelegramSettings, 'groupIntervalMs' | 'privateIntervalMs'>,
  logger: Logger,
): ChannelSender {
  async function call<T>(method: string, payload: Record<string, unknown>, signal: AbortSignal): Promise<T> {
    const limit = linkedSignal([signal], SEND_TIMEOUT_MS);
    try {
      return await callApi<T>(telegram, method, payload, limit.signal);
    } finally {
      limit.dispose();
    }
  }

  async function sendText(chatId: string, text: string, buttons: Button[][], signal: AbortSignal) {
    const reply_markup = inlineKeyboard(buttons, logger);
    const sent = await call<SentMessage>(
      'sendMessage',
      { chat_id: chatId, text: fitText(text), reply_markup },
      signal,
    );
    return String(sent.message_id);
  }

  /** Edits the card where it was posted; posts a fresh one when there is none or it is gone. */
  async function sendCard(m: OutboxMessage, signal: AbortSignal): Promise<string> {
    const appealId = Number(m.payload.appealId);
    // Outside a transaction the store itself is the repositories the card is read from.
    const card = await renderStaffCard(deps, deps.store, appealId);
    const previous = await deps.store.outbox.lastSent(appealId, 'staff_card');
    if (!previous?.externalId || previous.chatId !== m.chatId)
      return sendText(m.chatId, card.text, card.buttons, signal);
    const payload = {
      chat_id: m.chatId,
      message_id: Number(previous.externalId),
      text: fitText(card.text),
      reply_markup: inlineKeyboard(card.buttons, logger),
    };
    try {
      await call('editMessageText', payload, signal);
      return previous.externalId;
    } catch (error) {
      if (isTelegramError(error) && error.code === 400 && NOT_MODIFIED.test(error.description)) {
        return previous.externalId;
      }
      if (isTelegramError(error) && error.code === 400 && EDIT_TARGET_GONE.test(error.description)) {
        logger.info({ appealId, chatId: m.chatId }, 'telegram: staff card gone, posting a new one');
        return sendText(m.chatId, card.text, card.buttons, signal);
      }
      throw error;
    }
  }

  async function deliver(m: OutboxMessage, signal: AbortSignal): Promise<string> {
    if (m.kind === 'text') {
      const buttons = (m.payload.buttons as Button[][] | undefined) ?? [];
      return sendText(m.chatId, String(m.payload.text ?? ''), buttons, signal);
    }
    if (m.kind === 'staff_card') return sendCard(m, signal);
    throw new SendError(`telegram cannot send outbox kind «${m.kind}»`, {
      kind: 'permanent',
      reason: 'unknown kind',
    });
  }

  return {
    async send(m, signal) {
      try {
        return await deliver(m, signal);
      } catch (error) {
        if (error instanceof SendError) throw error;
        const failure = classifySendError(error);
        throw new SendError(`telegram ${m.kind} to ${m.chatId}: ${describeError(error)}`, failure, {
          cause: error,
        });
      }
    },
    minIntervalMs: (chatId) =>
      chatId.startsWith('-') ? settings.groupIntervalMs : settings.privateIntervalMs,
  };
}
