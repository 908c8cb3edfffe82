/**
 * VK residents' names on the staff cards: the VK adapter asks users.get for senders it has no name for
 * (the fake VK answers from residents' profiles), and a failing or slow users.get costs the appeal nothing.
 */
import { describe, expect, it } from 'vitest';
import { renderStaffCard } from '../../src/bots/telegram/staff/card.ts';
import { createLogger } from '../../src/logger.ts';
import { TEXTS } from '../support/factories.ts';
import { memoryDestination } from '../support/service-fixture.ts';
import { nthDelivery, until, useVkService, VK_TOKEN } from '../support/vk-service.ts';

const ANNA = 6001;
const BORIS = 6002;
const VERA = 6003;
const BATCH = [6101, 6102, 6103];

describe('VK residents’ names (users.get against the fake VK)', () => {
  const logs = memoryDestination();
  const vk = useVkService({
    logger: createLogger('info', logs),
    prepare: (fake) => {
      fake.profile(ANNA, 'Анна', 'Смирнова');
      fake.profile(BORIS, 'Борис', 'Козлов');
      fake.profile(VERA, 'Вера', 'Орлова');
      for (const [i, id] of BATCH.entries()) fake.profile(id, 'Житель', `Номер${i + 1}`);
    },
    longPoll: true,
  });

  const nth = (peer: number, n: number) => nthDelivery(vk.fake, peer, n);
  const resident = (peer: number) => vk.service.store.residents.findByExternal('vk', String(peer));
  /** Presses «Согласен»; returns the registered appeal and its staff card as the Telegram group sees it. */
  const agree = async (peer: number) => {
    vk.fake.press(peer, { label: 'Согласен', id: 'consent' });
    await nth(peer, 2);
    const r = await resident(peer);
    const [appeal] = await vk.service.store.appeals.list({ residentId: r!.id });
    const card = await vk.service.store.transaction((tx) => renderStaffCard(vk.service.deps, tx, appeal!.id));
    return { appeal: appeal!, card: card.text };
  };
  const usersGets = () => vk.fake.calls.filter((c) => c.method === 'users.get');
  const failures = () => logs.records().filter((l) => String(l.msg).startsWith('vk: users.get failed'));

  it('when a new VK resident writes, then their record and the staff card show their name', async () => {
    vk.fake.write(ANNA, TEXTS.leak);
    await nth(ANNA, 1);
    await until(
      'the name',
      () => resident(ANNA),
      (r) => r?.name === 'Анна Смирнова',
    );
    const { appeal, card } = await agree(ANNA);
    expect(appeal.channel).toBe('vk');
    expect(card).toContain('Житель: Анна Смирнова');
    // Asked once, when first met; the named resident's later events ask nothing.
    expect(usersGets().map((c) => c.params.user_ids)).toEqual([String(ANNA)]);
  });

  it('when users.get fails, then the appeal still exists, the card has no name, and a warning is logged', async () => {
    vk.fake.failNext('users.get', 10, 2); // VK's internal error, for the message and the «Согласен» press
    vk.fake.write(BORIS, TEXTS.leak);
    await nth(BORIS, 1);
    await until(
      'the warning',
      () => failures().length,
      (n) => n === 1,
    );
    const { appeal, card } = await agree(BORIS);
    await until(
      'the second warning',
      () => failures().length,
      (n) => n === 2,
    );
    expect(appeal.text).toContain('Протекает крыша');
    expect((await resident(BORIS))?.name).toBeNull();
    expect(card).toContain('Житель: без имени');
    expect(failures()[0]).toMatchObject({ level: 40, code: 10, users: 1 });
  });

  it('when that unnamed resident writes again and users.get works, then the name is filled in', async () => {
    vk.fake.write(BORIS, 'И ещё: в подъезде нет света');
    await until(
      'the name',
      () => resident(BORIS),
      (r) => r?.name === 'Борис Козлов',
    );
  });

  it('when users.get is rate-limited (error 6), then the resident is answered at once and named later, with a warning', async () => {
    vk.fake.failNext('users.get', 6, 3); // vk-io waits about 1.1 s before each retry
    const started = Date.now();
    vk.fake.write(VERA, TEXTS.leak);
    await nth(VERA, 1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await resident(VERA))?.name).toBeNull();
    await until(
      'the name',
      () => resident(VERA),
      (r) => r?.name === 'Вера Орлова',
      8_000,
    );
    expect(logs.records().some((l) => String(l.msg).startsWith('vk: users.get is slow'))).toBe(true);
  });

  it('when several new residents arrive in one long poll response, then one users.get names them all', async () => {
    const before = usersGets().length;
    vk.fake.batch(() => {
      for (const id of BATCH) vk.fake.write(id, TEXTS.pothole);
    });
    for (const id of BATCH) await nth(id, 1);
    const calls = usersGets().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params.user_ids!.split(',').map(Number).sort()).toEqual(BATCH);
    const names = await Promise.all(BATCH.map(async (id) => (await resident(id))?.name));
    expect(names).toEqual(['Житель Номер1', 'Житель Номер2', 'Житель Номер3']);
  });

  it('no log line carries a resident’s name or the token', () => {
    expect(logs.text).not.toContain('Смирнова');
    expect(logs.text).not.toContain('Козлов');
    expect(logs.text).not.toContain('Орлова');
    expect(logs.text).not.toContain(VK_TOKEN);
  });
});
