import { describe, expect, it } from 'vitest';
import { intakeMessages } from '../../src/core/appeals/intake.ts';
import { createInboxProcessor, type InboxHandler } from '../../src/core/inbox/process-inbox.ts';
import type { RetryPolicy } from '../../src/core/retry.ts';
import {
  intakeHandler,
  recordingLogger,
  TEXTS,
  textPayload,
  toInbound,
  useResetTestEnv,
} from '../support/factories.ts';

const SMALL_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000 };

describe('inbox', () => {
  const env = useResetTestEnv();

  const put = (externalId: string, text: string, channel = 'telegram') =>
    env.store.inbox.put({
      channel,
      externalId,
      kind: 'message',
      payload: textPayload(text, `u${externalId}`),
      receivedAt: env.clock.now(),
    });
  const appealCount = () => env.store.db.appeal.count();
  const eventRows = () => env.store.db.inboxEvent.findMany({ orderBy: { id: 'asc' } });

  it('when the same (channel, externalId) is put twice, then one row is stored and the second says inserted:false', async () => {
    const first = await put('1', TEXTS.pothole);
    const second = await put('1', 'другой текст повторной доставки');
    const otherChannel = await put('1', TEXTS.pothole, 'vk');
    expect(first.inserted).toBe(true);
    expect(second).toEqual({ id: first.id, inserted: false });
    expect(otherChannel.inserted).toBe(true);
    const rows = await eventRows();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]!.payload)).toEqual(textPayload(TEXTS.pothole, 'u1'));
  });

  it('when N events are drained, then N appeals are made; draining again makes nothing more', async () => {
    const texts = [TEXTS.pothole, TEXTS.garbage, TEXTS.leak, TEXTS.pothole];
    for (const [i, t] of texts.entries()) await put(String(i), `${t} #${i}`);
    const processor = createInboxProcessor(
      env.deps,
      { telegram: intakeHandler(env.deps) },
      { logger: recordingLogger() },
    );

    expect(await processor.drainOnce()).toEqual({ done: 4, failed: 0 });
    const appeals = await env.store.db.appeal.findMany({ orderBy: { id: 'asc' } });
    expect(appeals.map((a) => a.text)).toEqual(texts.map((t, i) => `${t} #${i}`));
    expect((await eventRows()).every((e) => e.status === 'done' && e.processedAt !== null)).toBe(true);

    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 0 });
    expect(await appealCount()).toBe(4);
    expect(await env.store.inbox.stats()).toEqual({ pending: 0, dead: 0, oldestPendingAt: null });
  });

  it('when the handler crashes mid-batch, then nothing is kept and the events stay pending; the next drain makes one appeal each', async () => {
    for (let i = 0; i < 3; i++) await put(String(i), `${TEXTS.pothole} #${i}`);
    let crashing = true;
    const handler: InboxHandler = async (events, tx) => {
      // Register the first event, then die before the batch finishes.
      await intakeMessages(env.deps, tx, events.slice(0, 1).map(toInbound));
      if (crashing) throw new Error('simulated crash');
      await intakeMessages(env.deps, tx, events.slice(1).map(toInbound));
    };
    const processor = createInboxProcessor(
      env.deps,
      { telegram: handler },
      { logger: recordingLogger(), retry: SMALL_RETRY },
    );

    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 3 });
    expect(await appealCount()).toBe(0);
    expect(await env.store.db.outboxMessage.count()).toBe(0);
    expect(await env.store.db.resident.count()).toBe(0);
    const rows = await eventRows();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(rows[0]!.lastError).toContain('simulated crash');

    crashing = false;
    env.clock.advance(10_000);
    expect(await processor.drainOnce()).toEqual({ done: 3, failed: 0 });
    const appeals = await env.store.db.appeal.findMany({ orderBy: { id: 'asc' } });
    expect(appeals.map((a) => a.text)).toEqual([0, 1, 2].map((i) => `${TEXTS.pothole} #${i}`));
    // The rolled-back attempt did not burn numbers.
    expect(appeals.map((a) => a.number)).toEqual(['2026-000001', '2026-000002', '2026-000003']);
  });

  it('when one event is poison, then the others are processed and it is retried with backoff until dead', async () => {
    await put('1', `${TEXTS.pothole} #1`);
    await put('2', 'POISON');
    await put('3', `${TEXTS.garbage} #3`);
    const handler: InboxHandler = async (events, tx) => {
      if (events.some((e) => (e.payload as { text: string }).text === 'POISON'))
        throw new Error('cannot parse');
      await intakeHandler(env.deps)(events, tx);
    };
    const logger = recordingLogger();
    const processor = createInboxProcessor(env.deps, { telegram: handler }, { logger, retry: SMALL_RETRY });

    expect(await processor.drainOnce()).toEqual({ done: 2, failed: 1 });
    expect(await appealCount()).toBe(2);
    let poison = (await eventRows())[1]!;
    expect(poison).toMatchObject({ status: 'pending', attempts: 1 });
    // Backoff of attempt 1: 1 s ± 25 %.
    const delay1 = poison.nextAttemptAt.getTime() - env.clock.now().getTime();
    expect(delay1).toBeGreaterThanOrEqual(750);
    expect(delay1).toBeLessThanOrEqual(1_250);

    // Not due yet: nothing happens.
    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 0 });

    env.clock.advance(1_300);
    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 1 });
    poison = (await eventRows())[1]!;
    expect(poison).toMatchObject({ status: 'pending', attempts: 2 });
    const delay2 = poison.nextAttemptAt.getTime() - env.clock.now().getTime();
    expect(delay2).toBeGreaterThanOrEqual(1_500);
    expect(delay2).toBeLessThanOrEqual(2_500);

    env.clock.advance(2_600);
    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 1 });
    poison = (await eventRows())[1]!;
    expect(poison).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error: cannot parse' });
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);

    env.clock.advance(60_000);
    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 0 });
    expect(await appealCount()).toBe(2);
    expect(await env.store.inbox.stats()).toMatchObject({ pending: 0, dead: 1 });
  });

  it('when events come from a channel with no handler, then they are marked dead and others still run', async () => {
    await put('1', TEXTS.pothole, 'max');
    await put('2', TEXTS.garbage, 'telegram');
    const processor = createInboxProcessor(
      env.deps,
      { telegram: intakeHandler(env.deps) },
      { logger: recordingLogger() },
    );
    expect(await processor.drainOnce()).toEqual({ done: 1, failed: 1 });
    const rows = await eventRows();
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['max', 'dead'],
      ['telegram', 'done'],
    ]);
    expect(rows[0]!.lastError).toContain('no handler');
    expect(await appealCount()).toBe(1);
  });

  it('when an event was received later than now, then it waits until its time', async () => {
    await env.store.inbox.put({
      channel: 'telegram',
      externalId: 'future',
      kind: 'message',
      payload: textPayload(TEXTS.pothole, 'u1'),
      receivedAt: new Date(env.clock.now().getTime() + 5_000),
    });
    const processor = createInboxProcessor(
      env.deps,
      { telegram: intakeHandler(env.deps) },
      { logger: recordingLogger() },
    );
    expect(await processor.drainOnce()).toEqual({ done: 0, failed: 0 });
    env.clock.advance(5_000);
    expect(await processor.drainOnce()).toEqual({ done: 1, failed: 0 });
  });
});
