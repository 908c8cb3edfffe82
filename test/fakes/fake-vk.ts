/**
 * A fake VK API and Bots Long Poll server for tests (loopback only), grown from
 * ../shared/examples/fake-vk.mjs: residents' dialogs with read marks (for the start-up catch-up),
 * messages.send with VK's random_id dedupe, users.get from residents' profiles, injected API errors,
 * events delivered to long poll in one batch, and Callback API bodies.
 */
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';

export interface FakeMessage {
  id: number;
  date: number;
  peer_id: number;
  from_id: number;
  text: string;
  out: 0 | 1;
  conversation_message_id: number;
  attachments: unknown[];
  payload?: string;
  geo?: unknown;
}

export interface Delivery {
  peerId: number;
  text: string;
  randomId: number;
  messageId: number;
  /** The keyboard's buttons as [label, id] rows; null without a keyboard. */
  buttons: Array<Array<{ label: string; id: string }>> | null;
  inline: boolean;
}

export interface RawEvent {
  type: string;
  object: Record<string, unknown>;
  group_id: number;
  event_id: string;
  v: string;
}

type Params = Record<string, string>;
type Dialog = { messages: FakeMessage[]; inRead: number };

function parseKeyboard(raw: string | undefined): Pick<Delivery, 'buttons' | 'inline'> {
  if (!raw) return { buttons: null, inline: false };
  const k = JSON.parse(raw) as {
    inline?: boolean;
    buttons: Array<Array<{ action: { label: string; payload?: string } }>>;
  };
  const buttons = k.buttons.map((row) =>
    row.map((b) => ({
      label: b.action.label,
      id: (JSON.parse(b.action.payload ?? '{}') as { id?: string }).id ?? '',
    })),
  );
  return { buttons, inline: Boolean(k.inline) };
}

