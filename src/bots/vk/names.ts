/**
 * Residents' names for the staff cards. A VK message carries only the sender's id (Telegram's carries
 * first and last name), so a sender we have no name for is looked up with users.get, beside the
 * intake and never in its way: the event is stored and handled at once, and the answer, whenever it
 * comes, is kept in memory for the inbox handler (which passes it on as Telegram passes its own) and
 * written to a record already created without it. Senders that arrive together (one long poll
 * response, one catch-up dialog) share one request. A failure only costs the name, with a warning.
 */
import type { ResidentRepository } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { describeError, vkErrorCode } from './errors.ts';
import { int, isPrivateDialog, obj } from './payload.ts';
import type { RawVkEvent } from './receive.ts';

/** vk-io retries error 6 itself, silently; a lookup unanswered this long is worth a warning. */
export const NAME_SLOW_MS = 2_000;
/** VK's limit of ids per users.get call. */
const MAX_IDS = 1_000;
/** Names learnt lately: the handler reads them, and a resident's next events do not ask again. */
const CACHE_SIZE = 1_000;

/** The part of vk-io's API this needs (vk-io's own `api` fits). */
export interface UsersApi {
  users: { get(params: { user_ids: number[] }): Promise<unknown> };
}

export interface NameLookup {
  /** Starts looking up the senders of these events; returns at once and never throws. */
  learn(events: RawVkEvent[]): void;
  /** The name learnt for a VK user id, from memory (the inbox handler must not use the network). */
  nameOf(userId: string): string | null;
  /** No more lookups, and no writes after the ones in progress. */
  close(): Promise<void>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The resident writing in their own dialog; null for anything else (chats, our echoes, other events). */
function senderOf(e: RawVkEvent): number | null {
  if (e.type !== 'message_new') return null;
  const m = obj(obj(e.object)?.message);
  const from = int(m?.from_id);
  const peer = int(m?.peer_id);
  if (from === null || peer === null || !isPrivateDialog(peer, from)) return null;
  return m?.out === 1 || m?.out === true ? null : from;
}

/** users.get's answer → id → «Имя Фамилия»; deleted and banned profiles have no real name. */
function namesFrom(response: unknown): Map<number, string> {
  const out = new Map<number, string>();
  for (const u of Array.isArray(response) ? response.map(obj) : []) {
    const id = int(u?.id);
    const name = [str(u?.first_name), str(u?.last_name)].filter(Boolean).join(' ');
    if (id !== null && name && !u?.deactivated) out.set(id, name);
  }
  return out;
}

export function createNameLookup(
  api: UsersApi,
  store: { residents: Pick<ResidentRepository, 'findByExternal' | 'update'> },
  logger: Logger,
  o: { channel: string; slowMs?: number },
): NameLookup {
  const cache = new Map<string, string>();
  const busy = new Set<Promise<unknown>>();
  let closed = false;
  let pending: Set<number> | null = null;
  /** Database work is tracked so close() can wait for it; the network is not (see close). */
  const db = <T>(op: () => Promise<T>): Promise<T> => {
    const p = op();
    busy.add(p);
    p.then(
      () => busy.delete(p),
      () => busy.delete(p),
    );
    return p;
  };

  async function ask(ids: number[]): Promise<Map<number, string>> {
    const slow = setTimeout(() => {
      logger.warn({ users: ids.length }, 'vk: users.get is slow (rate limit or network); names come later');
    }, o.slowMs ?? NAME_SLOW_MS);
    try {
      return namesFrom(await api.users.get({ user_ids: ids }));
    } finally {
      clearTimeout(slow);
    }
  }

  /** Asks for the senders not already named, then fills records the handler created without a name. */
  async function lookUp(ids: number[]) {
    const known = await db(() =>
      Promise.all(ids.map((id) => store.residents.findByExternal(o.channel, String(id)))),
    );
    const wanted = ids.filter((id, i) => !known[i]?.name && !cache.has(String(id))).slice(0, MAX_IDS);
    if (wanted.length === 0) return;
    const found = await ask(wanted);
    for (const id of wanted) {
      // '' remembers a page with no name to give (deleted, banned), so it is not asked for again.
      const name = found.get(id) ?? '';
      cache.set(String(id), name);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      if (closed || !name) continue;
      await db(async () => {
        const r = await store.residents.findByExternal(o.channel, String(id));
        if (r && !r.name) await store.residents.update(r.id, { name });
      });
    }
  }

  function flush() {
    const ids = [...(pending ?? [])];
    pending = null;
    if (closed || ids.length === 0) return;
    void lookUp(ids).catch((error: unknown) => {
      const fields = { users: ids.length, code: vkErrorCode(error), err: describeError(error) };
      logger.warn(fields, 'vk: users.get failed; these residents stay without a name for now');
    });
  }

  return {
    learn(events) {
      const ids = events.map(senderOf).filter((id): id is number => id !== null);
      if (closed || ids.length === 0) return;
      // vk-io hands over a long poll response's events in one go: one request per turn of the loop.
      if (!pending) {
        pending = new Set();
        setImmediate(flush);
      }
      for (const id of ids) pending.add(id);
    },
    nameOf: (userId) => cache.get(userId) || null,
    async close() {
      closed = true;
      // A users.get vk-io keeps retrying (error 6) is not waited for: its answer will write nothing.
      await Promise.allSettled([...busy]);
    },
  };
}
