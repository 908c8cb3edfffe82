/**
 * Receipt of Telegram updates, shared by polling and the webhook: the raw update is stored in the
 * inbox before anything else happens, and only then is a callback query answered. Interpreting the
 * update is the inbox handler's job, inside a transaction, where a crash replays instead of losing it.
 */
import type { Telegraf } from 'telegraf';
import type { NewInboxEvent } from '../../core/ports.ts';
import type { AdapterContext } from '../../main.ts';

export const CHANNEL = 'telegram';

export interface RawUpdate {
  update_id: number;
  [kind: string]: unknown;
}

export function isRawUpdate(value: unknown): value is RawUpdate {
  const id = (value as { update_id?: unknown } | null)?.update_id;
  return typeof value === 'object' && value !== null && Number.isSafeInteger(id);
}

/** The update's type: the one field besides update_id (message, callback_query, …). */
export function updateKind(update: RawUpdate): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

export interface Receiver {
  /** Stores a batch durably (one insert); resolves only once it is in the database. */
  store(updates: RawUpdate[]): Promise<number>;
  /** Settles the callback answers still in flight (for stop). */
  settle(): Promise<void>;
}

export function createReceiver(ctx: AdapterContext, bot: Telegraf): Receiver {
  const { deps, logger } = ctx;
  const inFlight = new Set<Promise<unknown>>();

  /** Runs telegraf's middleware (only the callback answer) without holding up receipt. */
  function afterStore(update: RawUpdate) {
    // biome-ignore lint/suspicious/noExplicitAny: the raw update is what telegraf parses itself.
    const p = bot.handleUpdate(update as any).catch((error: unknown) => {
      logger.warn({ err: error, updateId: update.update_id }, 'telegram: update middleware failed');
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  return {
    async store(updates) {
      const receivedAt = deps.clock.now();
      const events: NewInboxEvent[] = updates.map((u) => ({
        channel: CHANNEL,
        externalId: String(u.update_id),
        kind: updateKind(u),
        payload: u,
        receivedAt,
      }));
      const fresh = await deps.store.inbox.putMany(events);
      ctx.activity.touch(CHANNEL);
      ctx.wake();
      // A redelivered callback query was answered when it first came.
      for (const [i, u] of updates.entries()) if (fresh[i]) afterStore(u);
      const stored = fresh.filter(Boolean).length;
      if (stored < updates.length) {
        logger.debug({ repeated: updates.length - stored }, 'telegram: repeated updates ignored');
      }
      return stored;
    },
    async settle() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The only middleware: answer a button press at once (Telegram gives up after about 15 s). */
export function installMiddleware(bot: Telegraf, logger: AdapterContext['logger']) {
  bot.on('callback_query', async (c) => {
    try {
      await c.answerCbQuery();
    } catch (error) {
      logger.warn({ err: error }, 'telegram: answerCallbackQuery failed');
    }
  });
  bot.catch((error, c) => {
    logger.error({ err: error, updateId: c.update.update_id }, 'telegram: middleware error');
  });
}
