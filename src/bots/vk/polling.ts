/**
 * Bots Long Poll through vk-io. vk-io hands every long poll event, raw, to
 * `updates.handleWebhookUpdate` (bound when polling starts) and does not await it. Taking that hook
 * stores the event exactly as VK sent it, with the ids the inbox dedupes on, before anything else;
 * vk-io's middleware, which would confirm nothing durable, never runs.
 */
import type { VK } from 'vk-io';
import type { Logger } from '../../logger.ts';
import { isRawVkEvent, type Receiver } from './receive.ts';

export function routeLongPollToInbox(vk: VK, receiver: Receiver, logger: Logger): void {
  vk.updates.handleWebhookUpdate = async (update: unknown) => {
    if (!isRawVkEvent(update)) {
      logger.warn({ update: typeof update }, 'vk long poll: malformed event ignored');
      return;
    }
    try {
      await receiver.store([update]);
    } catch (error) {
      // Long poll has moved on; the message stays unread in VK and the next start's catch-up takes it.
      logger.error({ err: error, type: update.type }, 'vk long poll: storing the event failed');
    }
  };
}
