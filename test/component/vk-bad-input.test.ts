import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import type { Service } from '../../src/main.ts';
import { createFakeVk, type FakeVk } from '../fakes/fake-vk.ts';
import { TEXTS } from '../support/factories.ts';
import { type ConfigFixture, memoryDestination } from '../support/service-fixture.ts';
import { startVkService, until, VK_GROUP, VK_TOKEN, vkFixture } from '../support/vk-service.ts';

const PEER = 9001;

describe('bad input on the VK channel: polite replies or logged ignores, nothing crashes or is lost', () => {
  let fake: FakeVk;
  let fx: ConfigFixture;
  let service: Service;
  const logs = memoryDestination();

  beforeAll(async () => {
    fake = createFakeVk({ groupId: VK_GROUP, token: VK_TOKEN });
    fx = vkFixture(await fake.listen(), { VK_MERGE_WINDOW_MS: '0' });
    service = await startVkService(fx, {
      logger: createLogger('info', logs as unknown as DestinationStream),
    });
    const resident = await service.store.residents.ensure({
      channel: 'vk',
      externalId: String(PEER),
      chatId: String(PEER),
    });
    await service.store.residents.update(resident.id, { consentAt: new Date() });
    await until('long poll', () => fake.calls.some((c) => c.method === 'groups.getLongPollServer'), Boolean);
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    fx?.cleanup();
  });

  const reply = (n: number) =>
    until(
      `reply ${n}`,
      () => fake.deliveriesTo(PEER),
      (d) => d.length >= n,
    ).then((d) => d[n - 1]!.text);
  const ignored = (reason: string) =>
    until(
      `«${reason}» logged`,
      () => logs.records().find((r) => r.msg === 'vk: event ignored' && r.reason === reason),
      Boolean,
    );

  it('when a sticker, a voice message or an audio comes, then the resident is asked politely for text', async () => {
    fake.write(PEER, '', { attachments: [{ type: 'sticker', sticker: { sticker_id: 1 } }] });
    expect(await reply(1)).toContain('опишите проблему текстом');
    fake.write(PEER, '', {
      attachments: [{ type: 'audio_message', audio_message: { id: 1, owner_id: PEER } }],
    });
    fake.write(PEER, '', { attachments: [{ type: 'audio', audio: { id: 2, owner_id: PEER } }] });
    expect(await reply(3)).toContain('Стикеры, голосовые и аудиосообщения');
    expect(await service.store.db.appeal.count()).toBe(0);
  });

  it('when a text is far too long, then it is registered truncated with a note, not refused', async () => {
    fake.write(PEER, `${TEXTS.pothole} ${'очень '.repeat(4000)}`);
    expect(await reply(4)).toContain('зарегистрировано, №');
    const appeal = (await service.store.appeals.list({ limit: 1 }))[0]!;
    expect(appeal.text.length).toBeLessThanOrEqual(10_000);
    expect(appeal.intakeNote).toBeTruthy();
  });

  it('when events are unknown, malformed or from a group chat, then they are ignored with a log line', async () => {
    fake.pushEvent('group_leave', { user_id: PEER, self: 1 });
    fake.pushEvent('message_new', { client_info: {} });
    fake.pushEvent('message_new', {
      message: { id: 1, peer_id: PEER, conversation_message_id: 99, text: 'x' },
    });
    fake.write(2_000_000_001, 'сообщение из беседы', { from_id: PEER });
    await ignored('unsupported event group_leave');
    await ignored('message without peer_id or from_id');
    await ignored('not a private dialog');
    expect(await service.store.db.inboxEvent.count({ where: { status: { not: 'done' } } })).toBe(0);
  });

  it('when a message_new carries no message, then it is ignored with a log and the next message still works', async () => {
    fake.pushEvent('message_new', {});
    fake.write(PEER, TEXTS.garbage);
    await ignored('message_new without a message');
    expect(await reply(5)).toContain('зарегистрировано, №');
  });

  it('when a button of an unknown or stale keyboard is pressed, then its text is taken as a message', async () => {
    fake.write(PEER, 'Во дворе дома 7 сломана лавочка', { payload: '{"id":"legacy:42"}' });
    expect(await reply(6)).toContain('зарегистрировано, №');
    fake.write(PEER, 'Да', { payload: '{"id":"rate:9:1"}' });
    expect(await reply(7)).toContain('зарегистрировано, №');
    expect(await service.store.db.appeal.count()).toBe(4);
  });

  it('when the service is asked for /healthz after all that, then it is up and the VK adapter is active', async () => {
    const res = await fetch(`http://127.0.0.1:${service.address().port}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { adapters: Record<string, string> }).adapters.vk).toBeTruthy();
  });
});
