import { describe, expect, it } from 'vitest';
import { createOutboxDrainer } from '../../src/core/outbox/drain-outbox.ts';
import type { NewOutboxMessage } from '../../src/core/ports.ts';
import type { RetryPolicy } from '../../src/core/retry.ts';
import { RecordingSender } from '../fakes/recording-sender.ts';
import { recordingLogger, useResetTestEnv } from '../support/factories.ts';

const SMALL_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 };

describe('outbox', () => {
  const env = useResetTestEnv();

  const msg = (chatId: string, text: string, dedupeKey?: string): NewOutboxMessage => ({
    channel: 'telegram',
    chatId,
    kind: 'text',
    payload: { text, buttons: [] },
    dedupeKey,
  });
  const enqueue = async (...msgs: NewOutboxMessage[]) => {
    for (const m of msgs) await env.store.outbox.enqueue(m, env.clock.now());
    const rows = await env.store.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    return rows.slice(-msgs.length).map((r) => r.id);
  };
  const row = async (id: number) => (await env.store.db.outboxMessage.findUnique({ where: { id } }))!;
  const drainer = (sender: RecordingSender, retry: RetryPolicy = SMALL_RETRY) =>
    createOutboxDrainer(env.deps, { telegram: sender }, { logger: recordingLogger(), retry });

  it('when several chats have messages, then each chat gets its messages in order', async () => {
    const ids = await enqueue(msg('A', 'a1'), msg('B', 'b1'), msg('A', 'a2'), msg('B', 'b2'), msg('A', 'a3'));
    const sender = new RecordingSender(0);
    expect(await drainer(sender).drainOnce()).toEqual({
      sent: 5,
      retry: 0,
      dead: 0,
      waiting: 0,
      unsendable: 0,
    });
    const texts = (chat: string) => sender.attempts.filter((a) => a.chatId === chat).map((a) => a.text);
    expect(texts('A')).toEqual(['a1', 'a2', 'a3']);
    expect(texts('B')).toEqual(['b1', 'b2']);
    const first = await row(ids[0]!);
    expect(first).toMatchObject({ status: 'sent', attempts: 1, externalId: '1', sentAt: env.clock.now() });
  });

  it('when a chat has a minimum interval, then its second message waits until the clock passes it', async () => {
    const [a1, a2, b1] = await enqueue(msg('A', 'a1'), msg('A', 'a2'), msg('B', 'b1'));
    const sender = new RecordingSender(1_000);
    const d = drainer(sender);

    expect(await d.drainOnce()).toEqual({ sent: 2, retry: 0, dead: 0, waiting: 1, unsendable: 0 });
    expect(sender.delivered).toEqual([a1, b1]);
    expect((await row(a2!)).status).toBe('pending');
    expect(d.nextWakeMs(env.clock.now().getTime())).toBe(1_000);

    env.clock.advance(999);
    expect(await d.drainOnce()).toMatchObject({ sent: 0, waiting: 1 });

    env.clock.advance(1);
    expect(await d.drainOnce()).toEqual({ sent: 1, retry: 0, dead: 0, waiting: 0, unsendable: 0 });
    expect(sender.delivered).toEqual([a1, b1, a2]);
  });

  it('when the channel answers 429 with retry_after, then the message waits exactly that long and its chat is blocked', async () => {
    const [a1, a2, b1] = await enqueue(msg('A', 'a1'), msg('A', 'a2'), msg('B', 'b1'));
    const sender = new RecordingSender(0).failNext({ kind: 'rate_limited', retryAfterMs: 5_000 });
    const d = drainer(sender);
    const t0 = env.clock.now().getTime();

    expect(await d.drainOnce()).toEqual({ sent: 1, retry: 1, dead: 0, waiting: 1, unsendable: 0 });
    expect(sender.delivered).toEqual([b1]); // another chat is not held back
    const limited = await row(a1!);
    expect(limited).toMatchObject({ status: 'pending', attempts: 1 });
    expect(limited.nextAttemptAt.getTime()).toBe(t0 + 5_000);
    expect(limited.lastError).toContain('rate_limited');

    env.clock.advance(4_999);
    // a1 is not due and a2 must not overtake it.
    expect(await d.drainOnce()).toMatchObject({ sent: 0, retry: 0 });
    expect(sender.delivered).toEqual([b1]);

    env.clock.advance(1);
    expect(await d.drainOnce()).toMatchObject({ sent: 2, retry: 0 });
    expect(sender.delivered).toEqual([b1, a1, a2]);
  });

  it('when the drainer restarts while a message waits out its retry, then later messages of that chat still wait', async () => {
    const [a1, a2, b1] = await enqueue(msg('A', 'a1'), msg('A', 'a2'), msg('B', 'b1'));
    const sender = new RecordingSender(0).failNext({ kind: 'rate_limited', retryAfterMs: 30_000 });
    await drainer(sender).drainOnce();
    expect(sender.delivered).toEqual([b1]);

    // A new process has no memory of the chat's slot; only the stored nextAttemptAt remains.
    const restarted = drainer(sender);
    env.clock.advance(10_000);
    await restarted.drainOnce();
    expect(sender.delivered).toEqual([b1]);
    expect((await row(a2!)).status).toBe('pending');

    env.clock.advance(20_000);
    await restarted.drainOnce();
    expect(sender.delivered).toEqual([b1, a1, a2]);
  });

  it('when the bot is blocked by the user (permanent), then the message is dead and never retried', async () => {
    const [a1, a2] = await enqueue(msg('A', 'a1'), msg('A', 'a2'));
    const sender = new RecordingSender(0).failNext({
      kind: 'permanent',
      reason: 'bot was blocked by the user',
    });
    const d = drainer(sender);

    expect(await d.drainOnce()).toEqual({ sent: 1, retry: 0, dead: 1, waiting: 0, unsendable: 0 });
    expect(await row(a1!)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(sender.delivered).toEqual([a2]);

    env.clock.advance(24 * 3_600_000);
    expect(await d.drainOnce()).toEqual({ sent: 0, retry: 0, dead: 0, waiting: 0, unsendable: 0 });
    expect(sender.attempts.filter((a) => a.id === a1)).toHaveLength(1);
    expect(await env.store.outbox.stats()).toMatchObject({ pending: 0, dead: 1 });
  });

  it('when sends keep failing transiently, then they are retried with growing backoff and dead after maxAttempts', async () => {
    const [a1] = await enqueue(msg('A', 'a1'));
    const sender = new RecordingSender(0).failEveryTime({ kind: 'transient' });
    const d = drainer(sender);

    expect(await d.drainOnce()).toMatchObject({ retry: 1 });
    let r = await row(a1!);
    let delay = r.nextAttemptAt.getTime() - env.clock.now().getTime();
    expect(r.attempts).toBe(1);
    expect(delay).toBeGreaterThanOrEqual(750); // 1 s ± 25 %
    expect(delay).toBeLessThanOrEqual(1_250);

    env.clock.advance(delay - 1);
    expect(await d.drainOnce()).toEqual({ sent: 0, retry: 0, dead: 0, waiting: 0, unsendable: 0 });

    env.clock.advance(1);
    expect(await d.drainOnce()).toMatchObject({ retry: 1 });
    r = await row(a1!);
    delay = r.nextAttemptAt.getTime() - env.clock.now().getTime();
    expect(r.attempts).toBe(2);
    expect(delay).toBeGreaterThanOrEqual(1_500); // 2 s ± 25 %
    expect(delay).toBeLessThanOrEqual(2_500);

    env.clock.advance(delay);
    expect(await d.drainOnce()).toMatchObject({ dead: 1 });
    expect(await row(a1!)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(sender.attempts).toHaveLength(3);

    env.clock.advance(3_600_000);
    await d.drainOnce();
    expect(sender.attempts).toHaveLength(3);
  });

  it('when a transient failure clears, then the message is sent on the retry', async () => {
    const [a1] = await enqueue(msg('A', 'a1'));
    const sender = new RecordingSender(0).failNext({ kind: 'transient' });
    const d = drainer(sender);
    await d.drainOnce();
    env.clock.advance(2_000);
    expect(await d.drainOnce()).toMatchObject({ sent: 1 });
    expect(await row(a1!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when a message with the same dedupe key is enqueued twice, then only one is stored and sent', async () => {
    await env.store.outbox.enqueue(msg('A', 'напоминание', 'reminder:1'), env.clock.now());
    await env.store.outbox.enqueue(msg('A', 'напоминание ещё раз', 'reminder:1'), env.clock.now());
    await env.store.outbox.enqueue(msg('A', 'без ключа'), env.clock.now());
    await env.store.outbox.enqueue(msg('A', 'без ключа'), env.clock.now());
    expect(await env.store.db.outboxMessage.count({ where: { dedupeKey: 'reminder:1' } })).toBe(1);
    expect(await env.store.db.outboxMessage.count()).toBe(3);
    const sender = new RecordingSender(0);
    await drainer(sender).drainOnce();
    expect(sender.attempts.map((a) => a.text)).toEqual(['напоминание', 'без ключа', 'без ключа']);
  });

  it('when a channel has no sender, then its messages wait and others are sent', async () => {
    await env.store.outbox.enqueue({ ...msg('X', 'vk text'), channel: 'vk' }, env.clock.now());
    const [a1] = await enqueue(msg('A', 'a1'));
    const sender = new RecordingSender(0);
    expect(await drainer(sender).drainOnce()).toEqual({
      sent: 1,
      retry: 0,
      dead: 0,
      waiting: 0,
      unsendable: 1,
    });
    expect(sender.delivered).toEqual([a1]);
  });
});
