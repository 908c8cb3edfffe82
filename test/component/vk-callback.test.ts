import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { memoryDestination } from '../support/service-fixture.ts';
import { until, useVkService, VK_CONFIRMATION, VK_GROUP, VK_SECRET } from '../support/vk-service.ts';

describe('the VK Callback API route (POST /vk/callback)', () => {
  const logs = memoryDestination();
  const vk = useVkService({
    env: { VK_CALLBACK_SECRET: VK_SECRET, VK_CONFIRMATION_CODE: VK_CONFIRMATION },
    logger: createLogger('info', logs as unknown as DestinationStream),
  });

  const post = async (body: unknown) => {
    const url = `http://127.0.0.1:${vk.service.address().port}/vk/callback`;
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    return [res.status, await res.text()] as const;
  };
  const stored = () => vk.service.store.db.inboxEvent.count({ where: { channel: 'vk' } });

  it('when VK asks for confirmation with the right secret, then the confirmation code is answered', async () => {
    expect(await post({ type: 'confirmation', group_id: VK_GROUP, secret: VK_SECRET })).toEqual([
      200,
      VK_CONFIRMATION,
    ]);
    expect(vk.fake.calls.some((c) => c.method === 'groups.getLongPollServer')).toBe(false);
  });

  it('when the secret is wrong or missing, then 403 and nothing is stored', async () => {
    const event = vk.fake.write(6001, 'Нет света в подъезде');
    expect(await post({ ...event, secret: 'WrongSecret1' })).toEqual([403, 'forbidden']);
    expect(await post({ ...event })).toEqual([403, 'forbidden']);
    expect(await post({ type: 'confirmation', group_id: VK_GROUP, secret: 'nope' })).toEqual([
      403,
      'forbidden',
    ]);
    expect(await stored()).toBe(0);
  });

  it('when a message arrives, then it is stored before «ok» and the resident gets the consent notice', async () => {
    const event = vk.fake.write(6002, 'Не горят фонари на улице Мира');
    expect(await post(vk.fake.callbackBody(event, VK_SECRET))).toEqual([200, 'ok']);
    const row = await vk.service.store.db.inboxEvent.findFirst({ where: { externalId: 'msg:6002:1' } });
    expect(row?.kind).toBe('message_new');
    expect(JSON.parse(row!.payload)).not.toHaveProperty('secret');
    const notice = await until(
      'consent notice',
      () => vk.fake.deliveriesTo(6002),
      (d) => d.length === 1,
    );
    expect(notice[0]?.buttons?.[0]?.[0]?.label).toBe('Согласен');
  });

  it('when VK retries the same event_id, then «ok» again and nothing new is stored or sent', async () => {
    const event = vk.fake.write(6003, 'Открыт люк во дворе дома 3');
    const body = vk.fake.callbackBody(event, VK_SECRET);
    expect(await post(body)).toEqual([200, 'ok']);
    await until(
      'first notice',
      () => vk.fake.deliveriesTo(6003),
      (d) => d.length === 1,
    );
    const before = await stored();
    expect(await post(body)).toEqual([200, 'ok']);
    const join = vk.fake.callbackBody(
      { type: 'group_join', object: { user_id: 6003 }, event_id: 'join-1' },
      VK_SECRET,
    );
    expect(await post(join)).toEqual([200, 'ok']);
    expect(await post(join)).toEqual([200, 'ok']);
    expect(await stored()).toBe(before + 1);
    await vk.service.worker.drainInboxNow();
    expect(vk.fake.deliveriesTo(6003)).toHaveLength(1);
  });

  it('when the body is malformed, then 400 and nothing is stored', async () => {
    const before = await stored();
    expect(await post('{not json')).toEqual([400, 'body is not JSON']);
    expect(await post({ secret: VK_SECRET, object: {} })).toEqual([400, 'not a VK event']);
    const noIds = {
      type: 'message_new',
      group_id: VK_GROUP,
      object: { message: { text: 'x' } },
      secret: VK_SECRET,
    };
    expect(await post(noIds)).toEqual([400, 'event without event_id']);
    expect(
      await post({ type: 'message_new', group_id: 1, event_id: 'x', object: {}, secret: VK_SECRET }),
    ).toEqual([400, 'wrong group']);
    expect(await stored()).toBe(before);
  });

  it('when an unknown event type comes, then it is stored, marked done and ignored with a log line', async () => {
    const body = vk.fake.callbackBody(
      { type: 'wall_post_new', object: { id: 1 }, event_id: 'wall-1' },
      VK_SECRET,
    );
    expect(await post(body)).toEqual([200, 'ok']);
    await until(
      'the log line',
      () => logs.records().find((r) => r.msg === 'vk: event ignored' && r.kind === 'wall_post_new'),
      Boolean,
    );
    const row = await vk.service.store.db.inboxEvent.findFirst({ where: { externalId: 'ev:wall-1' } });
    expect(row?.status).toBe('done');
  });
});
