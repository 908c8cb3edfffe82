/**
 * One contract for the store's bulk intake methods, run against both implementations: the SQLite
 * fast path the service uses and the portable Prisma versions kept for the PostgreSQL twin. Each
 * runs on its own database file.
 */
import { describe, expect, it } from 'vitest';
import { intakeMessages } from '../../src/core/appeals/intake.ts';
import type { BulkPath } from '../../src/store/create-store.ts';
import { AT, inboxEvent, item, newAppeal, outboxMsg } from '../support/bulk-fixtures.ts';
import { inboundMessage, TEXTS, useResetTestEnv } from '../support/factories.ts';

const LATER = new Date('2026-03-10T09:05:00Z');

describe.each<BulkPath>(['sqlite', 'prisma'])('store bulk methods (%s)', (bulk) => {
  const env = useResetTestEnv(AT.toISOString(), { bulk });
  const inboxRows = () => env.store.db.inboxEvent.findMany({ orderBy: { id: 'asc' } });

  describe('inbox.putMany', () => {
    it('when one call carries the same channel and external id twice, then it is stored once and the repeat is flagged false', async () => {
      const flags = await env.store.inbox.putMany([
        inboxEvent('1'),
        inboxEvent('2'),
        inboxEvent('1', { payload: { text: 'повтор' } }),
        inboxEvent('1', { channel: 'vk' }),
      ]);
      expect(flags).toEqual([true, true, false, true]);
      const rows = await inboxRows();
      expect(rows.map((r) => `${r.channel}:${r.externalId}`)).toEqual(['telegram:1', 'telegram:2', 'vk:1']);
      expect(JSON.parse(rows[0]!.payload)).toEqual(inboxEvent('1').payload);
    });

    it('when a batch is delivered again in part, then stored events are flagged false and left as they were', async () => {
      await env.store.inbox.putMany([inboxEvent('1'), inboxEvent('2')]);
      const flags = await env.store.inbox.putMany([
        inboxEvent('3', { receivedAt: LATER }),
        inboxEvent('2', { receivedAt: LATER, payload: { text: 'другое' } }),
        inboxEvent('4', { receivedAt: LATER }),
      ]);
      expect(flags).toEqual([true, false, true]);
      const rows = await inboxRows();
      expect(rows.map((r) => r.externalId)).toEqual(['1', '2', '3', '4']);
      expect(rows[1]).toMatchObject({ receivedAt: AT, payload: JSON.stringify(inboxEvent('2').payload) });
      for (const r of rows) {
        expect(r).toMatchObject({ status: 'pending', attempts: 0, lastError: null, processedAt: null });
        expect(r.nextAttemptAt).toEqual(r.receivedAt);
      }
      const due = await env.store.inbox.due(LATER, 10);
      expect(due.map((e) => e.externalId)).toEqual(['1', '2', '3', '4']);
      expect(due[2]).toMatchObject({ kind: 'message', payload: inboxEvent('3').payload, receivedAt: LATER });
    });

    it('when the batch is empty, then nothing is stored', async () => {
      expect(await env.store.inbox.putMany([])).toEqual([]);
      expect(await inboxRows()).toEqual([]);
    });
  });

  describe('inbox.markDoneMany', () => {
    it('when some events are marked done, then exactly those are done with the time and no error', async () => {
      await env.store.inbox.putMany([inboxEvent('1'), inboxEvent('2'), inboxEvent('3')]);
      const [a, b, c] = (await inboxRows()).map((r) => r.id);
      await env.store.inbox.markFailed(a!, 'сбой', AT);
      await env.store.inbox.markDoneMany([a!, c!], LATER);
      await env.store.inbox.markDoneMany([], LATER);
      const rows = await inboxRows();
      expect(rows.map((r) => [r.status, r.processedAt, r.lastError])).toEqual([
        ['done', LATER, null],
        ['pending', null, null],
        ['done', LATER, null],
      ]);
      expect((await env.store.inbox.due(LATER, 10)).map((e) => e.id)).toEqual([b]);
    });
  });

  describe('residents.ensureMany', () => {
    it('when known and new users come in one batch, then known ids are kept, new ones made once, in input order', async () => {
      const known = await env.store.residents.ensure({
        channel: 'vk',
        externalId: '5',
        chatId: '5',
        name: 'Анна',
      });
      const batch = [
        { channel: 'vk', externalId: '6', chatId: '6', name: 'Борис' },
        { channel: 'vk', externalId: '5', chatId: '5', name: 'Другое имя' },
        { channel: 'vk', externalId: '6', chatId: '6' },
        { channel: 'telegram', externalId: '5', chatId: '5' },
      ];
      const got = await env.store.residents.ensureMany(batch);
      expect(got.map((r) => `${r.channel}:${r.externalId}`)).toEqual(['vk:6', 'vk:5', 'vk:6', 'telegram:5']);
      expect(got[1]).toMatchObject({ id: known.id, name: 'Анна' });
      expect(got[2]!.id).toBe(got[0]!.id);
      expect(got[3]).toMatchObject({ name: null, phone: null, consentAt: null });
      expect(new Set(got.map((r) => r.id)).size).toBe(3);
      expect(await env.store.db.resident.count()).toBe(3);
      // What comes back is the stored row, in the same shapes a read gives.
      for (const r of got) expect(r).toEqual(await env.store.residents.get(r.id));
      const again = await env.store.residents.ensureMany([...batch].reverse());
      expect(again.map((r) => r.id)).toEqual(got.map((r) => r.id).reverse());
    });

    it('when the batch is empty, then nothing is returned', async () => {
      expect(await env.store.residents.ensureMany([])).toEqual([]);
    });
  });

  describe('appeals.createMany', () => {
    const createMany = (...texts: string[]) =>
      env.store.appeals.createMany(
        texts.map((t) => item(newAppeal(t))),
        'system',
        AT,
      );

    it('when two batches are created, then numbers run on within the year and results keep input order', async () => {
      const first = await createMany('a', 'b');
      const second = await createMany('c', 'd', 'e');
      expect([...first, ...second].map((a) => [a.text, a.number, a.seq])).toEqual([
        ['a', '2026-000001', 1],
        ['b', '2026-000002', 2],
        ['c', '2026-000003', 3],
        ['d', '2026-000004', 4],
        ['e', '2026-000005', 5],
      ]);
      for (const a of [...first, ...second]) expect(a).toEqual(await env.store.appeals.get(a.id));
      expect(first[0]).toMatchObject({ ...newAppeal('a'), createdAt: AT, updatedAt: AT });
    });

    it('when one batch mixes two years, then each year is numbered on its own', async () => {
      await createMany('a');
      const got = await env.store.appeals.createMany(
        [item(newAppeal('x')), item(newAppeal('y', { year: 2027 })), item(newAppeal('z'))],
        'system',
        AT,
      );
      expect(got.map((a) => a.number)).toEqual(['2026-000002', '2027-000001', '2026-000003']);
    });

    it('when the intake clock passes midnight of 31 December in Moscow, then numbering restarts in 2027', async () => {
      const intake = (n: number) =>
        env.store.transaction((tx) =>
          intakeMessages(
            env.deps,
            tx,
            Array.from({ length: n }, (_, i) => inboundMessage({ text: `${TEXTS.pothole} ${i}` })),
          ),
        );
      const numbers = async (n: number) =>
        (await intake(n)).map((r) => (r.status === 'registered' ? r.appeal.number : r.reason));
      env.clock.set('2026-12-31T20:59:00Z'); // 23:59 in Moscow
      expect(await numbers(2)).toEqual(['2026-000001', '2026-000002']);
      env.clock.set('2026-12-31T21:30:00Z'); // 00:30 on 1 January in Moscow, still 2026 in UTC
      expect(await numbers(2)).toEqual(['2027-000001', '2027-000002']);
    });

    it('when appeals are created, then each gets one created event and its attachments at the given time', async () => {
      const got = await env.store.appeals.createMany(
        [
          item(newAppeal('с фото'), [
            { kind: 'photo', ref: 'file-1', caption: 'яма' },
            { kind: 'link', ref: 'u' },
          ]),
          item(newAppeal('в разбор', { status: 'triage' })),
        ],
        'bot',
        LATER,
      );
      for (const a of got) {
        expect(await env.store.appeals.events(a.id)).toEqual([
          {
            id: expect.any(Number),
            appealId: a.id,
            type: 'created',
            fromStatus: null,
            toStatus: a.status,
            actor: 'bot',
            data: null,
            at: LATER,
          },
        ]);
      }
      expect(got.map((a) => a.status)).toEqual(['new', 'triage']);
      expect(await env.store.appeals.attachments(got[0]!.id)).toEqual([
        { kind: 'photo', ref: 'file-1', caption: 'яма' },
        { kind: 'link', ref: 'u', caption: undefined },
      ]);
      expect(await env.store.appeals.attachments(got[1]!.id)).toEqual([]);
      const stored = await env.store.db.attachment.findMany({ orderBy: { id: 'asc' } });
      expect(stored.map((s) => s.createdAt)).toEqual([LATER, LATER]);
    });

    it('when the batch is empty, then nothing is created and numbering is untouched', async () => {
      expect(await env.store.appeals.createMany([], 'system', AT)).toEqual([]);
      expect((await createMany('a'))[0]!.number).toBe('2026-000001');
    });
  });

  describe('outbox.enqueueMany', () => {
    it('when messages for several chats are enqueued, then they are stored in input order and each chat drains in order', async () => {
      const msgs = [
        outboxMsg('A', 'a1', { appealId: null }),
        outboxMsg('B', 'b1', { channel: 'vk', kind: 'card', appealId: 7 }),
        outboxMsg('A', 'a2', { dedupeKey: 'k:a2' }),
        outboxMsg('A', 'a3'),
      ];
      await env.store.outbox.enqueueMany(msgs, LATER);
      const rows = await env.store.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      expect(rows.map((r) => JSON.parse(r.payload).text)).toEqual(['a1', 'b1', 'a2', 'a3']);
      expect(rows[1]).toMatchObject({
        channel: 'vk',
        chatId: 'B',
        kind: 'card',
        appealId: 7,
        dedupeKey: null,
      });
      expect(rows[2]).toMatchObject({ dedupeKey: 'k:a2', appealId: null });
      for (const r of rows) {
        expect(r).toMatchObject({
          status: 'pending',
          attempts: 0,
          lastError: null,
          sentAt: null,
          externalId: null,
        });
        expect([r.createdAt, r.nextAttemptAt]).toEqual([LATER, LATER]);
      }
      const due = await env.store.outbox.due(LATER, 10);
      expect(due.filter((m) => m.chatId === 'A').map((m) => m.payload.text)).toEqual(['a1', 'a2', 'a3']);
    });

    it('when a dedupe key is already queued or repeats in the batch, then only its first message is kept', async () => {
      await env.store.outbox.enqueue(outboxMsg('A', 'первое', { dedupeKey: 'reminder:1' }), AT);
      await env.store.outbox.enqueueMany(
        [
          outboxMsg('A', 'повтор', { dedupeKey: 'reminder:1' }),
          outboxMsg('A', 'новое', { dedupeKey: 'reminder:2' }),
          outboxMsg('A', 'без ключа'),
          outboxMsg('A', 'новое ещё раз', { dedupeKey: 'reminder:2' }),
          outboxMsg('A', 'без ключа'),
        ],
        LATER,
      );
      const rows = await env.store.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      expect(rows.map((r) => JSON.parse(r.payload).text)).toEqual([
        'первое',
        'новое',
        'без ключа',
        'без ключа',
      ]);
      await env.store.outbox.enqueueMany([], LATER);
      expect(await env.store.db.outboxMessage.count()).toBe(4);
    });
  });

  it('when the transaction fails after the bulk writes, then none of them stays', async () => {
    const failed = env.store.transaction(async (tx) => {
      await tx.inbox.putMany([inboxEvent('1')]);
      const [r] = await tx.residents.ensureMany([{ channel: 'vk', externalId: '1', chatId: '1' }]);
      await tx.appeals.createMany([item(newAppeal('a', { residentId: r!.id }))], 'system', AT);
      await tx.outbox.enqueueMany([outboxMsg('A', 'a1')], AT);
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    const counts = await Promise.all([
      env.store.db.inboxEvent.count(),
      env.store.db.resident.count(),
      env.store.db.appeal.count(),
      env.store.db.outboxMessage.count(),
      env.store.db.appealCounter.count(),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0]);
  });
});
