/**
 * Comments on the community's own wall (`wall_reply_new`, from the VK community's long poll or
 * Callback API) become appeals too. The VK inbox handler calls this for every stored event.
 */
import { type InboundMessage, intakeMessages } from '../core/appeals/intake.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Repositories } from '../core/ports.ts';

type Obj = Record<string, unknown>;
const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);

/** undefined: not a wall comment; null: one to ignore (ours, empty, malformed); else the message. */
export function wallReplyToInbound(payload: unknown, receivedAt: Date): InboundMessage | null | undefined {
  const e = payload as Obj | null;
  if (e?.type !== 'wall_reply_new') return undefined;
  const c = (e.object ?? null) as Obj | null;
  const from = int(c?.from_id);
  const owner = int(c?.post_owner_id ?? c?.owner_id);
  const post = int(c?.post_id);
  const id = int(c?.id);
  const text = typeof c?.text === 'string' ? c.text.trim() : '';
  // Negative authors are communities: our own answers come back as wall_reply_new too.
  if (from === null || from <= 0 || owner === null || post === null || id === null || !text) return null;
  const url = `https://vk.com/wall${owner}_${post}?reply=${id}`;
  return {
    channel: 'vk',
    sender: { externalId: String(from), chatId: String(from) },
    text,
    attachments: [{ kind: 'link', ref: url, caption: 'комментарий на стене сообщества' }],
    receivedAt,
  };
}

/** Registers a wall comment as an appeal; true when the event was a wall comment (handled or ignored). */
export async function handleWallReply(
  deps: CoreDeps,
  tx: Repositories,
  payload: unknown,
  receivedAt: Date,
): Promise<boolean> {
  const inbound = wallReplyToInbound(payload, receivedAt);
  if (inbound === undefined) return false;
  if (inbound) await intakeMessages(deps, tx, [inbound]);
  return true;
}
