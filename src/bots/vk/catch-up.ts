/**
 * Catching up after downtime: Bots Long Poll keeps its position only in memory, so what residents
 * wrote while the service was down is read back from the unread dialogs at start and fed through
 * the same inbox. The ids match those of long poll events, so a message seen both ways is one row.
 */
import type { API } from 'vk-io';
import type { Logger } from '../../logger.ts';
import { int, type Obj, obj } from './payload.ts';
import type { RawVkEvent, Receiver } from './receive.ts';

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => o !== null) : []);

interface UnreadDialog {
  peerId: number;
  unread: number;
  /** The last incoming message the community has read; newer ones are the unread. */
  inRead: number | null;
}

function unreadDialogs(response: unknown): UnreadDialog[] {
  return list(obj(response)?.items).flatMap((item) => {
    const c = obj(item.conversation);
    const peer = obj(c?.peer);
    const peerId = int(peer?.id);
    const unread = int(c?.unread_count) ?? 0;
    // Residents write from their own dialogs; group chats with the community are not intake.
    if (peerId === null || peer?.type !== 'user' || unread <= 0) return [];
    return [{ peerId, unread, inRead: int(c?.in_read) }];
  });
}

/** The dialog's unread incoming messages, oldest first, as long poll would have delivered them. */
function unreadMessages(history: unknown, d: UnreadDialog, groupId: number): RawVkEvent[] {
  const incoming = list(obj(history)?.items).filter((m) => m.out !== 1 && m.out !== true);
  const unread = incoming.filter((m) => d.inRead === null || (int(m.id) ?? 0) > d.inRead).slice(0, d.unread);
  return unread.reverse().map((message) => ({
    type: 'message_new',
    object: { message, client_info: null },
    group_id: groupId,
    source: 'catch_up',
  }));
}

export async function catchUp(
  api: API,
  groupId: number,
  receiver: Receiver,
  logger: Logger,
  limit: number,
): Promise<{ dialogs: number; stored: number }> {
  const response = await api.messages.getConversations({ filter: 'unread', count: limit, group_id: groupId });
  const dialogs = unreadDialogs(response);
  let stored = 0;
  for (const d of dialogs) {
    const count = Math.min(d.unread, limit);
    const history = await api.messages.getHistory({ peer_id: d.peerId, count, group_id: groupId });
    const events = unreadMessages(history, d, groupId);
    stored += await receiver.store(events);
    if (d.unread > limit)
      logger.warn({ peerId: d.peerId, unread: d.unread, limit }, 'vk catch-up: dialog cut');
    // Stored is safe: reading it again at the next start would only find the same rows.
    await api.messages.markAsRead({ peer_id: d.peerId, group_id: groupId }).catch((error: unknown) => {
      logger.warn({ err: error, peerId: d.peerId }, 'vk catch-up: markAsRead failed');
    });
  }
  if (dialogs.length > 0)
    logger.info({ dialogs: dialogs.length, stored }, 'vk catch-up: unread dialogs read');
  return { dialogs: dialogs.length, stored };
}
