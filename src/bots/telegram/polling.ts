/**
 * Long polling that confirms an update only after it is stored. telegraf's own loop confirms a batch
 * even when its handler failed (and syncs the offset on stop), so a database hiccup there would lose
 * updates. Here the offset moves past a batch only once the inbox holds it; a crash before that makes
 * Telegram send the batch again, and the unique inbox drops the repeats.
 */
import { type Telegraf, TelegramError } from 'telegraf';
import { backoffDelayMs, type RetryPolicy, sleep } from '../../core/retry.ts';
import type { Logger } from '../../logger.ts';
import { callApi } from './api.ts';
import { describeError } from './errors.ts';
import { isRawUpdate, type RawUpdate, type Receiver } from './receive.ts';

export interface PollingOptions {
  /** Long-poll timeout in seconds (Telegram holds the request open this long when idle). */
  timeoutS?: number;
  /** Updates per request; Telegram allows up to 100. */
  limit?: number;
  retry?: RetryPolicy;
}

const MIN_IDLE_POLL_MS = 200;
const POLL_RETRY: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

/** How long to wait after a failed getUpdates or store, and how loudly to say so. */
function failureDelay(
  error: unknown,
  attempt: number,
  retry: RetryPolicy,
): { ms: number; level: 'warn' | 'error' } {
  if (error instanceof TelegramError && error.code === 429) {
    return { ms: Number(error.parameters?.retry_after ?? 5) * 1000, level: 'warn' };
  }
  // 409: another poller or an active webhook on this token; 401: the token is wrong. Both need a person.
  if (error instanceof TelegramError && (error.code === 409 || error.code === 401)) {
    return { ms: Math.max(10_000, backoffDelayMs(attempt, retry)), level: 'error' };
  }
  return { ms: backoffDelayMs(attempt, retry), level: 'warn' };
}

/** Runs until `signal` aborts; never throws. */
export async function pollUpdates(
  bot: Telegraf,
  receiver: Receiver,
  logger: Logger,
  signal: AbortSignal,
  o: PollingOptions = {},
): Promise<void> {
  const retry = o.retry ?? POLL_RETRY;
  const payload = { timeout: o.timeoutS ?? 25, limit: o.limit ?? 100 };
  let offset = 0;
  let failures = 0;
  while (!signal.aborted) {
    const started = Date.now();
    try {
      const result = await callApi<unknown[]>(bot.telegram, 'getUpdates', { ...payload, offset }, signal);
      const updates = result.filter(isRawUpdate) as RawUpdate[];
      if (updates.length) {
        await receiver.store(updates);
        offset = Math.max(...updates.map((u) => u.update_id)) + 1;
      } else if (Date.now() - started < MIN_IDLE_POLL_MS) {
        // The server does not hold idle polls open (emulators): pace the loop instead of spinning.
        await sleep(MIN_IDLE_POLL_MS, signal);
      }
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      const { ms, level } = failureDelay(error, failures, retry);
      logger[level](
        { err: describeError(error), attempt: failures, retryInMs: ms },
        'telegram: polling failed; retrying',
      );
      await sleep(ms, signal);
    }
  }
}
