/**
 * More of the conversation through real telegraf and telegram-test-api: a burst and a photo that make
 * one appeal, «Нет» that reopens and alerts the block head, spam and duplicate marks, and commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../../src/classifier/default-catalogue.ts';
import type { Service } from '../../src/main.ts';
import {
  botMessages,
  type EmulatorClient as Client,
  type Emulator,
  startEmulator,
  stopEmulator,
} from '../fakes/telegram-emulator.ts';
import { TEXTS } from '../support/factories.ts';
import { type ConfigFixture, FIXTURE_FILE, writeConfigFixture } from '../support/service-fixture.ts';
import {
  consentedResidents,
  STAFF_CHAT,
  startTelegramService,
  TOKEN,
  until,
} from '../support/telegram-service.ts';

const GROUP = Number(STAFF_CHAT);
const [ANNA, BORIS, VERA] = [6001, 6002, 6003];

describe('telegram staff flows end to end (real telegraf, telegram-test-api)', () => {
  let emu: Emulator;
  let fx: ConfigFixture;
  let service: Service;
  const waitFor = botMessages();
  const opts = { timeout: 8000, interval: 50 };
  const person = (userId: number) => emu.getClient(TOKEN, { ...opts, userId, chatId: userId });
  const staff = (userId: number) =>
    emu.getClient(TOKEN, { ...opts, userId, chatId: GROUP, type: 'supergroup', chatTitle: 'МЦУ' });

  beforeAll(async () => {
    ({ server: emu } = await startEmulator());
    const members = [
      ...FIXTURE_FILE.staff.map((s) => ({ ...s, telegramUsername: s.id })),
      { id: 'head_zkh', name: 'Начальник ЖКХ', role: 'block_head', telegramId: '1003', sectors: ['housing'] },
    ];
    fx = writeConfigFixture({
      file: { ...FIXTURE_FILE, staff: members },
      sectors: {
        sectors: DEFAULT_SECTORS.map((s) => (s.code === 'housing' ? { ...s, heads: ['head_zkh'] } : s)),
      },
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: emu.config.apiURL,
        TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
      },
    });
    await consentedResidents(fx.dbUrl, [ANNA, BORIS, VERA]);
    service = await startTelegramService(fx);
  });
  afterAll(async () => {
    await service?.stop();
    if (emu) await stopEmulator(emu);
    fx?.cleanup();
  });

  const press = (client: Client, chatId: number, messageId: number, data: string) =>
    client.sendCallback(
      client.makeCallbackQuery(data, {
        message: { message_id: messageId, chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' } },
      }),
    );
  const appealsOf = async (userId: number) => {
    const r = await service.store.residents.findByExternal('telegram', String(userId));
    return service.store.appeals.list({ residentId: r!.id });
  };

  it('when a resident sends three messages and a photo in a row, then they make one appeal with the photo attached', async () => {
    const anna = person(ANNA);
    for (const text of ['На улице Ленина яма', 'у дома 5', 'машины бьют колёса'])
      await anna.sendMessage(anna.makeMessage(text));
    const photo = [
      { file_id: 'p-small', file_size: 10 },
      { file_id: 'p-large', file_size: 900 },
    ];
    await anna.sendMessage(anna.makeMessage(undefined as unknown as string, { photo, caption: 'вот фото' }));
    await waitFor(anna, (t) => t.startsWith('Добавлено к обращению') || t.includes('зарегистрировано, №'));
    const appeals = await until(
      'the photo attached',
      () => appealsOf(ANNA),
      (a) => a.length > 0 && a[0]!.text.includes('вот фото'),
    );
    expect(appeals).toHaveLength(1);
    expect(appeals[0]!.text).toContain('у дома 5');
    const attachments = await service.store.appeals.attachments(appeals[0]!.id);
    expect(attachments.map((a) => [a.kind, a.ref])).toEqual([['photo', 'p-large']]);
  });

  it('when the resident says «Нет» after the answer, then the appeal is reopened and the block head is told in private', async () => {
    const boris = person(BORIS);
    await boris.sendMessage(boris.makeMessage(TEXTS.leak));
    await waitFor(boris, (t) => t.includes('зарегистрировано, №'));
    const [appeal] = await appealsOf(BORIS);
    const coord = staff(1001);
    await coord.sendCommand(coord.makeCommand(`/answer ${appeal!.seq} Управляющая компания устранила течь.`));
    const answer = await waitFor(boris, (t) => t.includes('устранила течь'));
    await press(boris, BORIS, answer.messageId, `solved:no:${appeal!.id}`);
    await waitFor(boris, (t) => t.includes('возобновлено'));
    await waitFor(person(1003), (t) => t.includes(`№ ${appeal!.number} не решена`));
    expect((await service.store.appeals.get(appeal!.id))!.status).toBe('reopened');
  });

  it('when staff mark one appeal as spam and another as a duplicate, then both are closed that way and the duplicate points at the original', async () => {
    const vera = person(VERA);
    await vera.sendMessage(vera.makeMessage(TEXTS.garbage));
    await waitFor(vera, (t) => t.includes('зарегистрировано, №'));
    const [dup] = await appealsOf(VERA);
    const [original] = await appealsOf(BORIS);
    const coord = staff(1001);
    const card = await waitFor(coord, (t) => t.startsWith(`Обращение № ${dup!.number}`));
    await press(coord, GROUP, card.messageId, `dup:${dup!.id}`);
    await waitFor(coord, (t) => t.startsWith('Укажите номер исходного обращения'));
    await coord.sendMessage(coord.makeMessage(`№ ${original!.number}`));
    await waitFor(vera, (t) => t.includes(`объединено с обращением № ${original!.number}`));
    const [junk] = await appealsOf(ANNA);
    await press(coord, GROUP, card.messageId, `spam:${junk!.id}`);
    await until(
      'spam mark',
      async () => (await service.store.appeals.get(junk!.id))!.status,
      (s) => s === 'rejected',
    );
    expect((await service.store.appeals.get(dup!.id))!).toMatchObject({
      status: 'duplicate',
      duplicateOfId: original!.id,
    });
  });

  it('when an executor lists /mine and sends a sticker privately, then the list comes and the sticker gets a polite hint', async () => {
    const petrov = staff(1002);
    await petrov.sendCommand(petrov.makeCommand('/mine'));
    await waitFor(petrov, (t) => t === 'На вас нет открытых обращений.');
    const anna = person(ANNA);
    await anna.sendMessage(
      anna.makeMessage(undefined as unknown as string, { sticker: { file_id: 's1', type: 'regular' } }),
    );
    await waitFor(anna, (t) => t.startsWith('Пожалуйста, опишите проблему текстом'));
  });
});
