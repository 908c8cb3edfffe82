import { describe, expect, it } from 'vitest';
import { intakeMessages } from '../../src/core/appeals/intake.ts';
import { inboundMessage, registerAppeal, TEXTS, useResetTestEnv } from '../support/factories.ts';

describe('appeal numbering', () => {
  const env = useResetTestEnv();

  it('when appeals are registered one by one, then they are numbered sequentially within the year', async () => {
    const a = await registerAppeal(env.deps);
    const b = await registerAppeal(env.deps, { text: TEXTS.garbage });
    const c = await registerAppeal(env.deps, { text: TEXTS.leak });
    expect([a.number, b.number, c.number]).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect(a.year).toBe(2026);
    expect(await env.store.appeals.getByNumber('2026-000002')).toMatchObject({
      id: b.id,
      text: TEXTS.garbage,
    });
  });

  it('when the clock passes midnight of 31 December in Moscow (still 2026 in UTC), then numbering restarts in 2027', async () => {
    await registerAppeal(env.deps);
    await registerAppeal(env.deps);
    env.clock.set('2026-12-31T21:30:00Z');
    const first2027 = await registerAppeal(env.deps);
    const second2027 = await registerAppeal(env.deps);
    expect(first2027.number).toBe('2027-000001');
    expect(first2027.year).toBe(2027);
    expect(second2027.number).toBe('2027-000002');
    env.clock.set('2026-12-31T20:59:00Z'); // 23:59 in Moscow: still 2026
    expect((await registerAppeal(env.deps)).number).toBe('2026-000003');
  });

  it('when a batch goes through intakeMessages, then results keep input order and numbers follow on', async () => {
    await registerAppeal(env.deps); // 2026-000001
    const texts = [
      TEXTS.pothole,
      TEXTS.garbage,
      TEXTS.leak,
      'Во дворе сломана детская площадка, качели',
      TEXTS.pothole,
    ];
    const results = await env.store.transaction((tx) =>
      intakeMessages(
        env.deps,
        tx,
        texts.map((text, i) => inboundMessage({ text: `${text} (${i})`, receivedAt: env.clock.now() })),
      ),
    );
    const appeals = results.map((r) => (r.status === 'registered' ? r.appeal : null));
    expect(appeals.map((a) => a?.text)).toEqual(texts.map((t, i) => `${t} (${i})`));
    expect(appeals.map((a) => a?.number)).toEqual([
      '2026-000002',
      '2026-000003',
      '2026-000004',
      '2026-000005',
      '2026-000006',
    ]);
    // The rows in the database agree with what the batch returned.
    for (const a of appeals) expect((await env.store.appeals.get(a!.id))?.number).toBe(a!.number);
    const all = await env.store.appeals.list({ limit: 100 });
    expect(new Set(all.map((a) => a.number)).size).toBe(all.length);
    // Every appeal got its 'created' event.
    for (const a of appeals)
      expect((await env.store.appeals.events(a!.id)).map((e) => e.type)).toEqual(['created']);
  });

  it('when a batch has refused messages in between, then the registered ones still get gap-free numbers', async () => {
    const results = await env.store.transaction((tx) =>
      intakeMessages(env.deps, tx, [
        inboundMessage({ text: TEXTS.pothole }),
        inboundMessage({ text: '   ' }),
        inboundMessage({ text: TEXTS.garbage }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['registered', 'refused', 'registered']);
    expect(results.map((r) => (r.status === 'registered' ? r.appeal.number : null))).toEqual([
      '2026-000001',
      null,
      '2026-000002',
    ]);
  });

  it('when appeals are registered concurrently, then every number is unique', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerAppeal(env.deps, { text: `${TEXTS.pothole} №${i}` })),
    );
    const numbers = created.map((a) => a.number).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
  });
});

describe('resident identity', () => {
  const env = useResetTestEnv();

  it('when the same channel user writes twice, then both appeals belong to one resident', async () => {
    const sender = { externalId: '777', chatId: '777', name: 'Анна' };
    const a = await registerAppeal(env.deps, { sender });
    const b = await registerAppeal(env.deps, { sender, text: TEXTS.garbage });
    expect(a.residentId).not.toBeNull();
    expect(b.residentId).toBe(a.residentId);
    expect(await env.store.residents.findByExternal('telegram', '777')).toMatchObject({
      id: a.residentId,
      name: 'Анна',
      chatId: '777',
    });
    expect(await env.store.db.resident.count()).toBe(1);
  });

  it('when the same external id comes from another channel, then it is a different resident', async () => {
    const sender = { externalId: '777', chatId: '777' };
    const tg = await registerAppeal(env.deps, { channel: 'telegram', sender });
    const vk = await registerAppeal(env.deps, { channel: 'vk', sender });
    expect(vk.residentId).not.toBe(tg.residentId);
    expect((await env.store.residents.get(vk.residentId!))?.channel).toBe('vk');
  });

  it('when ensure and ensureMany see the same user, then they return one identity', async () => {
    const key = { channel: 'vk', externalId: '55', chatId: '55' };
    const one = await env.store.residents.ensure(key);
    const again = await env.store.residents.ensure({ ...key, name: 'Другое имя' });
    const many = await env.store.residents.ensureMany([
      key,
      { channel: 'vk', externalId: '56', chatId: '56' },
      key,
      { channel: 'telegram', externalId: '55', chatId: '55' },
    ]);
    expect(again.id).toBe(one.id);
    expect(many[0]!.id).toBe(one.id);
    expect(many[2]!.id).toBe(one.id);
    expect(new Set(many.map((r) => r.id)).size).toBe(3);
    expect(many.map((r) => `${r.channel}:${r.externalId}`)).toEqual([
      'vk:55',
      'vk:56',
      'vk:55',
      'telegram:55',
    ]);
  });

  it('when one batch carries two messages of a new user, then one resident is created', async () => {
    const sender = { externalId: '900', chatId: '900' };
    const results = await env.store.transaction((tx) =>
      intakeMessages(env.deps, tx, [
        inboundMessage({ sender }),
        inboundMessage({ sender, text: TEXTS.garbage }),
      ]),
    );
    const ids = results.map((r) => (r.status === 'registered' ? r.appeal.residentId : null));
    expect(ids[0]).not.toBeNull();
    expect(ids[1]).toBe(ids[0]);
    expect(await env.store.db.resident.count({ where: { externalId: '900' } })).toBe(1);
  });
});
