/**
 * Receipt of VK events, shared by Bots Long Poll, the Callback API route and the start-up catch-up:
 * the raw event is stored in the inbox before anything else happens. A resident's message gets an id
 * made of its dialog and its number in that dialog, so the same message seen by long poll, by a
 * Callback retry and by the catch-up's history is one inbox row. Senders we have no name for are
 * looked up beside this (names.ts), never holding the event up.
 */
import type { NewInboxEvent } from '../../core/ports.ts';
import type { AdapterContext } from '../../main.ts';
import type { NameLookup } from './names.ts';
import { int, obj } from './payload.ts';

export const CHANNEL = 'vk';

/** A VK event as long poll and the Callback API deliver it: {type, object, group_id, event_id}. */
export interface RawVkEvent {
  type: string;
  object?: unknown;
  group_id?: number;
  event_id?: string;
  [key: string]: unknown;
}

/** Echoes of our own sends, edits and typing: nothing to do with them, so not worth a row. */
const NOT_STORED = new Set(['message_reply', 'message_edit', 'message_typing_state', 'message_read']);

export function isRawVkEvent(value: unknown): value is RawVkEvent {
  const e = obj(value);
  return e !== null && typeof e.type === 'string' && e.type.length > 0;
}

/** The dedupe key: `msg:<peer_id>:<conversation_message_id>` for messages, `ev:<event_id>` otherwise. */
export function externalIdOf(e: RawVkEvent): string | null {
  if (e.type === 'message_new') {
    const m = obj(obj(e.object)?.message);
    const peer = int(m?.peer_id);
    const cmid = int(m?.conversation_message_id);
    if (peer !== null && cmid !== null) return `msg:${peer}:${cmid}`;
    const id = int(m?.id);
    if (peer !== null && id) return `msgid:${peer}:${id}`;
  }
  return typeof e.event_id === 'string' && e.event_id ? `ev:${e.event_id}` : null;
}

export function shouldStore(e: RawVkEvent): boolean {
  return !NOT_STORED.has(e.type);
}

export interface Receiver {
  /** Stores a batch durably; resolves once it is in the database, with how many rows are new. */
  store(events: RawVkEvent[]): Promise<number>;
  /** No more events are stored after this; resolves when the stores in flight are done. */
  close(): Promise<void>;
}

export function createReceiver(
  ctx: AdapterContext,
  logger: AdapterContext['logger'],
  names?: NameLookup,
): Receiver {
  let open = true;
  const inFlight = new Set<Promise<unknown>>();

  async function put(events: RawVkEvent[]): Promise<number> {
    names?.learn(events);
    const receivedAt = ctx.deps.clock.now();
    const rows: NewInboxEvent[] = [];
    for (const e of events) {
      const externalId = externalIdOf(e);
      if (!shouldStore(e)) continue;
      if (!externalId) {
        logger.warn({ type: e.type }, 'vk: event without an id ignored');
        continue;
      }
      rows.push({ channel: CHANNEL, externalId, kind: e.type, payload: e, receivedAt });
    }
    if (rows.length === 0) return 0;
    const fresh = await ctx.deps.store.inbox.putMany(rows);
    ctx.activity.touch(CHANNEL);
    ctx.wake();
    const stored = fresh.filter(Boolean).length;
    if (stored < rows.length) logger.debug({ repeated: rows.length - stored }, 'vk: repeated events ignored');
    return stored;
  }

  return {
    async store(events) {
      // After stop, long poll may still hand over a batch: refusing it leaves the messages unread in VK
      // for the next start's catch-up, and makes a Callback request answer 5xx so VK retries it.
      if (!open) throw new Error('vk receiver is closed');
      const work = put(events);
      inFlight.add(work);
      try {
        return await work;
      } finally {
        inFlight.delete(work);
      }
    },
    async close() {
      open = false;
      await Promise.allSettled([...inFlight]);
    },
  };
}
