/**
 * A restart between a staff button and the staff member's next message: «Ответить» or «Уточнить» is
 * pressed, the whole service (telegraf, the inbox worker, the store) is stopped and started again
 * over the same database, and the next message in the group is still the answer or the question.
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/main.ts';
import { TEXTS } from '../support/factories.ts';
import { STAFF_CHAT, until, useTelegramServices } from '../support/telegram-service.ts';

const RESIDENT = 7001;
const COORD = 1001;
const GROUP = { id: Number(STAFF_CHAT), type: 'supergroup', title: 'МЦУ' };

describe('telegram staff modes across a restart (real telegraf, fake Bot API)', () => {
  const tg = useTelegramServices([RESIDENT]);
  const start = () => tg.start();
  const restart = (s: Service) => tg.restart(s);
  const sentTo = (chatId: number | string, match: (text: string) => boolean) =>
    until(
      `a message to ${chatId}`,
      async () => tg.api.sent.find((m) => m.chat_id === String(chatId) && match(m.text)),
      (m) => m !== undefined,
    ).then((m) => m!);
  const groupText = (userId: number, text: string) =>
    tg.api.push({
      message: {
        message_id: 10_000 + tg.api.sent.length,
        date: Math.floor(Date.now() / 1000),
        chat: GROUP,
        from: { id: userId, is_bot: false, first_name: 'Координатор' },
        text,
      },
    });

  /** A resident's appeal with its card posted, and the coordinator's button pressed on that card. */
  async function pressOnCard(s: Service, action: 'reply' | 'ask', prompt: string) {
    tg.api.pushText(RESIDENT, TEXTS.leak);
    const card = await sentTo(STAFF_CHAT, (t) => t.startsWith('Обращение № '));
    const [appeal] = await s.store.appeals.list({});
    tg.api.pushCallback(COORD, `${action}:${appeal!.id}`, { message_id: card.message_id, chat: GROUP });
    await sentTo(STAFF_CHAT, (t) => t === `${prompt} (обращение № ${appeal!.number}).`);
    return appeal!;
  }

  it('when the coordinator presses «Ответить» and the service restarts, then their next message is the answer to the resident', {
    timeout: 30_000,
  }, async () => {
    const first = await start();
    const appeal = await pressOnCard(first, 'reply', 'Напишите ответ жителю следующим сообщением');

    const second = await restart(first);
    groupText(COORD, 'Управляющая компания устранила течь.');

    await sentTo(RESIDENT, (t) => t.includes('Управляющая компания устранила течь.'));
    await sentTo(STAFF_CHAT, (t) => t.startsWith(`Ответ отправлен жителю: обращение № ${appeal.number}`));
    expect((await second.store.appeals.get(appeal.id))!.status).toBe('answered');
  });

  it('when the coordinator presses «Уточнить» and the service restarts, then their next message is the question to the resident', {
    timeout: 30_000,
  }, async () => {
    const first = await start();
    const appeal = await pressOnCard(first, 'ask', 'Напишите вопрос жителю следующим сообщением');

    const second = await restart(first);
    groupText(COORD, 'Уточните номер квартиры, пожалуйста.');

    await sentTo(RESIDENT, (t) => t.includes('Уточните номер квартиры'));
    await sentTo(STAFF_CHAT, (t) => t.startsWith(`Вопрос отправлен жителю: обращение № ${appeal.number}`));
    expect((await second.store.appeals.get(appeal.id))!.status).toBe('needs_info');
  });
});
