/**
 * Sends what the core enqueued. Per-chat rate limits (Telegram: 1 msg/s per chat, 20/min per group),
 * backoff on transient errors, retry_after on 429, and permanent failures recorded, not retried.
 * A kind with a delivery hook (see delivery-hooks.ts) learns of its row's send or death.
 */
import type { CoreDeps } from '../deps.ts';
import type { OutboxMessage } from '../ports.ts';
import { backoffDelayMs, OUTBOX_RETRY, type RetryPolicy, SendError } from '../retry.ts';
import { DELIVERY_HOOKS, type DeadInfo, type DeliveryHook } from './delivery-hooks.ts';

/** A channel's sender: delivers one message, returns the channel's message id, throws SendError. */
export interface ChannelSender {
  send(message: OutboxMessage, signal: AbortSignal): Promise<string | null>;
  /** Minimum spacing between two messages to the same chat, per chat id (groups are slower). */
  minIntervalMs(chatId: string): number;
}

export interface OutboxLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export function createOutboxDrainer(
  deps: CoreDeps,
  senders: Record<string, ChannelSender>,
  o: {
    logger: OutboxLogger;
    retry?: RetryPolicy;
    batchSize?: number;
    hooks?: Readonly<Record<string, DeliveryHook>>;
  },
) {
  const retry = o.retry ?? OUTBOX_RETRY;
  const hooks = o.hooks ?? DELIVERY_HOOKS;
  /** Earliest next send per chat; a 429 pushes it back by retry_after for the whole chat. */
  const nextSlot = new Map<string, number>();
  const slotKey = (m: OutboxMessage) => `${m.channel}:${m.chatId}`;

  // Plain messages skip the transaction: most of the traffic needs no hook, and SQLite has one writer.
  // A hook that throws rolls the mark back and the row is retried; a kind with a hook must therefore
  // be idempotent at the channel (wall comments carry a guid, so VK does not post them twice).
  async function recordSent(m: OutboxMessage, externalId: string | null, at: Date) {
    const hook = hooks[m.kind];
    if (!hook) return deps.store.outbox.markSent(m.id, at, externalId);
    await deps.store.transaction(async (tx) => {
      await tx.outbox.markSent(m.id, at, externalId);
      await hook.onSent(deps, tx, m, externalId, at);
    });
  }

  async function recordDead(m: OutboxMessage, dead: DeadInfo) {
    const hook = hooks[m.kind];
    if (!hook) return deps.store.outbox.markDead(m.id, dead.error);
    await deps.store.transaction(async (tx) => {
      await tx.outbox.markDead(m.id, dead.error);
      await hook.onDead(deps, tx, m, dead, deps.clock.now());
    });
  }

  async function sendOne(sender: ChannelSender, m: OutboxMessage, signal: AbortSignal) {
    const now = deps.clock.now();
    try {
      const externalId = await sender.send(m, signal);
      // The confirmation time, not the start of the attempt: a hook may record it as a fact.
      await recordSent(m, externalId, deps.clock.now());
      nextSlot.set(slotKey(m), now.getTime() + sender.minIntervalMs(m.chatId));
      return 'sent' as const;
    } catch (error) {
      const failure = error instanceof SendError ? error.failure : ({ kind: 'transient' } as const);
      const text = error instanceof Error ? error.message : String(error);
      // A 429 says "later", not "broken": it never uses up the attempts.
      if (
        failure.kind === 'permanent' ||
        (failure.kind !== 'rate_limited' && m.attempts + 1 >= retry.maxAttempts)
      ) {
        o.logger.warn({ outboxId: m.id, channel: m.channel, err: text }, 'outbox message failed for good');
        await recordDead(m, { reason: failure.kind === 'permanent' ? failure.reason : null, error: text });
        return 'dead' as const;
      }
      const delayMs =
        failure.kind === 'rate_limited' ? failure.retryAfterMs : backoffDelayMs(m.attempts + 1, retry);
      nextSlot.set(slotKey(m), now.getTime() + delayMs);
      await deps.store.outbox.markRetry(m.id, text, new Date(now.getTime() + delayMs));
      return 'retry' as const;
    }
  }

  /** Sends every due message whose chat has a free slot; returns counts. Order within a chat is kept. */
  async function drainOnce(signal: AbortSignal = new AbortController().signal) {
    // `unsendable`: queued for a channel not configured here; they wait in the table, nobody waits for them.
    const counts = { sent: 0, retry: 0, dead: 0, waiting: 0, unsendable: 0 };
    const due = await deps.store.outbox.due(deps.clock.now(), o.batchSize ?? 200);
    const blocked = new Set<string>();
    for (const m of due) {
      if (signal.aborted) break;
      const key = slotKey(m);
      const sender = senders[m.channel];
      if (!sender) {
        counts.unsendable += 1;
        continue;
      }
      if (blocked.has(key) || (nextSlot.get(key) ?? 0) > deps.clock.now().getTime()) {
        // Later messages of the same chat wait too, so a chat never sees them out of order.
        blocked.add(key);
        counts.waiting += 1;
        continue;
      }
      const outcome = await sendOne(sender, m, signal);
      counts[outcome] += 1;
      if (outcome === 'retry') blocked.add(key);
    }
    return counts;
  }

  /** When the next message could go out (for the loop's sleep). */
  function nextWakeMs(nowMs: number): number {
    let min = Number.POSITIVE_INFINITY;
    for (const t of nextSlot.values()) if (t > nowMs) min = Math.min(min, t - nowMs);
    return Number.isFinite(min) ? min : 1_000;
  }

  return { drainOnce, nextWakeMs };
}

export type OutboxDrainer = ReturnType<typeof createOutboxDrainer>;
