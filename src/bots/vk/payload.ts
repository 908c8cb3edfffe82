/**
 * Reading VK's JSON (events, API answers) without trusting its shape: every field is checked where
 * it is read, so a malformed event is ignored with a reason instead of throwing in the inbox.
 */
export type Obj = Record<string, unknown>;

export const obj = (v: unknown): Obj | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;

export const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);

/** Peers from this on are multi-user chats, not a resident's dialog with the community. */
const CHAT_PEER_BASE = 2_000_000_000;

/** A resident writing in their own dialog with the community: the only place intake listens. */
export const isPrivateDialog = (peer: number, from: number): boolean =>
  peer === from && peer > 0 && peer < CHAT_PEER_BASE;
