/**
 * Raw Telegram Update (as stored in the inbox) → what it means for the conversation logic: a message
 * (with its core InboundMessage), a button press, or something to ignore. Payloads come from the
 * outside world, so every field is checked rather than trusted: a malformed update is ignored, not thrown.
 */
import type { InboundMessage } from '../../core/appeals/intake.ts';
import type { Attachment } from '../../core/model.ts';

export interface ChatRef {
  id: string;
  private: boolean;
}

export interface UserRef {
  id: string;
  name: string | null;
  username: string | null;
}

export interface Command {
  /** Lower-case, without the slash and the @bot suffix. */
  name: string;
  args: string;
}

export interface ParsedMessage {
  type: 'message';
  chat: ChatRef;
  from: UserRef;
  messageId: number;
  text: string;
  command: Command | null;
  /** The message this one replies to (a staff reply to a card). */
  replyTo: { messageId: number; text: string } | null;
  /** The resident's message in core terms; null for stickers, voice and the like. */
  inbound: InboundMessage | null;
}

export interface ParsedCallback {
  type: 'callback';
  chat: ChatRef | null;
  from: UserRef;
  data: string;
}

export type ParsedUpdate = ParsedMessage | ParsedCallback | { type: 'ignored'; reason: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const idOf = (v: unknown): string | null => (num(v) !== null ? String(v) : str(v));

function user(v: unknown): UserRef | null {
  const u = obj(v);
  const id = idOf(u?.id);
  if (!u || !id) return null;
  const name = [str(u.first_name), str(u.last_name)].filter(Boolean).join(' ');
  return { id, name: name || null, username: str(u.username) };
}

function chat(v: unknown): ChatRef | null {
  const c = obj(v);
  const id = idOf(c?.id);
  return c && id ? { id, private: c.type === 'private' } : null;
}

export function parseCommand(text: string): Command | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : null;
}

/** Photo (largest size), document, video, audio, contact: references only, files are not downloaded. */
function attachments(m: Obj, caption: string | undefined): Attachment[] {
  const out: Attachment[] = [];
  const photos = Array.isArray(m.photo) ? m.photo.map(obj).filter((p): p is Obj => p !== null) : [];
  const largest = photos.reduce<Obj | null>(
    (best, p) => (!best || (num(p.file_size) ?? 0) >= (num(best.file_size) ?? 0) ? p : best),
    null,
  );
  const push = (kind: Attachment['kind'], ref: string | null) => {
    if (ref) out.push(caption ? { kind, ref, caption } : { kind, ref });
  };
  push('photo', str(largest?.file_id));
  push('document', str(obj(m.document)?.file_id));
  push('video', str(obj(m.video)?.file_id));
  push('audio', str(obj(m.audio)?.file_id));
  // The phone itself goes to the resident (staff-only); the attachment just says a contact was shared.
  const contact = obj(m.contact);
  if (contact) out.push({ kind: 'contact', ref: `contact:${idOf(contact.user_id) ?? 'shared'}` });
  return out;
}

function location(m: Obj): { latitude: number; longitude: number } | undefined {
  const l = obj(m.location) ?? obj(obj(m.venue)?.location);
  const latitude = num(l?.latitude);
  const longitude = num(l?.longitude);
  return latitude !== null && longitude !== null ? { latitude, longitude } : undefined;
}

function toInbound(m: Obj, c: ChatRef, from: UserRef, text: string, receivedAt: Date): InboundMessage | null {
  const atts = attachments(m, str(m.caption) ?? undefined);
  const loc = location(m);
  const phone = str(obj(m.contact)?.phone_number) ?? undefined;
  if (!text && atts.length === 0 && !loc) return null;
  return {
    channel: 'telegram',
    sender: { externalId: from.id, chatId: c.id, name: from.name },
    text,
    attachments: atts,
    location: loc,
    address: str(obj(m.venue)?.address) ?? undefined,
    contactPhone: phone,
    receivedAt,
  };
}

function parseMessage(m: Obj, receivedAt: Date): ParsedUpdate {
  const c = chat(m.chat);
  const from = user(m.from);
  const messageId = num(m.message_id);
  if (!c || !from || messageId === null) return { type: 'ignored', reason: 'malformed message' };
  if (obj(m.from)?.is_bot === true) return { type: 'ignored', reason: 'from a bot' };
  const text = (str(m.text) ?? str(m.caption) ?? '').trim();
  const reply = obj(m.reply_to_message);
  const replyId = num(reply?.message_id);
  return {
    type: 'message',
    chat: c,
    from,
    messageId,
    text,
    command: str(m.text) ? parseCommand(text) : null,
    replyTo:
      reply && replyId !== null
        ? { messageId: replyId, text: str(reply.text) ?? str(reply.caption) ?? '' }
        : null,
    inbound: toInbound(m, c, from, text, receivedAt),
  };
}

/**
 * Edited messages are ignored on purpose: the first version was already registered, and treating an
 * edit as new text would double the appeal. Channel posts and membership changes are not ours either.
 */
export function parseUpdate(payload: unknown, receivedAt: Date): ParsedUpdate {
  const u = obj(payload);
  if (!u) return { type: 'ignored', reason: 'not an object' };
  const message = obj(u.message);
  if (message) return parseMessage(message, receivedAt);
  const cb = obj(u.callback_query);
  if (cb) {
    const from = user(cb.from);
    const data = str(cb.data);
    if (!from || !data) return { type: 'ignored', reason: 'malformed callback' };
    return { type: 'callback', chat: chat(obj(cb.message)?.chat), from, data };
  }
  return { type: 'ignored', reason: u.edited_message ? 'edited message' : 'unsupported update' };
}
