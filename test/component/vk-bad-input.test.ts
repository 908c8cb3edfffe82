import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { TEXTS } from '../support/factories.ts';
import { memoryDestination } from '../support/service-fixture.ts';
import { until, useVkService } from '../support/vk-service.ts';

const PEER = 9001;

describe('bad input on the VK channel: polite replies or logged ignores, nothing crashes or is lost', () => {
  const logs = memoryDestination();
  const vk = useVkService({
    env: { VK_MERGE_WINDOW_MS: '0' },
    logger: createLogger('info', logs as unknown as DestinationStream),
    ready: async (service) => {
      const resident = await service.store.residents.ensure({
        channel: 'vk',
        externalId: String(PEER),
        chatId: String(PEER),
      });
      await service.store.residents.update(resident.id, { consentAt: new Date() });
    },
    longPoll: true,
  });

  const reply = (n: number) =>
    until(
      `reply ${n}`,
      () => vk.fake.deliveriesTo(PEER),
      (d) => d.length >= n,
    ).then((d) => d[n - 1]!.text);
  const ignored = (reason: string) =>
    until(
      `«${reason}» logged`,
      () => logs.records().find((r) => r.msg === 'vk: event ignored' && r.reason === reason),
      Boolean,
    );

  it('when a sticker, a voice message or an audio comes, then the resident is asked politely for text', async () => {
    vk.fake.write(PEER, '', { attachments: [{ type: 'sticker', sticker: { sticker_id: 1 } }] });
    expect(await reply(1)).toContain('опишите проблему текстом');
    vk.fake.write(PEER, '', {
      attachments: [{ type: 'audio_message', audio_message: { id: 1, owner_id: PEER } }],
    });
    vk.fake.write(PEER, '', { attachments: [{ type: 'audio', audio: { id: 2, owner_id: PEER } }] });
    expect(await reply(3)).toContain('Стикеры, голосовые и аудиосообщения');
    expect(await vk.service.store.db.appeal.count()).toBe(0);
  });

  it('when a text is far too long, then it is registered truncated with a note, not refused', async () => {
    vk.fake.write(PEER, `${TEXTS.pothole} ${'очень '.repeat(4000)}`);
    expect(await reply(4)).toContain('зарегистрировано, №');
    const appeal = (await vk.service.store.appeals.list({ limit: 1 }))[0]!;
    expect(appeal.text.length).toBeLessThanOrEqual(10_000);
    expect(appeal.intakeNote).toBeTruthy();
  });

  it('when events are unknown, malformed or from a group chat, then they are ignored with a log line', async () => {
    vk.fake.pushEvent('group_leave', { user_id: PEER, self: 1 });
    vk.fake.pushEvent('message_new', { client_info: {} });
    vk.fake.pushEvent('message_new', {
      message: { id: 1, peer_id: PEER, conversation_message_id: 99, text: 'x' },
    });
    vk.fake.write(2_000_000_001, 'сообщение из беседы', { from_id: PEER });
    await ignored('unsupported event group_leave');
    await ignored('message without peer_id or from_id');
    await ignored('not a private dialog');
    expect(await vk.service.store.db.inboxEvent.count({ where: { status: { not: 'done' } } })).toBe(0);
  });

  it('when a message_new carries no message, then it is ignored with a log and the next message still works', async () => {
    vk.fake.pushEvent('message_new', {});
    vk.fake.write(PEER, TEXTS.garbage);
    await ignored('message_new without a message');
    expect(await reply(5)).toContain('зарегистрировано, №');
  });

  it('when a button of an unknown or stale keyboard is pressed, then its text is taken as a message', async () => {
    vk.fake.write(PEER, 'Во дворе дома 7 сломана лавочка', { payload: '{"id":"legacy:42"}' });
    expect(await reply(6)).toContain('зарегистрировано, №');
    vk.fake.write(PEER, 'Да', { payload: '{"id":"rate:9:1"}' });
    expect(await reply(7)).toContain('зарегистрировано, №');
    expect(await vk.service.store.db.appeal.count()).toBe(4);
  });

  it('when the service is asked for /healthz after all that, then it is up and the VK adapter is active', async () => {
    const res = await fetch(`http://127.0.0.1:${vk.service.address().port}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { adapters: Record<string, string> }).adapters.vk).toBeTruthy();
  });
});
