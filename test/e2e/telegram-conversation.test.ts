/**
 * The whole service in-process, real telegraf against telegram-test-api: a resident, staff in the
 * staff group and a stranger talk to the bot as Telegram users would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../../src/classifier/default-catalogue.ts';
import type { Service } from '../../src/main.ts';
import {
  type BotMessage,
  botMessages,
  type EmulatorClient as Client,
  type Emulator,
  startEmulator,
  stopEmulator,
} from '../fakes/telegram-emulator.ts';
import { TEXTS } from '../support/factories.ts';
import { type ConfigFixture, FIXTURE_FILE, writeConfigFixture } from '../support/service-fixture.ts';
import { STAFF_CHAT, startTelegramService, TOKEN, until } from '../support/telegram-service.ts';

const RESIDENT = 5001;
const GROUP = Number(STAFF_CHAT);

describe('telegram conversation end to end (real telegraf, telegram-test-api)', () => {
  let emu: Emulator;
  let fx: ConfigFixture;
  let service: Service;
  let resident: Client;
  let coord: Client;
  let stranger: Client;
  const waitFor = botMessages();

  beforeAll(async () => {
    ({ server: emu } = await startEmulator());
    const staff = [
      ...FIXTURE_FILE.staff.map((s) => ({ ...s, telegramUsername: s.id })),
      { id: 'head_zkh', name: 'Начальник ЖКХ', role: 'block_head', telegramId: '1003', sectors: ['housing'] },
    ];
    fx = writeConfigFixture({
      file: { ...FIXTURE_FILE, staff },
      sectors: {
        sectors: DEFAULT_SECTORS.map((s) => (s.code === 'housing' ? { ...s, heads: ['head_zkh'] } : s)),
      },
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emu.config.apiURL,
        TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
      },
    });
    service = await startTelegramService(fx);
    const opts = { timeout: 8000, interval: 50 };
    resident = emu.getClient(TOKEN, { ...opts, userId: RESIDENT, chatId: RESIDENT, firstName: 'Анна' });
    coord = emu.getClient(TOKEN, {
      ...opts,
      userId: 1001,
      chatId: GROUP,
      type: 'supergroup',
      chatTitle: 'МЦУ',
    });
    stranger = emu.getClient(TOKEN, {
      ...opts,
      userId: 4242,
      chatId: GROUP,
      type: 'supergroup',
      chatTitle: 'МЦУ',
    });
  });
  afterAll(async () => {
    await service?.stop();
    if (emu) await stopEmulator(emu);
    fx?.cleanup();
  });

  const buttons = (m: BotMessage) => m.message.reply_markup?.inline_keyboard.flat() ?? [];
  const press = (client: Client, chatId: number, m: BotMessage, data: string) =>
    client.sendCallback(
      client.makeCallbackQuery(data, {
        message: {
          message_id: m.messageId,
          chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
        },
      }),
    );
  const theAppeal = async () => (await service.store.db.appeal.findFirst({ orderBy: { id: 'desc' } }))!;
  let card: BotMessage;

  it('when a resident writes before consenting and then presses «Согласен», then the message is registered with its number and the card reaches the staff group', async () => {
    await resident.sendMessage(resident.makeMessage(TEXTS.leak));
    const notice = await waitFor(resident, (t) => t.includes('персональных данных'));
    expect(buttons(notice)).toEqual([{ text: 'Согласен', callback_data: 'consent' }]);
    await press(resident, RESIDENT, notice, 'consent');
    const registered = await waitFor(resident, (t) => t.includes('зарегистрировано, №'));
    const appeal = await theAppeal();
    expect(registered.message.text).toContain(`№ ${appeal.number}`);
    expect(registered.message.text).toContain('ЖКХ');
    card = await waitFor(coord, (t) => t.startsWith(`Обращение № ${appeal.number}`));
    expect(buttons(card).map((b) => b.text)).toEqual([
      'Взять',
      'Передать',
      'Уточнить',
      'Ответить',
      'Спам',
      'Дубль',
    ]);
  });

  it('when a stranger in the staff group presses «Взять», then they are politely refused', async () => {
    await press(stranger, GROUP, card, buttons(card)[0]!.callback_data);
    await waitFor(coord, (t) => t === 'Действие доступно только сотрудникам МЦУ.');
    expect((await theAppeal()).assigneeId).toBeNull();
  });

  it('when the coordinator takes the card and asks a question, then the resident gets it and their reply lands on the edited card', async () => {
    const appeal = await theAppeal();
    await press(coord, GROUP, card, `take:${appeal.id}`);
    await press(coord, GROUP, card, `ask:${appeal.id}`);
    await waitFor(coord, (t) => t.startsWith('Напишите вопрос жителю'));
    await coord.sendMessage(coord.makeMessage('Какой номер квартиры?'));
    await waitFor(resident, (t) => t.includes('Какой номер квартиры?'));
    await resident.sendMessage(resident.makeMessage('Квартира 12'));
    await waitFor(resident, (t) => t.startsWith('Спасибо, уточнение передано'));
    // The card is edited in place (sent once): it shows in the emulator's history, not in getUpdates.
    const edited = await until(
      'the edited card',
      async () =>
        ((await emu.getUpdatesHistory(TOKEN)) as BotMessage[]).find((h) => h.messageId === card.messageId)!,
      (h) => h.message.text.includes('Ответ жителя: Квартира 12'),
    );
    expect(edited.message.text).toContain('Исполнитель: Координатор');
    expect(edited.message.text).toContain('Статус: в работе');
  });

  it('when the coordinator replies to the card, then the resident gets the answer, says it is solved and rates it', async () => {
    const appeal = await theAppeal();
    await coord.sendMessage(
      coord.makeMessage('Протечку устранили, крышу залатали.', {
        reply_to_message: {
          message_id: card.messageId,
          text: card.message.text,
          chat: { id: GROUP, type: 'supergroup' },
        },
      }),
    );
    const answer = await waitFor(resident, (t) => t.includes('Протечку устранили'));
    expect(answer.message.text).toContain('Проблема решена?');
    await press(resident, RESIDENT, answer, `solved:yes:${appeal.id}`);
    const ask = await waitFor(resident, (t) => t.startsWith('Спасибо! Оцените'));
    expect(buttons(ask).map((b) => b.callback_data)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `rate:${n}:${appeal.id}`),
    );
    await press(resident, RESIDENT, ask, `rate:5:${appeal.id}`);
    await waitFor(resident, (t) => t === 'Спасибо за оценку!');
    expect(await theAppeal()).toMatchObject({ status: 'closed', rating: 5 });
  });

  it('when the coordinator sends /digest in the staff group, then the daily digest is posted there', async () => {
    await coord.sendCommand(coord.makeCommand('/digest'));
    const digest = await waitFor(coord, (t) => t.startsWith('Ежедневная сводка'));
    expect(digest.message.text).toContain('Тестовый округ');
  });
});
