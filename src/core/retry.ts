/** Retry policies per error class: exponential backoff with jitter, capped, honouring retry_after. */

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const INBOX_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 };
export const OUTBOX_RETRY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 2_000, maxDelayMs: 30 * 60_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1), with ±25 % jitter so retries do not align. */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.75 + random() * 0.5));
}

/** How a send failed, as the channel's sender classifies it. */
export type SendFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient' }
  | { kind: 'permanent'; reason: string };

/** Thrown by channel senders; the outbox decides what to do from `failure`. */
export class SendError extends Error {
  readonly failure: SendFailure;
  constructor(message: string, failure: SendFailure, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SendError';
    this.failure = failure;
  }
}

/** Sleeps, but wakes early when the signal aborts (shutdown must not wait for a long backoff). */
export function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, delayMs);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
