/** How a Bot API failure should be treated: the outbox retries, waits retry_after, or gives up. */
import { TelegramError } from 'telegraf';
import type { SendFailure } from '../../core/retry.ts';

/** When Telegram asks to wait but does not say how long. */
const DEFAULT_RETRY_AFTER_S = 5;

/** 400 descriptions the sender handles itself rather than failing the message. */
export const NOT_MODIFIED = /message is not modified/i;
export const EDIT_TARGET_GONE = /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i;

export function isTelegramError(error: unknown): error is TelegramError {
  return error instanceof TelegramError;
}

export function describeError(error: unknown): string {
  if (error instanceof TelegramError) return `${error.code}: ${error.description}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * 429 waits retry_after; 403 (blocked, kicked, deactivated) and other 4xx are about this message or
 * chat and never heal. 401/404 mean the token itself is wrong: that is the bot's configuration, not the
 * message, so those messages wait for a fix like 5xx, network errors and timeouts do.
 */
export function classifySendError(error: unknown): SendFailure {
  if (!(error instanceof TelegramError)) return { kind: 'transient' };
  const code = error.code;
  if (code === 429) {
    const after = Number(error.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S);
    return { kind: 'rate_limited', retryAfterMs: Math.max(1, after) * 1000 };
  }
  if (code === 401 || code === 404 || code >= 500) return { kind: 'transient' };
  if (code >= 400) return { kind: 'permanent', reason: `${code}: ${error.description}` };
  return { kind: 'transient' };
}
