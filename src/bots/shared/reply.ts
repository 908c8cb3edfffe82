/** Replies every channel queues the same way: a text (with abstract buttons) and the polite refusal. */
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import { toChat } from '../../core/notify.ts';
import type { Repositories } from '../../core/ports.ts';
import type { Button } from '../../core/texts-ru.ts';

/** What a conversation step needs to queue a reply: the clock and this transaction's outbox. */
export interface ReplyScope {
  deps: CoreDeps;
  tx: Repositories;
}

/** Queues a text to a chat; each channel's sender turns the buttons into its own keyboard. */
export async function sayIn(
  scope: ReplyScope,
  channel: string,
  chatId: string,
  text: string,
  buttons: Button[][] = [],
) {
  const message = toChat(channel, chatId, text);
  await scope.tx.outbox.enqueue({ ...message, payload: { text, buttons } }, scope.deps.clock.now());
}

/**
 * Runs one step; a domain error (the user's mistake, a stale button, a refused transition) goes to
 * `refuse`, which answers politely, instead of failing the batch. Anything else is a real failure.
 */
export async function politelyWith(step: () => Promise<void>, refuse: (error: DomainError) => Promise<void>) {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await refuse(error);
  }
}
