/** What the Telegram adapter and its conversation logic need, taken once from the validated config. */
import type { Config } from '../../config/load.ts';

export interface TelegramSettings {
  /** The staff group where cards go and staff commands are accepted; null when not configured. */
  staffChatId: string | null;
  /** Chats of the heads (digests, escalations, head commands). */
  headChatIds: string[];
  municipality: string;
  /** ПОС/Госуслуги hand-off link for a formal обращение. */
  posUrl: string;
  /** Messages of one resident within this window join one appeal. */
  mergeWindowMs: number;
  /** Webhook mode when set; polling otherwise. */
  webhook: { url: string; secret: string } | null;
  apiRoot: string;
  /** Spacing of sends to one group chat: 3 s is Telegram's 20 messages a minute. */
  groupIntervalMs: number;
  /** Spacing of sends to one private chat: about 1 message a second. */
  privateIntervalMs: number;
}

export const GROUP_INTERVAL_MS = 3_000;
export const PRIVATE_INTERVAL_MS = 1_000;

export function telegramSettings(config: Config): TelegramSettings {
  const env = config.env;
  const url = env.TELEGRAM_WEBHOOK_URL;
  const secret = env.TELEGRAM_WEBHOOK_SECRET;
  return {
    staffChatId: env.TELEGRAM_STAFF_CHAT_ID ?? null,
    headChatIds: env.TELEGRAM_HEAD_CHAT_IDS,
    municipality: config.file.municipality.name,
    posUrl: env.POS_URL,
    mergeWindowMs: env.TELEGRAM_MERGE_WINDOW_MS,
    // The schema refuses a URL without a secret; the check here only narrows the types.
    webhook: url && secret ? { url, secret } : null,
    apiRoot: env.TELEGRAM_API_ROOT,
    groupIntervalMs: GROUP_INTERVAL_MS,
    privateIntervalMs: PRIVATE_INTERVAL_MS,
  };
}
