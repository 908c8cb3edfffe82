import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/main.ts';
import { TEXTS } from '../support/factories.ts';
import { until, useTelegramServices } from '../support/telegram-service.ts';

const USERS = [11, 12, 13, 14, 15];

describe('telegram polling (real telegraf, fake Bot API)', () => {
  const tg = useTelegramServices(USERS);
  const start = () => tg.start();
  const counts = async (s: Service) => ({
    inbox: await s.store.db.inboxEvent.count(),
    done: await s.store.db.inboxEvent.count({ where: { status: 'done' } }),
    appeals: await s.store.db.appeal.count(),
  });

  it('when the service stops before confirming updates 1..5, then a restart gets them again and each is exactly one appeal', async () => {
    for (const u of USERS) tg.api.pushText(u, `${TEXTS.pothole}, дом ${u}`);
    tg.api.holdConfirmations = true;
    const first = await start();
    // Held confirmations make the fake repeat the batch on every poll: the unique inbox drops the repeats.
    await until(
      '5 stored',
      () => counts(first),
      (c) => c.inbox === 5,
    );
    await until(
      'several polls',
      async () => tg.api.callsOf('getUpdates').length,
      (n) => n >= 3,
    );
    await tg.stop(first);
    expect(tg.api.unconfirmed).toBe(5);

    tg.api.holdConfirmations = false;
    const polledBefore = tg.api.callsOf('getUpdates').length;
    const second = await start();
    await until(
      'redelivered and confirmed',
      async () => tg.api.unconfirmed,
      (n) => n === 0,
    );
    expect(tg.api.callsOf('getUpdates').length).toBeGreaterThan(polledBefore);
    const c = await until(
      'all processed',
      () => counts(second),
      (v) => v.done === 5,
    );
    expect(c).toEqual({ inbox: 5, done: 5, appeals: 5 });
    const ids = (await second.store.db.inboxEvent.findMany()).map((e) => e.externalId).sort();
    expect(ids).toEqual(['1', '2', '3', '4', '5']);
  });

  it('when setMyCommands answers 500, then the bot still receives and registers messages', async () => {
    tg.api.failMethod('setMyCommands');
    tg.api.pushText(11, TEXTS.garbage);
    const s = await start();
    await until(
      'one appeal',
      () => counts(s),
      (c) => c.appeals === 1,
    );
    expect(tg.api.callsOf('setMyCommands').map((c) => c.status)).toEqual([500]);
  });

  it('when getUpdates fails with 500 for a while, then polling retries and nothing is lost', async () => {
    tg.api.failMethod('getUpdates');
    tg.api.pushText(12, TEXTS.leak);
    const s = await start();
    await tg.api.waitForCalls('getUpdates', 2);
    tg.api.healMethod('getUpdates');
    await until(
      'one appeal',
      () => counts(s),
      (c) => c.appeals === 1,
    );
  });

  it('when a button is pressed, then the raw update is stored and the callback is answered at once', async () => {
    const id = tg.api.pushCallback(13, 'rate:5:1', { message_id: 7, chat: { id: 13, type: 'private' } });
    const s = await start();
    const [answer] = await tg.api.waitForCalls('answerCallbackQuery', 1);
    const served = tg.api.callsOf('getUpdates').find((c) => c.status === 200 && c.at <= answer!.at);
    expect(answer!.at - served!.at).toBeLessThan(1_000);
    const row = await s.store.db.inboxEvent.findFirstOrThrow();
    expect(row).toMatchObject({ externalId: String(id), kind: 'callback_query' });
    expect(JSON.parse(row.payload).callback_query.data).toBe('rate:5:1');
  });
});
