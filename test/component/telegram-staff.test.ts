import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderStaffCard } from '../../src/bots/telegram/staff/card.ts';
import { promisedDate } from '../../src/bots/telegram/staff/commands.ts';
import type { Appeal } from '../../src/core/model.ts';
import { TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import {
  buttonIds,
  callbackUpdate,
  contactUpdate,
  HEAD_CHAT,
  replyUpdate,
  STAFF_CHAT,
  telegramDriver,
  textUpdate,
} from '../support/telegram-updates.ts';

const GROUP = Number(STAFF_CHAT);
const coord = { userId: 1001, chatId: GROUP, username: 'coord' };
const petrov = { userId: 1002, chatId: GROUP, username: 'petrov' };
const stranger = { userId: 4242, chatId: GROUP };
const REFUSAL = 'Действие доступно только сотрудникам МЦУ.';

describe('telegram staff conversation (handler over a real store)', () => {
  let env: TestEnv;
  let tg: ReturnType<typeof telegramDriver>;
  let nextUser = 8000;
  beforeEach(async () => {
    env = await openTestEnv();
    tg = telegramDriver(env);
  });
  afterEach(() => env.close());

  /** A consented resident's appeal, registered through the Telegram handler. */
  async function appealFrom(text: string, phone?: string) {
    const w = { userId: ++nextUser };
    await tg.deliver(
      callbackUpdate(w, 'consent'),
      textUpdate(w, text),
      ...(phone ? [contactUpdate(w, phone)] : []),
    );
    await tg.sent();
    const appeal = (await env.store.db.appeal.findFirst({ orderBy: { id: 'desc' } }))!;
    return { resident: w, appeal: (await env.store.appeals.get(appeal.id))! };
  }
  const reload = async (a: Appeal) => (await env.store.appeals.get(a.id))!;
  const toChat = (chatId: number | string, out: Awaited<ReturnType<typeof tg.sent>>) =>
    out.filter((m) => m.chatId === String(chatId) && m.kind === 'text').map((m) => m.text);

  it('when a card is rendered, then it shows number, sector, urgency, deadline, channel, text, status, assignee, phone and the six buttons', async () => {
    const { appeal } = await appealFrom(TEXTS.leak, '+79005550011');
    const card = await renderStaffCard(env.deps, env.store, appeal.id);
    expect(card.text.split('\n')[0]).toBe(`Обращение № ${appeal.number}`);
    for (const part of [
      'Статус: зарегистрировано',
      'Направление: ЖКХ',
      'Срочность:',
      'Канал: Telegram',
      'Исполнитель: не назначен',
      'тел. +79005550011',
      TEXTS.leak,
    ]) {
      expect(card.text).toContain(part);
    }
    expect(card.text).toMatch(/Срок ответа: до \d\d\.\d\d\.\d{4} \d\d:\d\d \(МСК\)/);
    expect(card.buttons.flat().map((b) => b.label)).toEqual([
      'Взять',
      'Передать',
      'Уточнить',
      'Ответить',
      'Спам',
      'Дубль',
    ]);
  });

  it('when an executor presses «Взять» on a card of their sector, then it is assigned to them; on another sector they are refused', async () => {
    const { appeal: leak } = await appealFrom(TEXTS.leak);
    const { appeal: pothole } = await appealFrom(TEXTS.pothole);
    await tg.deliver(callbackUpdate(petrov, `take:${leak.id}`), callbackUpdate(petrov, `take:${pothole.id}`));
    expect(await reload(leak)).toMatchObject({ status: 'assigned', assigneeId: 'petrov' });
    expect(await reload(pothole)).toMatchObject({ status: 'new', assigneeId: null });
    const out = await tg.sent();
    expect(toChat(GROUP, out)).toEqual([`У вас нет прав на это действие по обращению № ${pothole.number}.`]);
    expect(out.filter((m) => m.kind === 'staff_card').map((m) => m.appealId)).toEqual([leak.id]);
    expect((await renderStaffCard(env.deps, env.store, leak.id)).text).toContain('Исполнитель: Петров');
  });

  it('when a user not in the staff config presses a button or sends a command, then they are refused; their chatter is ignored', async () => {
    const { appeal } = await appealFrom(TEXTS.leak);
    await tg.deliver(
      callbackUpdate(stranger, `take:${appeal.id}`),
      textUpdate(stranger, '/overdue'),
      textUpdate(stranger, 'коллеги, всем привет'),
    );
    expect(toChat(GROUP, await tg.sent())).toEqual([REFUSAL, REFUSAL]);
    expect((await reload(appeal)).status).toBe('new');
  });

  it('when staff press «Уточнить» and write a question, then the resident gets it, and their reply goes back to the appeal and its card', async () => {
    const { appeal, resident } = await appealFrom(TEXTS.leak);
    await tg.deliver(callbackUpdate(coord, `ask:${appeal.id}`));
    expect(toChat(GROUP, await tg.sent())[0]).toContain('Напишите вопрос жителю');
    await tg.deliver(textUpdate(coord, 'Какой номер квартиры?'));
    expect((await reload(appeal)).status).toBe('needs_info');
    expect(toChat(resident.userId, await tg.sent())[0]).toContain('Какой номер квартиры?');

    env.clock.advance(3_600_000);
    await tg.deliver(textUpdate(resident, 'Квартира 12'));
    expect((await reload(appeal)).status).toBe('in_progress');
    expect(await env.store.db.appeal.count()).toBe(2 - 1);
    expect((await renderStaffCard(env.deps, env.store, appeal.id)).text).toContain(
      'Ответ жителя: Квартира 12',
    );
  });

  it('when staff answer by /answer, then the resident is asked «Проблема решена?»; «Да» and a rating close the appeal', async () => {
    const { appeal, resident } = await appealFrom(TEXTS.leak);
    await tg.deliver(textUpdate(coord, `/answer № ${appeal.number} Крышу починили.`));
    expect((await reload(appeal)).status).toBe('answered');
    const out = await tg.sent();
    expect(toChat(GROUP, out)).toEqual([`Ответ отправлен жителю: обращение № ${appeal.number}.`]);
    const answer = out.find((m) => m.chatId === String(resident.userId))!;
    expect(answer.text).toContain('Крышу починили.');
    expect(answer.text).toContain('Проблема решена?');
    expect(buttonIds(answer)).toEqual([`solved:yes:${appeal.id}`, `solved:no:${appeal.id}`]);

    await tg.deliver(callbackUpdate(resident, `solved:yes:${appeal.id}`));
    const ask = (await tg.sent()).find((m) => m.chatId === String(resident.userId))!;
    expect(buttonIds(ask)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${n}:${appeal.id}`));
    await tg.deliver(
      callbackUpdate(resident, `rate:5:${appeal.id}`),
      callbackUpdate(resident, `rate:1:${appeal.id}`),
    );
    expect(await reload(appeal)).toMatchObject({ status: 'closed', rating: 5 });
    expect(toChat(resident.userId, await tg.sent())).toEqual([
      'Спасибо за оценку!',
      'Спасибо, оценка уже получена.',
    ]);
  });

  it('when staff reply to a card with text, then that is the answer; «Нет» reopens the appeal and notifies the block head', async () => {
    const { appeal, resident } = await appealFrom(TEXTS.leak);
    const card = await renderStaffCard(env.deps, env.store, appeal.id);
    await tg.deliver(
      replyUpdate(petrov, 'Сантехник был, течь устранена.', { messageId: 77, text: card.text }),
    );
    expect((await reload(appeal)).status).toBe('answered');
    await tg.sent();
    await tg.deliver(callbackUpdate(resident, `solved:no:${appeal.id}`));
    expect((await reload(appeal)).status).toBe('reopened');
    const out = await tg.sent();
    expect(toChat(resident.userId, out)[0]).toContain('возобновлено');
    expect(toChat(1003, out)[0]).toContain(`проблема по обращению № ${appeal.number} не решена`);
  });

  it('when staff press «Спам», or «Дубль» and give the original number, then the appeal is rejected or merged', async () => {
    const { appeal: original } = await appealFrom(TEXTS.leak);
    const { appeal: spam } = await appealFrom(TEXTS.spam);
    const { appeal: dup } = await appealFrom(TEXTS.garbage);
    await tg.deliver(callbackUpdate(coord, `spam:${spam.id}`), callbackUpdate(coord, `dup:${dup.id}`));
    expect(toChat(GROUP, await tg.sent())).toEqual([
      `Укажите номер исходного обращения для № ${dup.number} следующим сообщением.`,
    ]);
    await tg.deliver(textUpdate(coord, `№ ${original.seq}`));
    expect(await reload(spam)).toMatchObject({ status: 'rejected', spam: true });
    expect(await reload(dup)).toMatchObject({ status: 'duplicate', duplicateOfId: original.id });
  });

  it('when staff press «Передать» and choose a sector, then the appeal is rerouted and kept as a labelled example', async () => {
    const { appeal } = await appealFrom(TEXTS.pothole);
    await tg.deliver(callbackUpdate(coord, `pass:${appeal.id}`));
    const [choice] = await tg.sent();
    expect(buttonIds(choice!)).toContain(`sector:waste:${appeal.id}`);
    expect(buttonIds(choice!)).not.toContain(`assign:petrov:${appeal.id}`);
    await tg.deliver(callbackUpdate(coord, `sector:housing:${appeal.id}`));
    await tg.deliver(callbackUpdate(coord, `pass:${appeal.id}`));
    expect(buttonIds((await tg.sent()).at(-1)!)).toContain(`assign:petrov:${appeal.id}`);
    await tg.deliver(callbackUpdate(coord, `assign:petrov:${appeal.id}`));
    expect(await reload(appeal)).toMatchObject({
      sector: 'housing',
      sectorDecidedBy: 'staff',
      assigneeId: 'petrov',
    });
    expect(await env.store.db.trainingExample.count()).toBe(1);
  });

  it('when staff use /assign, /sector, /interim, /close, /mine, /find, /stats and /overdue, then each does its job', async () => {
    const { appeal, resident } = await appealFrom(TEXTS.leak);
    await tg.deliver(
      textUpdate(coord, `/assign ${appeal.seq} @petrov`),
      textUpdate(petrov, `/interim ${appeal.number} Заказали материалы, сделаем к 25.03`),
    );
    expect(await reload(appeal)).toMatchObject({ assigneeId: 'petrov', status: 'in_progress' });
    expect(toChat(resident.userId, await tg.sent()).join('\n')).toContain(
      'Планируемый срок решения: 25.03.2026',
    );
    await tg.deliver(
      textUpdate(petrov, '/mine'),
      textUpdate(petrov, '/find крыша'),
      textUpdate(coord, '/stats'),
    );
    const [mine, find, stats] = toChat(GROUP, await tg.sent());
    expect(mine).toContain(`№ ${appeal.number} — ЖКХ — в работе`);
    expect(find).toContain(`№ ${appeal.number}`);
    expect(stats).toContain('в работе: 1');
    env.clock.advance(30 * 86_400_000);
    await tg.deliver(textUpdate(coord, '/overdue'), textUpdate(coord, `/sector ${appeal.number} roads`));
    const [overdue] = toChat(GROUP, await tg.sent());
    expect(overdue).toContain(`Просроченные (1):\n№ ${appeal.number}`);
    expect(await reload(appeal)).toMatchObject({ sector: 'roads', status: 'in_progress' });
    // Staff may close work in progress without a written answer (solved by phone or on site).
    await tg.deliver(textUpdate(coord, `/close ${appeal.number}`));
    expect((await reload(appeal)).status).toBe('closed');
    // A closed appeal cannot be answered: the polite refusal, and the status stays.
    await tg.deliver(textUpdate(coord, `/answer ${appeal.number} Готово`));
    expect((await reload(appeal)).status).toBe('closed');
  });

  it('when a command names a missing appeal or an impossible step, then staff get a polite explanation and the batch goes on', async () => {
    const { appeal } = await appealFrom(TEXTS.leak);
    const result = await tg.deliver(
      textUpdate(coord, '/answer 999999 Ответ'),
      textUpdate(coord, `/close ${appeal.number}`),
      textUpdate(coord, `/answer ${appeal.number} Поздно`),
      textUpdate(coord, '/answer'),
      textUpdate(coord, '/nonsense'),
    );
    expect(result).toEqual({ done: 5, failed: 0 });
    const replies = toChat(GROUP, await tg.sent());
    expect(replies[0]).toContain('«999999» не найдено');
    expect(replies[2]).toBe(
      `Обращение № ${appeal.number} сейчас в статусе «закрыто», это действие для него недоступно.`,
    );
    expect(replies[3]).toContain('Формат: /answer');
    expect(replies[4]).toContain('Команды сотрудника');
  });

  it('when the coordinator asks /digest in the head chat, then the digest is sent there without phones; an executor is refused', async () => {
    await appealFrom(TEXTS.leak, '+79005550011');
    env.clock.advance(60_000);
    await tg.deliver(
      textUpdate({ ...coord, chatId: Number(HEAD_CHAT) }, '/digest'),
      textUpdate(petrov, '/week'),
    );
    const out = await tg.sent();
    const [digest] = toChat(HEAD_CHAT, out);
    expect(digest).toContain('Ежедневная сводка');
    expect(digest).toContain('Поступило: 1');
    expect(digest).not.toContain('+79005550011');
    expect(toChat(GROUP, out)).toEqual(['Сводка доступна руководителю и координатору.']);
  });

  it('when an interim answer names a date, then it is read as the next such date', () => {
    const now = new Date('2026-12-10T09:00:00Z');
    expect(promisedDate('сделаем к 25.11', now, 'Europe/Moscow')).toBe('25.11.2027');
    expect(promisedDate('сделаем к 25.12', now, 'Europe/Moscow')).toBe('25.12.2026');
    expect(promisedDate('до 01.02.2027 включительно', now, 'Europe/Moscow')).toBe('01.02.2027');
    expect(promisedDate('работаем', now, 'Europe/Moscow')).toBeNull();
  });
});
