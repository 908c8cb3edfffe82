/**
 * Raw Telegram Update fixtures, shaped like what the Bot API (and the receiver) store in the inbox,
 * and a driver that puts them there and drains them through the real Telegram inbox handler.
 */
import { createTelegramInboxHandler } from '../../src/bots/telegram/handle-update.ts';
import type { TelegramSettings } from '../../src/bots/telegram/settings.ts';
import { createInboxProcessor } from '../../src/core/inbox/process-inbox.ts';
import type { Button } from '../../src/core/texts-ru.ts';
import { recordingLogger } from './factories.ts';
import type { TestEnv } from './harness.ts';

export const STAFF_CHAT = '-100500';
export const HEAD_CHAT = '-100900';

let nextUpdate = 1;
let nextMessage = 1;

export interface Who {
  userId: number;
  /** The group's id for staff and head chats; the user's own id for a private chat. */
  chatId?: number;
  name?: string;
  username?: string;
}

function base(w: Who) {
  const chatId = w.chatId ?? w.userId;
  return {
    message_id: nextMessage++,
    date: 1_773_133_200,
    from: { id: w.userId, is_bot: false, first_name: w.name ?? 'Житель', username: w.username },
    chat:
      chatId < 0
        ? { id: chatId, type: 'supergroup', title: 'МЦУ' }
        : { id: chatId, type: 'private', first_name: 'Житель' },
  };
}

export type RawUpdate = { update_id: number } & Record<string, unknown>;

export function messageUpdate(w: Who, fields: Record<string, unknown>): RawUpdate {
  return { update_id: nextUpdate++, message: { ...base(w), ...fields } };
}

export const textUpdate = (w: Who, text: string, extra: Record<string, unknown> = {}) =>
  messageUpdate(w, {
    text,
    ...(text.startsWith('/')
      ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
      : {}),
    ...extra,
  });

/** A reply to a bot message (e.g. a staff card) with its text as Telegram includes it. */
export const replyUpdate = (w: Who, text: string, replied: { messageId: number; text: string }) =>
  textUpdate(w, text, {
    reply_to_message: {
      message_id: replied.messageId,
      date: 1,
      chat: base(w).chat,
      from: { id: 1, is_bot: true, first_name: 'bot' },
      text: replied.text,
    },
  });

export const photoUpdate = (w: Who, caption: string | undefined, fileIds = ['small', 'medium', 'large']) =>
  messageUpdate(w, {
    caption,
    photo: fileIds.map((id, i) => ({
      file_id: id,
      file_unique_id: `${id}-u`,
      width: 90 * (i + 1),
      height: 90,
      file_size: 1000 * (i + 1),
    })),
  });

export const locationUpdate = (w: Who, latitude: number, longitude: number) =>
  messageUpdate(w, { location: { latitude, longitude } });

export const contactUpdate = (w: Who, phone: string) =>
  messageUpdate(w, { contact: { phone_number: phone, first_name: 'Житель', user_id: w.userId } });

export const stickerUpdate = (w: Who) =>
  messageUpdate(w, {
    sticker: {
      file_id: 'st',
      file_unique_id: 'st-u',
      width: 512,
      height: 512,
      is_animated: false,
      type: 'regular',
    },
  });

export const voiceUpdate = (w: Who) =>
  messageUpdate(w, { voice: { file_id: 'v', file_unique_id: 'v-u', duration: 3 } });

export const editedUpdate = (w: Who, text: string): RawUpdate => ({
  update_id: nextUpdate++,
  edited_message: { ...base(w), text, edit_date: 1_773_133_300 },
});

export function callbackUpdate(w: Who, data: string, messageId = 1): RawUpdate {
  const b = base(w);
  return {
    update_id: nextUpdate++,
    callback_query: {
      id: `cb${nextUpdate}`,
      from: b.from,
      chat_instance: 'ci',
      data,
      message: { ...b, message_id: messageId, text: '…' },
    },
  };
}

export function telegramTestSettings(patch: Partial<TelegramSettings> = {}): TelegramSettings {
  return {
    staffChatId: STAFF_CHAT,
    headChatIds: [HEAD_CHAT],
    municipality: 'Тестовый округ',
    posUrl: 'https://pos.gosuslugi.ru/form/?test=1',
    mergeWindowMs: 120_000,
    webhook: null,
    apiRoot: 'http://127.0.0.1:1',
    groupIntervalMs: 0,
    privateIntervalMs: 0,
    ...patch,
  };
}

export interface Sent {
  id: number;
  chatId: string;
  kind: string;
  text: string;
  buttons: Button[][];
  appealId: number | null;
}

/** The Telegram conversation over a test env: deliver updates, read what the bot would send since. */
export function telegramDriver(env: TestEnv, settings = telegramTestSettings()) {
  const handler = createTelegramInboxHandler(env.deps, settings);
  const processor = createInboxProcessor(env.deps, { telegram: handler }, { logger: recordingLogger() });
  let seen = 0;
  return {
    settings,
    async deliver(...updates: RawUpdate[]) {
      for (const u of updates) {
        await env.store.inbox.put({
          channel: 'telegram',
          externalId: String(u.update_id),
          kind: 'update',
          payload: u,
          receivedAt: env.clock.now(),
        });
      }
      return processor.drainOnce();
    },
    /** Outbox rows enqueued since the last call. */
    async sent(): Promise<Sent[]> {
      const rows = await env.store.db.outboxMessage.findMany({
        where: { id: { gt: seen } },
        orderBy: { id: 'asc' },
      });
      seen = rows.at(-1)?.id ?? seen;
      return rows.map((r) => {
        const p = JSON.parse(r.payload) as { text?: string; buttons?: Button[][] };
        return {
          id: r.id,
          chatId: r.chatId,
          kind: r.kind,
          text: p.text ?? '',
          buttons: p.buttons ?? [],
          appealId: r.appealId,
        };
      });
    },
  };
}

export const buttonIds = (s: Sent) => s.buttons.flat().map((b) => b.id);
