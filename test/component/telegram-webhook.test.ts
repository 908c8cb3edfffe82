import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountWebhook, secretMatches } from '../../src/bots/telegram/webhook.ts';
import { createLogger } from '../../src/logger.ts';
import type { Service } from '../../src/main.ts';
import { type FakeBotApi, startFakeBotApi } from '../fakes/fake-bot-api.ts';
import type { ConfigFixture } from '../support/service-fixture.ts';
import { startTelegramService, telegramFixture } from '../support/telegram-service.ts';

const SECRET = 'Webhook_Secret-0123456789';
const HOOK_PATH = '/telegram/hook-x1';

describe('telegram webhook mode', () => {
  let api: FakeBotApi;
  let fx: ConfigFixture;
  let service: Service;
  let hook: string;
  beforeAll(async () => {
    api = await startFakeBotApi();
    fx = telegramFixture(api.url, {
      TELEGRAM_WEBHOOK_URL: `https://mcu.example.ru${HOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    service = await startTelegramService(fx);
    const { port } = service.address();
    hook = `http://127.0.0.1:${port}${HOOK_PATH}`;
    await api.waitForCalls('setWebhook', 1);
  });
  afterAll(async () => {
    await service.stop().catch(() => {});
    await api.stop();
    fx.cleanup();
  });

  const post = (body: string, secret?: string) =>
    fetch(hook, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
      },
      body,
    });
  const update = (id: number) =>
    JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: 1,
        chat: { id: 21, type: 'private' },
        from: { id: 21, is_bot: false, first_name: 'А' },
        text: 'Яма во дворе',
      },
    });
  const rows = () => service.store.db.inboxEvent.count();

  it('when the service starts in webhook mode, then it registers the URL with the secret and does not poll', () => {
    expect(api.callsOf('setWebhook')[0]!.payload).toMatchObject({
      url: `https://mcu.example.ru${HOOK_PATH}`,
      secret_token: SECRET,
    });
    expect(api.callsOf('getUpdates')).toHaveLength(0);
  });

  it('when the secret is right, then the update is stored once and answered 200; a repeat is ignored', async () => {
    const before = await rows();
    expect((await post(update(1001), SECRET)).status).toBe(200);
    expect((await post(update(1001), SECRET)).status).toBe(200);
    expect(await rows()).toBe(before + 1);
    const row = await service.store.db.inboxEvent.findFirstOrThrow({ where: { externalId: '1001' } });
    expect(row).toMatchObject({ channel: 'telegram', kind: 'message' });
  });

  it('when the secret is wrong or missing, then the answer is 401 and nothing is stored', async () => {
    const before = await rows();
    expect((await post(update(2001), 'wrong-secret')).status).toBe(401);
    expect((await post(update(2002), `${SECRET}x`)).status).toBe(401);
    expect((await post(update(2003))).status).toBe(401);
    expect(await rows()).toBe(before);
  });

  it('when the body is malformed or not an update, then the answer is 400 and the service keeps working', async () => {
    const before = await rows();
    expect((await post('{not json', SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ message: {} }), SECRET)).status).toBe(400);
    expect((await post('', SECRET)).status).toBe(400);
    expect(await rows()).toBe(before);
    expect((await post(update(3001), SECRET)).status).toBe(200);
  });

  it('when comparing secrets, then only the exact secret matches, whatever the lengths', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches('', SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
  });

  it('when the route is closed for stop, then a valid update gets 503 (Telegram keeps it) and nothing is stored', async () => {
    const stored: unknown[] = [];
    const app = express();
    const route = mountWebhook(
      app,
      '/h',
      SECRET,
      { store: async (u) => stored.push(...u), settle: async () => {} },
      createLogger('silent'),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/h`;
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: update(4001),
      });
    try {
      expect((await send()).status).toBe(200);
      await route.close();
      expect((await send()).status).toBe(503);
      expect(stored).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
