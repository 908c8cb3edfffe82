import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateAppeal, residentReply, residentSolved } from '../../src/core/appeals/resident-actions.ts';
import {
  answerAppeal,
  askResident,
  changeSector,
  closeAppeal,
  extendAppeal,
  markDuplicate,
  rejectAppeal,
  takeAppeal,
} from '../../src/core/appeals/staff-actions.ts';
import { ExtensionRefusedError, IllegalTransitionError, ValidationError } from '../../src/core/errors.ts';
import type { Appeal } from '../../src/core/model.ts';
import type { OutboxMessage, Repositories } from '../../src/core/ports.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

/** Action ids of a message's buttons, row by row flattened. */
const buttonIds = (m: OutboxMessage | undefined) =>
  ((m?.payload.buttons ?? []) as Array<Array<{ id: string }>>).flat().map((b) => b.id);

describe('appeal lifecycle through the use cases', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  let chat = 100;
  let appeal: Appeal;
  let residentChat: string;

  const tx = <T>(work: (tx: Repositories) => Promise<T>) => env.store.transaction(work);
  /** Outbox messages to a chat, oldest first (none are sent in these tests). */
  const outboxTo = async (chatId: string): Promise<OutboxMessage[]> =>
    (await env.store.outbox.due(new Date('2100-01-01'), 10_000)).filter((m) => m.chatId === chatId);
  const lastTo = async (chatId: string) => (await outboxTo(chatId)).at(-1);

  beforeEach(async () => {
    chat += 1;
    residentChat = String(chat);
    env.clock.advance(60_000);
    appeal = await registerAppeal(env.deps, {
      text: TEXTS.leak,
      sender: { externalId: residentChat, chatId: residentChat, name: 'Житель' },
    });
    // Lifecycle tests must not depend on the classifier's routing: pin the sector to housing.
    appeal = await env.store.appeals.update(appeal.id, { sector: 'housing', status: 'new' });
  });

  it('when staff take an appeal, then it is assigned to them and the event names them', async () => {
    const updated = await tx((t) => takeAppeal(env.deps, t, appeal.id, 'petrov'));
    expect(updated).toMatchObject({ status: 'assigned', assigneeId: 'petrov' });
    const events = await env.store.appeals.events(appeal.id);
    expect(events.at(-1)).toMatchObject({
      type: 'assigned',
      fromStatus: 'new',
      toStatus: 'assigned',
      actor: 'staff:petrov',
      data: { assigneeId: 'petrov' },
      at: env.clock.now(),
    });
    expect(String((await lastTo(residentChat))?.payload.text)).toContain('передано исполнителю');
  });

  it('when staff take an appeal by its typed number, then the same appeal is assigned', async () => {
    const updated = await tx((t) => takeAppeal(env.deps, t, `№ ${appeal.number}`, 'coord'));
    expect(updated).toMatchObject({ id: appeal.id, status: 'assigned', assigneeId: 'coord' });
  });

  it('when staff ask a question and the resident replies, then needs_info → in_progress with both texts kept', async () => {
    await tx((t) => takeAppeal(env.deps, t, appeal.id, 'petrov'));
    const asked = await tx((t) => askResident(env.deps, t, appeal.id, 'Уточните номер квартиры', 'petrov'));
    expect(asked.status).toBe('needs_info');
    const question = await lastTo(residentChat);
    expect(question).toMatchObject({ channel: 'telegram', appealId: appeal.id });
    expect(String(question?.payload.text)).toContain('Уточните номер квартиры');

    env.clock.advance(5 * 60_000);
    const replied = await tx((t) => residentReply(env.deps, t, appeal.id, 'Квартира 12'));
    expect(replied.status).toBe('in_progress');
    const events = await env.store.appeals.events(appeal.id);
    expect(events.slice(-2)).toMatchObject([
      {
        type: 'question',
        fromStatus: 'assigned',
        toStatus: 'needs_info',
        data: { question: 'Уточните номер квартиры' },
      },
      {
        type: 'resident_reply',
        fromStatus: 'needs_info',
        toStatus: 'in_progress',
        actor: `resident:${appeal.residentId}`,
        data: { text: 'Квартира 12' },
        at: env.clock.now(),
      },
    ]);
  });

  it('when staff answer, then the appeal is answered and the resident is asked «Проблема решена?» with buttons', async () => {
    await tx((t) => takeAppeal(env.deps, t, appeal.id, 'petrov'));
    const answered = await tx((t) => answerAppeal(env.deps, t, appeal.id, 'Крышу отремонтировали', 'petrov'));
    expect(answered).toMatchObject({ status: 'answered', answeredAt: env.clock.now(), assigneeId: 'petrov' });
    const msg = await lastTo(residentChat);
    expect(String(msg?.payload.text)).toContain('Крышу отремонтировали');
    expect(String(msg?.payload.text)).toContain('Проблема решена?');
    expect(buttonIds(msg)).toEqual([`solved:yes:${appeal.id}`, `solved:no:${appeal.id}`]);
  });

  it('when the resident says the problem is not solved, then the appeal reopens and the block head is told', async () => {
    await tx((t) => answerAppeal(env.deps, t, appeal.id, 'Сделано', 'petrov'));
    const reopened = await tx((t) => residentSolved(env.deps, t, appeal.id, false));
    expect(reopened.status).toBe('reopened');
    const toHead = await outboxTo('1003'); // head_housing's Telegram id
    expect(toHead).toHaveLength(1);
    expect(toHead[0]).toMatchObject({ channel: 'telegram' });
    expect(String(toHead[0]?.payload.text)).toContain(appeal.number);
    expect(String((await lastTo(residentChat))?.payload.text)).toContain('возобновлено');
    expect((await env.store.appeals.events(appeal.id)).at(-1)).toMatchObject({
      fromStatus: 'answered',
      toStatus: 'reopened',
      actor: `resident:${appeal.residentId}`,
      data: { solved: false },
    });
  });

  it('when the resident says it is solved and rates 5, then the appeal is closed with the rating', async () => {
    await tx((t) => answerAppeal(env.deps, t, appeal.id, 'Сделано', 'petrov'));
    const stays = await tx((t) => residentSolved(env.deps, t, appeal.id, true));
    expect(stays.status).toBe('answered');
    const ask = await lastTo(residentChat);
    expect(buttonIds(ask)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${n}:${appeal.id}`));
    env.clock.advance(60_000);
    const closed = await tx((t) => rateAppeal(env.deps, t, appeal.id, 5));
    expect(closed).toMatchObject({ status: 'closed', rating: 5, closedAt: env.clock.now() });
    expect((await env.store.appeals.events(appeal.id)).at(-1)).toMatchObject({
      type: 'rating',
      fromStatus: 'answered',
      toStatus: 'closed',
      data: { rating: 5 },
    });
  });

  it('when a rating is out of 1..5, then it is refused and nothing changes', async () => {
    await tx((t) => answerAppeal(env.deps, t, appeal.id, 'Сделано', 'petrov'));
    await expect(tx((t) => rateAppeal(env.deps, t, appeal.id, 7))).rejects.toBeInstanceOf(ValidationError);
    expect((await env.store.appeals.get(appeal.id))?.status).toBe('answered');
  });

  it('when staff reject an appeal as spam, then it is rejected, flagged and closed', async () => {
    const rejected = await tx((t) => rejectAppeal(env.deps, t, appeal.id, 'spam', 'coord'));
    expect(rejected).toMatchObject({ status: 'rejected', spam: true, closedAt: env.clock.now() });
    expect((await env.store.appeals.events(appeal.id)).at(-1)).toMatchObject({
      toStatus: 'rejected',
      actor: 'staff:coord',
      data: { reason: 'spam' },
    });
  });

  it('when staff mark a duplicate, then it links to the original and the resident gets the original number', async () => {
    const original = await registerAppeal(env.deps, { text: TEXTS.leak });
    const dup = await tx((t) => markDuplicate(env.deps, t, appeal.id, original.number, 'coord'));
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOfId: original.id });
    expect(String((await lastTo(residentChat))?.payload.text)).toContain(original.number);
    await expect(
      tx((t) => markDuplicate(env.deps, t, original.id, original.id, 'coord')),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('when staff change the sector, then a training example is recorded and the sector is decided by staff', async () => {
    await tx((t) => takeAppeal(env.deps, t, appeal.id, 'petrov'));
    const before = (await env.store.training.all()).length;
    const moved = await tx((t) => changeSector(env.deps, t, appeal.id, 'roads', 'coord'));
    expect(moved).toMatchObject({
      sector: 'roads',
      sectorDecidedBy: 'staff',
      sectorConfidence: 1,
      assigneeId: null,
      status: 'new',
    });
    const examples = await env.store.training.all();
    expect(examples).toHaveLength(before + 1);
    expect(examples.at(-1)).toEqual({ text: appeal.text, sector: 'roads' });
    expect((await env.store.appeals.events(appeal.id)).at(-1)).toMatchObject({
      type: 'sector_changed',
      actor: 'staff:coord',
      data: { from: 'housing', to: 'roads' },
    });
    await expect(tx((t) => changeSector(env.deps, t, appeal.id, 'nonsense', 'coord'))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('when a 59-ФЗ appeal is extended, then it works once and a second extension is refused', async () => {
    const a59 = await registerAppeal(env.deps, { kind: 'appeal59', text: TEXTS.leak });
    const extended = await tx((t) =>
      extendAppeal(env.deps, t, a59.id, 30, 'Нужна выездная проверка', 'coord'),
    );
    expect(extended.dueAt.getTime()).toBeGreaterThan(a59.dueAt.getTime() + 29 * 86_400_000);
    expect(extended).toMatchObject({
      extendedAt: env.clock.now(),
      extensionReason: 'Нужна выездная проверка',
    });
    expect((await env.store.appeals.events(a59.id)).at(-1)).toMatchObject({
      type: 'extended',
      data: { days: 30 },
    });

    let caught: unknown;
    try {
      await tx((t) => extendAppeal(env.deps, t, a59.id, 5, 'Ещё раз', 'coord'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExtensionRefusedError);
    expect((caught as ExtensionRefusedError).refusal).toBe('already_extended');
    expect((await env.store.appeals.get(a59.id))?.dueAt).toEqual(extended.dueAt);
  });

  it('when a message (not 59-ФЗ) is extended, then it is refused as not extendable', async () => {
    await expect(
      tx((t) => extendAppeal(env.deps, t, appeal.id, 3, 'Причина', 'coord')),
    ).rejects.toMatchObject({
      code: 'extension_refused',
      refusal: 'not_extendable',
    });
  });

  it('when staff answer a closed appeal, then IllegalTransitionError is thrown and nothing changes', async () => {
    await tx((t) => closeAppeal(env.deps, t, appeal.id, 'coord'));
    const before = await env.store.appeals.get(appeal.id);
    const eventsBefore = await env.store.appeals.events(appeal.id);
    const outboxBefore = await env.store.db.outboxMessage.count();

    let caught: unknown;
    try {
      await tx((t) => answerAppeal(env.deps, t, appeal.id, 'Поздний ответ', 'petrov'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect((caught as IllegalTransitionError).code).toBe('illegal_transition');
    expect((caught as IllegalTransitionError).context).toMatchObject({ from: 'closed', to: 'answered' });
    expect(await env.store.appeals.get(appeal.id)).toEqual(before);
    expect(await env.store.appeals.events(appeal.id)).toEqual(eventsBefore);
    expect(await env.store.db.outboxMessage.count()).toBe(outboxBefore);
  });

  it('when an appeal goes through its whole life, then every transition is an event with actor and time', async () => {
    const t0 = env.clock.now();
    const step = async (work: (t: Repositories) => Promise<unknown>) => {
      env.clock.advance(60_000);
      await tx(work);
    };
    await step((t) => takeAppeal(env.deps, t, appeal.id, 'petrov'));
    await step((t) => askResident(env.deps, t, appeal.id, 'Какой подъезд?', 'petrov'));
    await step((t) => residentReply(env.deps, t, appeal.id, 'Второй'));
    await step((t) => answerAppeal(env.deps, t, appeal.id, 'Готово', 'petrov'));
    await step((t) => residentSolved(env.deps, t, appeal.id, false));
    await step((t) => answerAppeal(env.deps, t, appeal.id, 'Теперь точно готово', 'head_housing'));
    await step((t) => rateAppeal(env.deps, t, appeal.id, 4));

    const events = await env.store.appeals.events(appeal.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      [null, 'new', 'system'],
      ['new', 'assigned', 'staff:petrov'],
      ['assigned', 'needs_info', 'staff:petrov'],
      ['needs_info', 'in_progress', `resident:${appeal.residentId}`],
      ['in_progress', 'answered', 'staff:petrov'],
      ['answered', 'reopened', `resident:${appeal.residentId}`],
      ['reopened', 'answered', 'staff:head_housing'],
      ['answered', 'closed', `resident:${appeal.residentId}`],
    ]);
    const times = events.slice(1).map((e) => e.at.getTime());
    expect(times).toEqual(times.map((_, i) => t0.getTime() + (i + 1) * 60_000));
    expect(await env.store.appeals.get(appeal.id)).toMatchObject({ status: 'closed', rating: 4 });
  });
});
