/**
 * Drains the inbox: raw events stored by the channels are handled here, each batch in one
 * transaction together with marking it done, so a crash replays work instead of losing or doubling it.
 */
import type { CoreDeps } from '../deps.ts';
import type { InboxEvent, Repositories } from '../ports.ts';
import { backoffDelayMs, INBOX_RETRY, type RetryPolicy } from '../retry.ts';

/** Handles events of one channel inside the given transaction. It must not talk to the network. */
export type InboxHandler = (events: InboxEvent[], tx: Repositories) => Promise<void>;

export interface InboxLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DrainResult {
  done: number;
  failed: number;
}

export interface InboxProcessorOptions {
  batchSize?: number;
  retry?: RetryPolicy;
  logger: InboxLogger;
}

export function createInboxProcessor(
  deps: CoreDeps,
  handlers: Record<string, InboxHandler>,
  o: InboxProcessorOptions,
) {
  const batchSize = o.batchSize ?? 200;
  const retry = o.retry ?? INBOX_RETRY;

  async function runBatch(handler: InboxHandler, events: InboxEvent[]): Promise<void> {
    await deps.store.transaction(async (tx) => {
      await handler(events, tx);
      await tx.inbox.markDoneMany(
        events.map((e) => e.id),
        deps.clock.now(),
      );
    });
  }

  /** One poisoned event must not hold back the rest: after a batch fails, retry one by one. */
  async function runOneByOne(handler: InboxHandler, events: InboxEvent[], result: DrainResult) {
    for (const e of events) {
      try {
        await runBatch(handler, [e]);
        result.done += 1;
      } catch (error) {
        result.failed += 1;
        const attempts = e.attempts + 1;
        const next =
          attempts >= retry.maxAttempts
            ? null
            : new Date(deps.clock.now().getTime() + backoffDelayMs(attempts, retry));
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        o.logger[next ? 'warn' : 'error'](
          { inboxId: e.id, channel: e.channel, attempts, err: message },
          next ? 'inbox event failed, will retry' : 'inbox event failed for good',
        );
        await deps.store.inbox.markFailed(e.id, message, next);
      }
    }
  }

  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { done: 0, failed: 0 };
    const due = await deps.store.inbox.due(deps.clock.now(), batchSize);
    const byChannel = new Map<string, InboxEvent[]>();
    for (const e of due) byChannel.set(e.channel, [...(byChannel.get(e.channel) ?? []), e]);
    for (const [channel, events] of byChannel) {
      const handler = handlers[channel];
      if (!handler) {
        for (const e of events)
          await deps.store.inbox.markFailed(e.id, `no handler for channel ${channel}`, null);
        result.failed += events.length;
        continue;
      }
      try {
        await runBatch(handler, events);
        result.done += events.length;
      } catch {
        await runOneByOne(handler, events, result);
      }
    }
    return result;
  }

  return { drainOnce };
}

export type InboxProcessor = ReturnType<typeof createInboxProcessor>;
