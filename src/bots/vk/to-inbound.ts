/**
 * A stored VK event → what it means for the conversation: a resident's message (with its core
 * InboundMessage and any keyboard button it carries) or something to ignore. Payloads come from the
 * outside world, so every field is checked rather than trusted: a malformed event is ignored, not thrown.
 */
import type { InboundMessage } from '../../core/appeals/intake.ts';
import type { Attachment } from '../../core/model.ts';
import { int, isPrivateDialog, type Obj, obj } from './payload.ts';
import { CHANNEL } from './receive.ts';

export interface VkMessage {
  type: 'message';
  /** The dialog, which for a resident is their own user id. */
  peerId: string;
  fromId: string;
  /** «Имя Фамилия» when users.get has told us (names.ts); VK's message itself carries no name. */
  name: string | null;
  text: string;
  /** The button pressed: `{"id": …}` of our keyboards, or 'start' for VK's own «Начать». */
  button: string | null;
  /** `/status` → 'status'. */
  command: string | null;
  /** Kinds we cannot work with (stickers, voice, audio…), for the polite reply. */
  unsupported: string[];
  /** The message in core terms; null when it carries nothing usable. */
  inbound: InboundMessage | null;
}

export type ParsedVkEvent = VkMessage | { type: 'ignored'; reason: string };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** VK's attachment strings (`photo<owner>_<id>`): references only, files are not downloaded. */
function attachmentOf(a: Obj): Attachment | string {
  const type = str(a.type) ?? 'unknown';
  const body = obj(a[type]);
  const ref = (prefix: string) => {
    const owner = int(body?.owner_id);
    const id = int(body?.id);
    return owner !== null && id !== null ? `${prefix}${owner}_${id}` : null;
  };
  const known: Record<string, () => Attachment | null> = {
    photo: () => (ref('photo') ? { kind: 'photo', ref: ref('photo')! } : null),
    doc: () => (ref('doc') ? { kind: 'document', ref: ref('doc')! } : null),
    video: () => (ref('video') ? { kind: 'video', ref: ref('video')! } : null),
    link: () => (str(body?.url) ? { kind: 'link', ref: str(body?.url)! } : null),
    wall: () => {
      const owner = int(body?.owner_id ?? body?.from_id);
      const id = int(body?.id);
      return owner !== null && id !== null
        ? { kind: 'link', ref: `https://vk.com/wall${owner}_${id}` }
        : null;
    },
  };
  return known[type]?.() ?? type;
}

function attachments(m: Obj): { usable: Attachment[]; unsupported: string[] } {
  const usable: Attachment[] = [];
  const unsupported: string[] = [];
  for (const a of Array.isArray(m.attachments) ? m.attachments : []) {
    const o = obj(a);
    if (!o) continue;
    const r = attachmentOf(o);
    if (typeof r === 'string') unsupported.push(r);
    else usable.push(r);
  }
  return { usable, unsupported };
}

function location(m: Obj): { latitude: number; longitude: number } | undefined {
  const c = obj(obj(m.geo)?.coordinates);
  const latitude = num(c?.latitude);
  const longitude = num(c?.longitude);
  return latitude !== null && longitude !== null ? { latitude, longitude } : undefined;
}

/** Our keyboards carry `{"id": "<button id>"}`; VK's «Начать» carries `{"command": "start"}`. */
export function buttonOf(payload: unknown): string | null {
  let p: unknown = payload;
  if (typeof payload === 'string') {
    try {
      p = JSON.parse(payload);
    } catch {
      return null;
    }
  }
  const o = obj(p);
  if (typeof o?.id === 'string' && o.id) return o.id;
  return o?.command === 'start' ? 'start' : null;
}

export function parseCommand(text: string): string | null {
  const m = /^\/([A-Za-z0-9_]+)(?:\s|$)/.exec(text.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** When the resident wrote it: VK's own date, unless it is in our future (clocks differ). */
function writtenAt(m: Obj, receivedAt: Date): Date {
  const date = int(m.date);
  return date !== null && date > 0 && date * 1000 < receivedAt.getTime() ? new Date(date * 1000) : receivedAt;
}

function parseMessage(m: Obj, nameOf: (userId: string) => string | null, receivedAt: Date): ParsedVkEvent {
  const peer = int(m.peer_id);
  const from = int(m.from_id);
  if (peer === null || from === null)
    return { type: 'ignored', reason: 'message without peer_id or from_id' };
  if (m.out === 1 || m.out === true) return { type: 'ignored', reason: 'our own message' };
  if (!isPrivateDialog(peer, from)) return { type: 'ignored', reason: 'not a private dialog' };
  const text = (str(m.text) ?? '').trim();
  const { usable, unsupported } = attachments(m);
  const loc = location(m);
  const name = nameOf(String(from));
  const sender = { externalId: String(from), chatId: String(peer), name };
  const inbound: InboundMessage | null =
    text || usable.length || loc
      ? {
          channel: CHANNEL,
          sender,
          text,
          attachments: usable,
          location: loc,
          receivedAt: writtenAt(m, receivedAt),
        }
      : null;
  return {
    type: 'message',
    peerId: String(peer),
    fromId: String(from),
    name,
    text,
    button: buttonOf(m.payload),
    command: parseCommand(text),
    unsupported,
    inbound,
  };
}

/**
 * Only new messages matter: edits are ignored on purpose (the first version was registered already,
 * and an edit taken as new text would double the appeal), and so are joins, leaves and the rest.
 * `nameOf` gives the sender's name if we know it.
 */
export function parseVkEvent(
  payload: unknown,
  receivedAt: Date,
  nameOf: (userId: string) => string | null = () => null,
): ParsedVkEvent {
  const e = obj(payload);
  if (!e || typeof e.type !== 'string') return { type: 'ignored', reason: 'not a VK event' };
  if (e.type !== 'message_new') return { type: 'ignored', reason: `unsupported event ${e.type}` };
  const message = obj(obj(e.object)?.message);
  if (!message) return { type: 'ignored', reason: 'message_new without a message' };
  return parseMessage(message, nameOf, receivedAt);
}
