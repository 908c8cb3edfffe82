import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/main.ts';
import { createFakeVk, type FakeVk } from '../fakes/fake-vk.ts';
import { TEXTS } from '../support/factories.ts';
import type { ConfigFixture } from '../support/service-fixture.ts';
import { startVkService, until, VK_GROUP, VK_TOKEN, vkFixture } from '../support/vk-service.ts';

const EARLY = 7001;
const NEWCOMER = 7002;

describe('VK catch-up after downtime', () => {
  let fake: FakeVk;
  let fx: ConfigFixture;
  let service: Service | null = null;

  const start = async () => {
    service = await startVkService(fx);
    const polls = fake.calls.filter((c) => c.method === 'messages.getConversations').length;
    // The catch-up runs once long poll is up; waiting for it makes each start deterministic.
    await until(
      'catch-up',
      () => fake.calls.filter((c) => c.method === 'messages.getConversations').length,
      (n) => n > polls,
    );
    return service;
  };
  const stop = async () => {
    await service?.stop();
    service = null;
  };
  const registrations = (peer: number) =>
    fake.deliveriesTo(peer).filter((d) => d.text.includes('зарегистрировано, №'));

  beforeAll(async () => {
    fake = createFakeVk({ groupId: VK_GROUP, token: VK_TOKEN });
    // No merging: each message written during downtime must be its own appeal to be counted.
    fx = vkFixture(await fake.listen(), { VK_MERGE_WINDOW_MS: '0' });
  });
  afterAll(async () => {
    await stop();
    await fake?.close();
    fx?.cleanup();
  });

  it('when residents write while the service is down, then at start their messages are registered once', async () => {
    const first = await start();
    fake.write(EARLY, TEXTS.leak);
    await until(
      'consent notice',
      () => fake.deliveriesTo(EARLY),
      (d) => d.length === 1,
    );
    fake.press(EARLY, { label: 'Согласен', id: 'consent' });
    await until(
      'registration',
      () => registrations(EARLY),
      (d) => d.length === 1,
    );
    expect(await first.store.db.appeal.count()).toBe(1);
    await stop();

    fake.write(EARLY, TEXTS.garbage);
    fake.write(NEWCOMER, TEXTS.pothole);
    expect(fake.unreadCount(EARLY)).toBe(1);
    // Worst case for dedupe: the new long poll connection also replays everything it ever sent.
    fake.replayLongPollOnConnect();

    const second = await start();
    await until(
      'second registration',
      () => registrations(EARLY),
      (d) => d.length === 2,
    );
    await until(
      'newcomer consent',
      () => fake.deliveriesTo(NEWCOMER),
      (d) => d.length === 1,
    );
    await second.worker.drainInboxNow();
    expect(await second.store.db.appeal.count()).toBe(2);
    const rows = await second.store.db.inboxEvent.findMany({ where: { channel: 'vk' } });
    expect(rows.map((r) => r.externalId).sort()).toEqual([
      `msg:${EARLY}:1`,
      `msg:${EARLY}:3`,
      `msg:${EARLY}:5`,
      `msg:${NEWCOMER}:1`,
    ]);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    expect(fake.unreadCount(EARLY)).toBe(0);
    expect(fake.unreadCount(NEWCOMER)).toBe(0);
  });

  it('when the service starts again with nothing unread, then nothing is registered or sent twice', async () => {
    const sent = fake.deliveries.length;
    const third = await start();
    await third.worker.drainInboxNow();
    expect(await third.store.db.appeal.count()).toBe(2);
    expect(await third.store.db.inboxEvent.count({ where: { channel: 'vk' } })).toBe(4);
    expect(registrations(EARLY)).toHaveLength(2);
    expect(fake.deliveries.length).toBe(sent);
  });
});
