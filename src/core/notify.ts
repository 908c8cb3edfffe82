/** What the core asks channels to send. Everything goes through the outbox, never straight out. */
import type { CoreDeps } from './deps.ts';
import type { Appeal } from './model.ts';
import type { NewOutboxMessage } from './ports.ts';
import type { Button } from './texts-ru.ts';

export const OUTBOX_KINDS = { text: 'text', staffCard: 'staff_card' } as const;

/** A text to the resident, in the chat the appeal came from; null for appeals with no resident chat. */
export function toResident(
  appeal: Appeal,
  text: string,
  options: { buttons?: Button[][]; dedupeKey?: string } = {},
): NewOutboxMessage | null {
  if (!appeal.replyChatId || appeal.channel === 'monitor' || appeal.channel === 'cli') return null;
  return {
    channel: appeal.channel,
    chatId: appeal.replyChatId,
    kind: OUTBOX_KINDS.text,
    payload: { text, buttons: options.buttons ?? [] },
    appealId: appeal.id,
    dedupeKey: options.dedupeKey,
  };
}

/** The staff card for an appeal: posted once, then edited; the channel renders it from the appeal. */
export function staffCard(deps: CoreDeps, appeal: Appeal, dedupeKey?: string): NewOutboxMessage | null {
  const sectorChat = deps.catalogue.byCode(appeal.sector)?.chatId;
  const target =
    sectorChat && deps.settings.staffChat
      ? { channel: deps.settings.staffChat.channel, chatId: sectorChat }
      : deps.settings.staffChat;
  if (!target) return null;
  return {
    ...target,
    kind: OUTBOX_KINDS.staffCard,
    payload: { appealId: appeal.id },
    appealId: appeal.id,
    dedupeKey,
  };
}

/** A plain text to a staff or head chat (reminders, escalations, digests). */
export function toChat(channel: string, chatId: string, text: string, dedupeKey?: string): NewOutboxMessage {
  return { channel, chatId, kind: OUTBOX_KINDS.text, payload: { text, buttons: [] }, dedupeKey };
}

export function compact<T>(items: Array<T | null>): T[] {
  return items.filter((i): i is T => i !== null);
}
