import { describe, expect, it } from 'vitest';
import { APIError } from 'vk-io';
import { classifySendError } from '../../src/bots/vk/errors.ts';
import { randomIdOf } from '../../src/bots/vk/sender.ts';
import { toChat } from '../../src/core/notify.ts';
import { until, useVkService } from '../support/vk-service.ts';

const apiError = (code: number) =>
  new APIError({ error_code: code, error_msg: `e${code}`, request_params: [] });

describe('the VK sender classifies API errors', () => {
  it('when VK answers 6, then it is rate limited; 901, 902 and 5 are permanent; 10 and network errors transient', () => {
    expect(classifySendError(apiError(6))).toEqual({ kind: 'rate_limited', retryAfterMs: 1000 });
    for (const code of [901, 902, 5]) expect(classifySendError(apiError(code)).kind).toBe('permanent');
    expect(classifySendError(apiError(10))).toEqual({ kind: 'transient' });
    expect(classifySendError(new TypeError('fetch failed'))).toEqual({ kind: 'transient' });
  });

  it('when outbox ids are large, then random_id stays a positive int32 and differs between rows', () => {
    expect(randomIdOf(1)).toBe(1);
    expect(randomIdOf(2_147_483_646)).toBe(2_147_483_646);
    expect(randomIdOf(2_147_483_647)).toBe(1);
    expect(randomIdOf(41)).not.toBe(randomIdOf(42));
  });
});

describe('the VK sender through the outbox (vk-io against the fake VK)', () => {
  const vk = useVkService();

  const enqueue = async (peer: number, text: string) => {
    await vk.service.store.outbox.enqueue(toChat('vk', String(peer), text), new Date());
    vk.service.worker.wake();
    const row = await vk.service.store.db.outboxMessage.findFirst({
      where: { chatId: String(peer) },
      orderBy: { id: 'desc' },
    });
    return row!.id;
  };
  const rowOf = (id: number) => vk.service.store.db.outboxMessage.findUniqueOrThrow({ where: { id } });
  const settled = (id: number) =>
    until(
      `outbox ${id}`,
      () => rowOf(id),
      (r) => r.status !== 'pending',
    );

  it('when VK answers 6 (too many requests), then the send is retried and delivered once with the same random_id', async () => {
    vk.fake.failNext('messages.send', 6, 2);
    const id = await enqueue(8001, 'Ваше обращение зарегистрировано');
    const row = await settled(id);
    expect(row.status).toBe('sent');
    expect(vk.fake.sendsTo(8001).map((c) => Number(c.params.random_id))).toEqual([id, id, id]);
    expect(vk.fake.deliveriesTo(8001)).toHaveLength(1);
    expect(row.externalId).toBe(String(vk.fake.deliveriesTo(8001)[0]!.messageId));
  });

  it('when the answer to a send is lost, then the retry reuses random_id and VK shows the message once', async () => {
    vk.fake.loseNextResponses(1);
    const id = await enqueue(8002, 'Ответ по обращению');
    const row = await until(
      'sent after a retry',
      () => rowOf(id),
      (r) => r.status === 'sent',
      10_000,
    );
    expect(row.attempts).toBe(2);
    expect(vk.fake.sendsTo(8002)).toHaveLength(2);
    expect(vk.fake.deliveriesTo(8002)).toHaveLength(1);
    expect(row.externalId).toBe(String(vk.fake.deliveriesTo(8002)[0]!.messageId));
  });

  for (const [peer, code] of [
    [8003, 901],
    [8004, 902],
  ] as const) {
    it(`when VK answers ${code}, then the message is recorded dead and not retried`, async () => {
      vk.fake.block(peer, code);
      const id = await enqueue(peer, 'Статус обращения изменён');
      const row = await settled(id);
      expect(row.status).toBe('dead');
      expect(row.lastError).toContain(`№${code}`);
      await vk.service.worker.flushOutbox(300);
      expect(vk.fake.sendsTo(peer)).toHaveLength(1);
      expect(vk.fake.deliveriesTo(peer)).toHaveLength(0);
    });
  }

  it('when the community has bot features off (912), then the text goes out without the keyboard', async () => {
    vk.fake.failNext('messages.send', 912, 1);
    const id = await enqueue(8005, 'Спасибо за оценку!');
    expect((await settled(id)).status).toBe('sent');
    const [withKeyboard, plain] = vk.fake.sendsTo(8005);
    expect(withKeyboard?.params.keyboard).toBeTruthy();
    expect(plain?.params.keyboard).toBeUndefined();
    expect(vk.fake.deliveriesTo(8005)[0]).toMatchObject({ text: 'Спасибо за оценку!', buttons: null });
  });
});
