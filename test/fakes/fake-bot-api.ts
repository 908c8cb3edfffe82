/**
 * A small Bot API of our own on loopback: getUpdates honours `offset` (so a crash before confirmation
 * redelivers, as Telegram does) and failures come in Telegram's own shape: 429 with retry_after,
 * 403 for a blocked chat, 500 for a method. Every call is recorded.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  status: number;
  at: number;
}

export interface FakeUpdate {
  update_id: number;
  [kind: string]: unknown;
}

const SEND_METHODS = new Set(['sendMessage', 'editMessageText']);

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly sent: Array<{ message_id: number; chat_id: string; text: string; reply_markup?: unknown }> = [];
  private updates: FakeUpdate[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private rateLimited = { count: 0, retryAfterS: 1 };
  private readonly blocked = new Set<string>();
  private readonly failing = new Map<string, number>();
  private readonly oneShot = new Map<string, { ok: false; error_code: number; description: string }>();
  private waiters: Array<() => void> = [];
  private server: Server | null = null;
  /** While set, getUpdates confirms nothing: a bot that dies now gets the same updates again. */
  holdConfirmations = false;
  /** At most this many updates per getUpdates, to spread a burst over many polls. */
  maxBatch = 100;
  /** Called with each non-empty batch as it is served (e.g. to kill the bot mid-burst). */
  onServe: ((batch: FakeUpdate[]) => void) | null = null;

  /** The longest an idle getUpdates is held open, whatever `timeout` the bot asked for. */
  constructor(private readonly longPollCapMs = 300) {}

  async start(): Promise<this> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.all('/bot:token/:method', (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  /** What TELEGRAM_API_ROOT should be. */
  get url(): string {
    if (!this.server) throw new Error('the fake Bot API is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // --- controls -------------------------------------------------------------------------------

  /** The next `count` sends answer 429 with this retry_after. */
  rateLimitNextSends(count: number, retryAfterS: number): this {
    this.rateLimited = { count, retryAfterS };
    return this;
  }

  /** Sends to this chat answer 403 «bot was blocked by the user». */
  blockChat(chatId: string | number): this {
    this.blocked.add(String(chatId));
    return this;
  }

  /** The method answers HTTP `status` (500 by default), as the emulator does for what it lacks. */
  failMethod(method: string, status = 500): this {
    this.failing.set(method, status);
    return this;
  }

  /** The next call of `method` answers this Telegram error (e.g. 400 «message is not modified»). */
  refuseNext(method: string, error_code: number, description: string): this {
    this.oneShot.set(method, { ok: false, error_code, description });
    return this;
  }

  healMethod(method: string): this {
    this.failing.delete(method);
    return this;
  }

  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Omit<FakeUpdate, 'update_id'>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    for (const w of this.waiters.splice(0)) w();
    return update_id;
  }

  pushText(userId: number, text: string): number {
    const chat = { id: userId, type: 'private', first_name: `User${userId}` };
    const from = { id: userId, is_bot: false, first_name: `User${userId}` };
    return this.push({ message: { message_id: this.nextUpdateId, date: nowS(), chat, from, text } });
  }

  pushCallback(
    userId: number,
    data: string,
    message?: { message_id: number; chat: { id: number; type: string } },
  ) {
    const from = { id: userId, is_bot: false, first_name: `User${userId}` };
    return this.push({
      callback_query: { id: `cb${this.nextUpdateId}`, from, chat_instance: '1', data, message },
    });
  }

  /** Updates not yet confirmed by a getUpdates with a higher offset. */
  get unconfirmed(): number {
    return this.updates.length;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves when `method` has been called `count` times (any outcome). */
  async waitForCalls(method: string, count: number, timeoutMs = 10_000): Promise<ApiCall[]> {
    const until = Date.now() + timeoutMs;
    while (this.callsOf(method).length < count) {
      if (Date.now() > until) throw new Error(`${method}: ${this.callsOf(method).length}/${count} calls`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.callsOf(method);
  }

  // --- the API ----------------------------------------------------------------------------------

  private async handle(req: Request, res: Response) {
    const method = String(req.params.method);
    const payload = {
      ...(req.query as Record<string, unknown>),
      ...((req.body ?? {}) as Record<string, unknown>),
    };
    const answer = (status: number, body: unknown) => {
      this.calls.push({ method, payload, status, at: Date.now() });
      res.status(status).json(body);
    };
    const failStatus = this.failing.get(method);
    if (failStatus)
      return answer(failStatus, { ok: false, error_code: failStatus, description: 'Internal Server Error' });
    const once = this.oneShot.get(method);
    if (once) {
      this.oneShot.delete(method);
      return answer(once.error_code, once);
    }
    if (SEND_METHODS.has(method)) {
      const refusal = this.refuseSend(String(payload.chat_id));
      if (refusal) return answer(refusal.error_code, refusal);
    }
    if (method === 'getUpdates') return answer(200, { ok: true, result: await this.getUpdates(payload) });
    return answer(200, { ok: true, result: this.result(method, payload) });
  }

  private refuseSend(chatId: string) {
    if (this.rateLimited.count > 0) {
      this.rateLimited.count -= 1;
      const retry_after = this.rateLimited.retryAfterS;
      return {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retry_after}`,
        parameters: { retry_after },
      };
    }
    if (this.blocked.has(chatId))
      return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    return null;
  }

  private async getUpdates(p: Record<string, unknown>): Promise<FakeUpdate[]> {
    const offset = Number(p.offset ?? 0);
    // Telegram forgets everything below the offset: that is the confirmation.
    if (offset > 0 && !this.holdConfirmations)
      this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (this.updates.length === 0 && Number(p.timeout ?? 0) > 0) {
      const waitMs = Math.min(Number(p.timeout) * 1000, this.longPollCapMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const from = this.holdConfirmations ? 0 : offset;
    const limit = Math.min(this.maxBatch, Number(p.limit ?? 100));
    const batch = this.updates.filter((u) => u.update_id >= from).slice(0, limit);
    if (batch.length) this.onServe?.(batch);
    return batch;
  }

  private result(method: string, p: Record<string, unknown>): unknown {
    if (method === 'getMe') return { id: 42, is_bot: true, first_name: 'МЦУ', username: 'mcu_test_bot' };
    if (method === 'sendMessage') {
      const message_id = this.nextMessageId++;
      this.sent.push({
        message_id,
        chat_id: String(p.chat_id),
        text: String(p.text),
        reply_markup: p.reply_markup,
      });
      return { message_id, date: nowS(), chat: { id: Number(p.chat_id), type: 'private' }, text: p.text };
    }
    if (method === 'editMessageText') return { message_id: Number(p.message_id), date: nowS(), text: p.text };
    return true;
  }
}

function nowS(): number {
  return Math.floor(Date.now() / 1000);
}

export async function startFakeBotApi(longPollCapMs?: number): Promise<FakeBotApi> {
  return new FakeBotApi(longPollCapMs).start();
}
