/**
 * The background loops: drain the inbox (process what channels stored) and the outbox (send what
 * the core enqueued). Woken at once by new events, otherwise they poll; abortable for shutdown.
 */
import type { InboxProcessor } from '../core/inbox/process-inbox.ts';
import type { OutboxDrainer } from '../core/outbox/drain-outbox.ts';
import { linkedSignal, sleep } from '../core/retry.ts';
import type { Logger } from '../logger.ts';

const IDLE_POLL_MS = 1_000;

export interface Worker {
  /** Something was stored: run the loops now instead of at the next poll. */
  wake(): void;
  /** Processes everything due right now (tests, shutdown, `mcu` commands). */
  drainInboxNow(): Promise<void>;
  flushOutbox(deadlineMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startWorker(inbox: InboxProcessor, outbox: OutboxDrainer | null, logger: Logger): Worker {
  const abort = new AbortController();
  let wakeUp = new AbortController();
  const wait = async (ms: number) => {
    const either = linkedSignal([abort.signal, wakeUp.signal]);
    await sleep(ms, either.signal);
    either.dispose();
  };

  async function loop(name: string, step: () => Promise<number>) {
    while (!abort.signal.aborted) {
      try {
        await wait(await step());
      } catch (error) {
        logger.error({ err: error, loop: name }, 'worker loop failed; retrying');
        await wait(IDLE_POLL_MS * 5);
      }
      if (wakeUp.signal.aborted) wakeUp = new AbortController();
    }
  }

  const inboxStep = async () => {
    const r = await inbox.drainOnce();
    if (r.done > 0 || r.failed > 0) outboxWake();
    return r.done > 0 ? 0 : IDLE_POLL_MS;
  };
  const outboxStep = async () => {
    if (!outbox) return IDLE_POLL_MS * 5;
    const c = await outbox.drainOnce(abort.signal);
    return c.sent > 0 ? 0 : Math.min(IDLE_POLL_MS, outbox.nextWakeMs(Date.now()));
  };
  const outboxWake = () => wakeUp.abort();
  const loops = [loop('inbox', inboxStep), loop('outbox', outboxStep)];

  return {
    wake: () => wakeUp.abort(),
    async drainInboxNow() {
      for (let r = await inbox.drainOnce(); r.done > 0; r = await inbox.drainOnce()) {}
    },
    async flushOutbox(deadlineMs) {
      if (!outbox) return;
      const until = Date.now() + deadlineMs;
      while (Date.now() < until) {
        const c = await outbox.drainOnce();
        if (c.sent === 0 && c.retry === 0 && c.dead === 0) {
          if (c.waiting === 0) return;
          await sleep(Math.min(outbox.nextWakeMs(Date.now()), until - Date.now()));
        }
      }
    },
    async stop() {
      abort.abort();
      await Promise.allSettled(loops);
    },
  };
}
