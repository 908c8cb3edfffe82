// placeholder until the conversation logic lands
/**
 * Interprets stored Telegram updates. This stand-in only registers residents' private text messages,
 * so the transport can be built and tested; the real conversation logic replaces this file.
 */
import { type InboundMessage, intakeMessages } from '../../core/appeals/intake.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { InboxHandler } from '../../core/inbox/process-inbox.ts';
import type { InboxEvent } from '../../core/ports.ts';
import type { TelegramSettings } from './settings.ts';

interface PrivateText {
  message?: { text?: string; chat: { id: number; type: string }; from?: { id: number; first_name?: string } };
}

function toInbound(e: InboxEvent): InboundMessage | null {
  const m = (e.payload as PrivateText).message;
  if (!m?.text || m.chat.type !== 'private' || m.text.startsWith('/')) return null;
  const id = String(m.from?.id ?? m.chat.id);
  return {
    channel: 'telegram',
    sender: { externalId: id, chatId: String(m.chat.id), name: m.from?.first_name ?? null },
    text: m.text,
    receivedAt: e.receivedAt,
  };
}

export function createTelegramInboxHandler(deps: CoreDeps, _settings: TelegramSettings): InboxHandler {
  return async (events, tx) => {
    const messages = events.map(toInbound).filter((m): m is InboundMessage => m !== null);
    if (messages.length) await intakeMessages(deps, tx, messages);
  };
}
