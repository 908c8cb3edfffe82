/** What the VK adapter and its conversation logic need, taken once from the validated config. */
import type { Config } from '../../config/load.ts';

export interface VkSettings {
  /** The community (group) id, positive, as VK shows it in «Управление → Работа с API». */
  groupId: number;
  apiBaseUrl: string;
  /** Callback API mode when set (our own route checks the secret); Bots Long Poll otherwise. */
  callback: { secret: string; confirmation: string; path: string } | null;
  /** Messages of one resident within this window join one appeal. */
  mergeWindowMs: number;
  /** ПОС/Госуслуги hand-off link for a formal обращение. */
  posUrl: string;
  /** Spacing of sends to one dialog; VK's community limit is about 20 requests a second overall. */
  perPeerIntervalMs: number;
  /** vk-io `apiLimit`: requests per second for the whole community token. */
  apiLimit: number;
  /** How many unread dialogs (and messages per dialog) the start-up catch-up reads at most. */
  catchUpLimit: number;
}

export const PER_PEER_INTERVAL_MS = 50;
export const COMMUNITY_API_LIMIT = 20;
export const CALLBACK_PATH = '/vk/callback';

export function vkSettings(config: Config): VkSettings {
  const env = config.env;
  const secret = env.VK_CALLBACK_SECRET;
  const confirmation = env.VK_CONFIRMATION_CODE;
  return {
    groupId: Number(env.VK_GROUP_ID ?? 0),
    apiBaseUrl: env.VK_API_BASE_URL,
    // The schema refuses a secret without a confirmation code; the check here only narrows the types.
    callback: secret && confirmation ? { secret, confirmation, path: CALLBACK_PATH } : null,
    mergeWindowMs: env.VK_MERGE_WINDOW_MS,
    posUrl: env.POS_URL,
    perPeerIntervalMs: PER_PEER_INTERVAL_MS,
    apiLimit: COMMUNITY_API_LIMIT,
    catchUpLimit: 200,
  };
}
