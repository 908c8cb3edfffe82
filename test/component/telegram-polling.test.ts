import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main.ts';
import { type FakeBotApi, startFakeBotApi } from '../fakes/fake-bot-api.ts';
import { TEXTS } from '../support/factories.ts';
import type { ConfigFixture } from '../support/service-fixture.ts';
import {
  consentedResidents,
  startTelegramService,
  telegramFixture,
  until,
} from '../support/telegram-service.ts';

const USERS = [11, 12, 13, 14, 15];

describe('telegram polling (real telegraf, fake Bot API)', () => {
  let api: FakeBotApi;
  let fx: ConfigFixture;
  const running: Service[] = [];
  beforeEach(async () => {
    api = await startFakeBotApi();
    fx = telegramFixture(api.url);
    await consentedResidents(fx.dbUrl, USERS);
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop().catch(() => {});
    await api.stop();
    fx.cleanup();
  });
  const start = async () => {
    const s = await startTelegramService(fx);
    running.push(s);
    return s;
  };
  const counts = async (s: Service) => ({
    inbox: await s.store.db.inboxEvent.count(),
    done: await s.store.db.inboxEvent.count({ where: { status: 'done' } }),
    appeals: await s.store.db.appeal.count(),
  });

  it('when the service stops before confirming updates 1..5, then a restart gets them again and each is exactly one appeal', async () => {
    for (const u of USERS) api.pushText(u, `${TEXTS.pothole}, дом ${u}`);
    api.holdConfirmations = true;
    const first = await start();
    // Held confirmations make the fake repeat the batch on every poll: the unique inbox drops the repeats.
    await until(
      '5 stored',
      () => counts(first),
      (c) => c.inbox === 5,
    );
    await until(
      'several polls',
      async () => api.callsOf('getUpdates').length,
      (n) => n >= 3,
    );
    await first.stop();
    running.length = 0;
    expect(api.unconfirmed).toBe(5);

    api.holdConfirmations = false;
    const polledBefore = api.callsOf('getUpdates').length;
    const second = await start();
    await until(
      'redelivered and confirmed',
      async () => api.unconfirmed,
      (n) => n === 0,
    );
    expect(api.callsOf('getUpdates').length).toBeGreaterThan(polledBefore);
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
    api.failMethod('setMyCommands');
    api.pushText(11, TEXTS.garbage);
    const s = await start();
    await until(
      'one appeal',
      () => counts(s),
      (c) => c.appeals === 1,
    );
    expect(api.callsOf('setMyCommands').map((c) => c.status)).toEqual([500]);
  });

  it('when getUpdates fails with 500 for a while, then polling retries and nothing is lost', async () => {
    api.failMethod('getUpdates');
    api.pushText(12, TEXTS.leak);
    const s = await start();
    await api.waitForCalls('getUpdates', 2);
    api.healMethod('getUpdates');
    await until(
      'one appeal',
      () => counts(s),
      (c) => c.appeals === 1,
    );
  });

  it('when a button is pressed, then the raw update is stored and the callback is answered at once', async () => {
    const id = api.pushCallback(13, 'rate:5:1', { message_id: 7, chat: { id: 13, type: 'private' } });
    const s = await start();
    const [answer] = await api.waitForCalls('answerCallbackQuery', 1);
    const served = api.callsOf('getUpdates').find((c) => c.status === 200 && c.at <= answer!.at);
    expect(answer!.at - served!.at).toBeLessThan(1_000);
    const row = await s.store.db.inboxEvent.findFirstOrThrow();
    expect(row).toMatchObject({ externalId: String(id), kind: 'callback_query' });
    expect(JSON.parse(row.payload).callback_query.data).toBe('rate:5:1');
  });
});
