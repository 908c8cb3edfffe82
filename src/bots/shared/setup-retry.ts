/** Connecting a channel at start: its API may be down for a while, and the rest of the service must not wait. */
import { backoffDelayMs, sleep } from '../../core/retry.ts';

const SETUP_RETRY = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export interface SetupRetryOptions {
  /** Log prefix, the channel's name: `telegram: getMe failed; retrying`. */
  channel: string;
  /** Stops the retries when the adapter stops. */
  signal: AbortSignal;
  log: { warn(obj: object, msg: string): void };
  /** The channel's own reading of its API errors, for the log. */
  describeError: (error: unknown) => string;
}

/** Returns `persist`: retries a setup call until it works (true) or the adapter stops (false); never fatal. */
export function setupRetry(o: SetupRetryOptions) {
  return async function persist(what: string, call: () => Promise<unknown>): Promise<boolean> {
    for (let attempt = 1; !o.signal.aborted; attempt++) {
      try {
        await call();
        return true;
      } catch (error) {
        const ms = backoffDelayMs(attempt, SETUP_RETRY);
        o.log.warn(
          { err: o.describeError(error), attempt, retryInMs: ms },
          `${o.channel}: ${what} failed; retrying`,
        );
        await sleep(ms, o.signal);
      }
    }
    return false;
  };
}
