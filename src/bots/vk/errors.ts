/** How a VK API failure should be treated: the outbox retries, waits, or records it dead. */
import { APIError } from 'vk-io';
import type { SendFailure } from '../../core/retry.ts';

export const VK_ERRORS = {
  auth: 5,
  tooMany: 6,
  floodControl: 9,
  cantSendToUser: 901,
  privacy: 902,
  keyboardFormat: 911,
  botFeaturesOff: 912,
  tooLong: 914,
} as const;

/** VK does not say how long to wait after error 6; a second spreads the retries over its window. */
const TOO_MANY_WAIT_MS = 1_000;

/** Failures that will never heal for this message: retrying would only spam the log. */
const PERMANENT: ReadonlySet<number> = new Set([
  VK_ERRORS.auth,
  VK_ERRORS.cantSendToUser,
  VK_ERRORS.privacy,
  VK_ERRORS.tooLong,
]);

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function vkErrorCode(error: unknown): number | null {
  return error instanceof APIError ? Number(error.code) : null;
}

/**
 * 6 (too many requests) waits; 901 (the resident has not allowed messages from the community), 902
 * (privacy settings), 5 (the token is refused) and 914 (too long) are recorded dead; everything else
 * (network, 10 internal error, 9 flood control…) is retried with backoff.
 */
export function classifySendError(error: unknown): SendFailure {
  const code = vkErrorCode(error);
  if (code === null) return { kind: 'transient' };
  if (code === VK_ERRORS.tooMany) return { kind: 'rate_limited', retryAfterMs: TOO_MANY_WAIT_MS };
  if (PERMANENT.has(code)) return { kind: 'permanent', reason: `vk error ${code}` };
  return { kind: 'transient' };
}
