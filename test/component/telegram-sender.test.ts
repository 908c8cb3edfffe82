import { Telegram } from 'telegraf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramSender } from '../../src/bots/telegram/sender.ts';
import { createOutboxDrainer } from '../../src/core/outbox/drain-outbox.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeBotApi, startFakeBotApi } from '../fakes/fake-bot-api.ts';
import { recordingLogger, registerAppeal } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

const STAFF_CHAT = '-100500';

describe('telegram sender through the outbox (fake Bot API)', () => {
  let api: FakeBotApi;
  let env: TestEnv;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api.stop());
  beforeEach(async () => {
    env = await openTestEnv();
    api.calls.length = 0;
    api.sent.length = 0;
  });
  afterEach(() => env.close());

  const drainer = () => {
    const telegram = new Telegram('1:TEST', { apiRoot: api.url, webhookReply: false });
    const sender = createTelegramSender(
      env.deps,
      telegram,
      { groupIntervalMs: 0, privateIntervalMs: 0 },
      createLogger('silent'),
    );
    return createOutboxDrainer(env.deps, { telegram: sender }, { logger: recordingLogger() });
  };
  const text = (chatId: string, t: string, buttons: Array<Array<{ id: string; label: string }>> = []) =>
    env.store.outbox.enqueue(
      { channel: 'telegram', chatId, kind: 'text', payload: { text: t, buttons } },
      env.clock.now(),
    );
  const rows = () => env.store.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });

  it('when a send gets 429 retry_after=2, then it is retried no sooner than 2 s later', async () => {
    await text('777', 'привет');
    api.rateLimitNextSends(1, 2);
    const d = drainer();
    expect(await d.drainOnce()).toMatchObject({ sent: 0, retry: 1 });
    const [row] = await rows();
    expect(row!.nextAttemptAt.getTime() - env.clock.now().getTime()).toBe(2_000);

    env.clock.advance(1_999);
    expect(await d.drainOnce()).toMatchObject({ sent: 0 });
    expect(api.callsOf('sendMessage')).toHaveLength(1);
    env.clock.advance(1);
    expect(await d.drainOnce()).toMatchObject({ sent: 1 });
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2, externalId: '1' });
  });

  it('when a resident blocked the bot (403), then that message is dead, never retried, and other chats still get theirs', async () => {
    api.blockChat('666');
    await text('666', 'вам');
    await text('555', 'другому');
    const d = drainer();
    expect(await d.drainOnce()).toMatchObject({ sent: 1, dead: 1 });
    env.clock.advance(3_600_000);
    expect(await d.drainOnce()).toMatchObject({ sent: 0, retry: 0, dead: 0 });
    expect(api.callsOf('sendMessage').filter((c) => c.payload.chat_id === '666')).toHaveLength(1);
    const [blocked, other] = await rows();
    expect(blocked).toMatchObject({
      status: 'dead',
      lastError: expect.stringContaining('blocked by the user'),
    });
    expect(other).toMatchObject({ status: 'sent' });
  });

  it('when sendMessage answers 500, then the message is retried later (transient) and delivered', async () => {
    await text('777', 'повтор');
    api.failMethod('sendMessage');
    const d = drainer();
    expect(await d.drainOnce()).toMatchObject({ retry: 1 });
    api.healMethod('sendMessage');
    env.clock.advance(60_000);
    expect(await d.drainOnce()).toMatchObject({ sent: 1 });
  });

  it('when a text has buttons, then they become an inline keyboard with the button id as callback data', async () => {
    await text('777', 'Оцените', [[{ id: 'rate:5:1', label: '5' }]]);
    await drainer().drainOnce();
    expect(api.sent[0]!.reply_markup).toEqual({
      inline_keyboard: [[{ text: '5', callback_data: 'rate:5:1' }]],
    });
  });

  it('when a staff card is queued again, then the posted card is edited; «not modified» counts as sent; a vanished card is posted anew', async () => {
    const appeal = await registerAppeal(env.deps);
    const d = drainer();
    await d.drainOnce();
    const posted = api.sent.find((s) => s.chat_id === STAFF_CHAT)!;
    expect(posted.text).toContain(appeal.number);

    const requeue = () =>
      env.store.outbox.enqueue(
        {
          channel: 'telegram',
          chatId: STAFF_CHAT,
          kind: 'staff_card',
          payload: { appealId: appeal.id },
          appealId: appeal.id,
        },
        env.clock.now(),
      );
    await requeue();
    expect(await d.drainOnce()).toMatchObject({ sent: 1 });
    expect(api.callsOf('editMessageText').at(-1)!.payload).toMatchObject({
      chat_id: STAFF_CHAT,
      message_id: posted.message_id,
    });

    await requeue();
    api.refuseNext('editMessageText', 400, 'Bad Request: message is not modified');
    expect(await d.drainOnce()).toMatchObject({ sent: 1, dead: 0 });

    await requeue();
    api.refuseNext('editMessageText', 400, 'Bad Request: message to edit not found');
    expect(await d.drainOnce()).toMatchObject({ sent: 1 });
    const cards = api.sent.filter((s) => s.chat_id === STAFF_CHAT);
    expect(cards).toHaveLength(2);
    expect((await rows()).at(-1)).toMatchObject({ status: 'sent', externalId: String(cards[1]!.message_id) });
  });
});
