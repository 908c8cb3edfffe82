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

export interface LinkedSignal {
  signal: AbortSignal;
  /** Detaches from the parents and clears the timer; call it when the operation ends. */
  dispose(): void;
}

/**
 * An abort signal that follows its parents and an optional timeout, and can be let go. Node 20's
 * AbortSignal.any keeps every composite alive as long as a long-lived parent lives (a service-wide
 * shutdown signal), which leaked about half a kilobyte per request in the monitor.
 */
export function linkedSignal(
  parents: ReadonlyArray<AbortSignal | undefined>,
  timeoutMs?: number,
): LinkedSignal {
  const controller = new AbortController();
  const live = parents.filter((p): p is AbortSignal => p !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const p of live) {
    if (p.aborted) controller.abort(p.reason);
    else p.addEventListener('abort', onAbort, { once: true });
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
          timeoutMs,
        );
  timer?.unref?.();
  return {
    signal: controller.signal,
    dispose() {
      if (timer) clearTimeout(timer);
      for (const p of live) p.removeEventListener('abort', onAbort);
    },
  };
}
