/** What every VK conversation step gets: the core, the settings, this transaction, and helpers. */
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import { toChat } from '../../core/notify.ts';
import type { Repositories } from '../../core/ports.ts';
import type { Button } from '../../core/texts-ru.ts';
import { CHANNEL } from './receive.ts';
import type { VkSettings } from './settings.ts';
import { vkTexts } from './texts.ts';

export interface VkLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface VkContext {
  deps: CoreDeps;
  settings: VkSettings;
  tx: Repositories;
  log: VkLog;
}

/** Queues a text to a dialog; the sender turns buttons into a VK keyboard. */
export async function say(ctx: VkContext, peerId: string, text: string, buttons: Button[][] = []) {
  const message = toChat(CHANNEL, peerId, text);
  await ctx.tx.outbox.enqueue({ ...message, payload: { text, buttons } }, ctx.deps.clock.now());
}

/** Runs one step; a domain error (a stale button, a refused transition) becomes a polite reply. */
export async function politely(ctx: VkContext, peerId: string, step: () => Promise<void>) {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.log.info({ peerId, code: error.code }, 'vk: resident action refused');
    await say(ctx, peerId, vkTexts.failed());
  }
}