export function createFakeVk({ groupId = 1, token = 'test-token' } = {}) {
  const app = express();
  app.use(express.urlencoded({ extended: true }));
  const calls: Array<{ method: string; params: Params }> = [];
  const deliveries: Delivery[] = [];
  const dialogs = new Map<number, Dialog>();
  const byRandom = new Map<string, number>();
  const failures = new Map<string, number[]>();
  const blocked = new Map<number, number>();
  const lpQueue: Array<{ ts: number; event: RawEvent }> = [];
  const profiles = new Map<number, { first_name: string; last_name: string }>();
  let batching = false;
  let ts = 1;
  let nextId = 100;
  let waiters: Array<() => void> = [];
  let loseResponses = 0;
  let replayNext = false;
  const now = () => Math.floor(Date.now() / 1000);
  const dialog = (peer: number) =>
    dialogs.get(peer) ?? dialogs.set(peer, { messages: [], inRead: 0 }).get(peer)!;
  const lastIncoming = (d: Dialog) => Math.max(0, ...d.messages.filter((m) => m.out === 0).map((m) => m.id));
  const unreadOf = (d: Dialog) => d.messages.filter((m) => m.out === 0 && m.id > d.inRead);

  function event(type: string, object: Record<string, unknown>): RawEvent {
    return { type, object, group_id: groupId, event_id: `e${ts}-${type}`, v: '5.199' };
  }

  function pushEvent(e: RawEvent) {
    lpQueue.push({ ts, event: e });
    ts += 1;
    if (!batching) wakeWaiters();
  }

  function wakeWaiters() {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  }

  function send(p: Params) {
    const peerId = Number(p.peer_id);
    const randomId = Number(p.random_id);
    const key = `${peerId}:${randomId}`;
    // VK drops a repeated random_id and answers with the message it already has.
    if (byRandom.has(key)) return byRandom.get(key)!;
    const d = dialog(peerId);
    const message: FakeMessage = {
      id: nextId++,
      date: now(),
      peer_id: peerId,
      from_id: -groupId,
      text: p.message ?? '',
      out: 1,
      conversation_message_id: d.messages.length + 1,
      attachments: [],
    };
    d.messages.push(message);
    d.inRead = lastIncoming(d);
    byRandom.set(key, message.id);
    deliveries.push({
      peerId,
      text: message.text,
      randomId,
      messageId: message.id,
      ...parseKeyboard(p.keyboard),
    });
    pushEvent(event('message_reply', { ...message }));
    return message.id;
  }

  const handlers: Record<string, (p: Params, req: Request) => unknown> = {
    'groups.getById': () => ({
      groups: [{ id: groupId, name: 'Test community', screen_name: `club${groupId}`, type: 'group' }],
    }),
    'groups.getLongPollServer': (_p, req) => {
      const from = replayNext ? 1 : ts;
      replayNext = false;
      return { key: 'lpkey', server: `http://${req.headers.host}/lp`, ts: String(from) };
    },
    'messages.send': send,
    // VK answers every existing id; a page we know nothing of is shown as VK shows a deleted one.
    'users.get': (p) =>
      String(p.user_ids ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number)
        .map((id) =>
          profiles.has(id)
            ? { id, ...profiles.get(id)!, can_access_closed: true, is_closed: false }
            : { id, first_name: 'DELETED', last_name: '', deactivated: 'deleted' },
        ),
    'messages.getConversations': () => {
      const items = [...dialogs]
        .filter(([, d]) => unreadOf(d).length > 0)
        .map(([peer, d]) => ({
          conversation: {
            peer: { id: peer, type: 'user', local_id: peer },
            in_read: d.inRead,
            unread_count: unreadOf(d).length,
          },
          last_message: d.messages.at(-1),
        }));
      return { count: items.length, items, profiles: [] };
    },
    'messages.getHistory': (p) => {
      const items = [...dialog(Number(p.peer_id)).messages].reverse();
      const offset = Number(p.offset ?? 0);
      return { count: items.length, items: items.slice(offset, offset + Number(p.count ?? 20)) };
    },
    'messages.markAsRead': (p) => {
      const d = dialog(Number(p.peer_id));
      d.inRead = lastIncoming(d);
      return 1;
    },
  };

  const fail = (res: Response, code: number) =>
    res.json({ error: { error_code: code, error_msg: `fake error ${code}`, request_params: [] } });

  app.post('/method/:method', (req, res) => {
    const method = String(req.params.method);
    const params = req.body as Params;
    calls.push({ method, params });
    if (params.access_token !== token) return fail(res, 5);
    const queued = failures.get(method);
    if (queued?.length) return fail(res, queued.shift()!);
    if (method === 'messages.send' && blocked.has(Number(params.peer_id)))
      return fail(res, blocked.get(Number(params.peer_id))!);
    const h = handlers[method];
    if (!h) return fail(res, 3);
    const response = h(params, req);
    // The send happened, but its answer is lost on the way back (VK error 10, a timeout…).
    if (method === 'messages.send' && loseResponses > 0) {
      loseResponses -= 1;
      return fail(res, 10);
    }
    res.json({ response });
  });

  app.get('/lp', (req, res) => {
    const from = Number(req.query.ts);
    const reply = () =>
      res.json({ ts: String(ts), updates: lpQueue.filter((u) => u.ts >= from).map((u) => u.event) });
    if (lpQueue.some((u) => u.ts >= from)) return reply();
    const t = setTimeout(
      () => {
        waiters = waiters.filter((w) => w !== wake);
        reply();
      },
      Number(req.query.wait ?? 25) * 1000,
    );
    const wake = () => {
      clearTimeout(t);
      reply();
    };
    waiters.push(wake);
  });

  /** A resident writes to the community: kept in their dialog (unread) and offered to long poll. */
  function write(peerId: number, text: string, extra: Partial<FakeMessage> = {}): RawEvent {
    const d = dialog(peerId);
    const message: FakeMessage = {
      id: nextId++,
      date: now(),
      peer_id: peerId,
      from_id: peerId,
      text,
      out: 0,
      conversation_message_id: d.messages.length + 1,
      attachments: [],
      ...extra,
    };
    d.messages.push(message);
    const e = event('message_new', {
      message,
      client_info: { button_actions: ['text'], keyboard: true, inline_keyboard: true },
    });
    pushEvent(e);
    return e;
  }

  let server: Server | null = null;
  return {
    app,
    calls,
    deliveries,
    write,
    /** A press of one of our text buttons: VK sends the label as text and the payload alongside. */
    press: (peerId: number, button: { label: string; id: string }) =>
      write(peerId, button.label, { payload: JSON.stringify({ id: button.id }) }),
    pushEvent: (type: string, object: Record<string, unknown>) => pushEvent(event(type, object)),
    /** A resident's VK profile, for users.get. */
    profile(userId: number, firstName: string, lastName: string) {
      profiles.set(userId, { first_name: firstName, last_name: lastName });
    },
    /** What `fn` writes reaches long poll as one response, as VK batches events that come together. */
    batch(fn: () => void) {
      batching = true;
      try {
        fn();
      } finally {
        batching = false;
        wakeWaiters();
      }
    },
    /** The next `times` calls of `method` answer VK error `code`. */
    failNext(method: string, code: number, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array<number>(times).fill(code)]);
    },
    /** The next `n` sends are made but answered with error 10, as when the answer is lost. */
    loseNextResponses(n = 1) {
      loseResponses += n;
    },
    /** The next long poll connection replays every event from the start (a worst case for dedupe). */
    replayLongPollOnConnect() {
      replayNext = true;
    },
    /** Every send to this peer fails with `code` (901: messages not allowed, 902: privacy). */
    block: (peerId: number, code: number) => void blocked.set(peerId, code),
    sendsTo: (peerId: number) =>
      calls.filter((c) => c.method === 'messages.send' && Number(c.params.peer_id) === peerId),
    deliveriesTo: (peerId: number) => deliveries.filter((d) => d.peerId === peerId),
    unreadCount: (peerId: number) => unreadOf(dialog(peerId)).length,
    /** A Callback API body for an event, signed with `secret`. */
    callbackBody: (e: Pick<RawEvent, 'type' | 'object'> & Partial<RawEvent>, secret: string) => ({
      ...event(e.type, e.object),
      ...e,
      secret,
    }),
    async listen(): Promise<string> {
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    },
    async close() {
      for (const w of waiters) w();
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}

export type FakeVk = ReturnType<typeof createFakeVk>;
