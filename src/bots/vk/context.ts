/** What every VK conversation step gets: the core, the settings, this transaction, and helpers. */
import type { Button } from '../../core/texts-ru.ts';
import { politelyWith, type ReplyScope, sayIn } from '../shared/reply.ts';
import { CHANNEL } from './receive.ts';
import type { VkSettings } from './settings.ts';
import { vkTexts } from './texts.ts';

export interface VkLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface VkContext extends ReplyScope {
  settings: VkSettings;
  log: VkLog;
}

/** Queues a text to a dialog; the sender turns buttons into a VK keyboard. */
export async function say(ctx: VkContext, peerId: string, text: string, buttons: Button[][] = []) {
  await sayIn(ctx, CHANNEL, peerId, text, buttons);
}

/** Runs one step; a domain error (a stale button, a refused transition) becomes a polite reply. */
export async function politely(ctx: VkContext, peerId: string, step: () => Promise<void>) {
  await politelyWith(step, async (error) => {
    ctx.log.info({ peerId, code: error.code }, 'vk: resident action refused');
    await say(ctx, peerId, vkTexts.failed());
  });
}
