import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import {
  buttonIds,
  callbackUpdate,
  contactUpdate,
  editedUpdate,
  locationUpdate,
  messageUpdate,
  photoUpdate,
  STAFF_CHAT,
  stickerUpdate,
  telegramDriver,
  textUpdate,
  voiceUpdate,
} from '../support/telegram-updates.ts';

describe('telegram resident conversation (handler over a real store)', () => {
  let env: TestEnv;
  let tg: ReturnType<typeof telegramDriver>;
  let userId = 7000;
  const fresh = () => ({ userId: ++userId });
  beforeEach(async () => {
    env = await openTestEnv();
    tg = telegramDriver(env);
  });
  afterEach(() => env.close());

  /** A resident who pressed «Согласен» already. */
  async function consented() {
    const w = fresh();
    await tg.deliver(callbackUpdate(w, 'consent'));
    await tg.sent();
    return w;
  }
  const appeals = () => env.store.db.appeal.findMany({ orderBy: { id: 'asc' } });

  it('when a resident sends /start, then the greeting names the municipality and has the «Согласен» button', async () => {
    const w = fresh();
    await tg.deliver(textUpdate(w, '/start'));
    const [greeting, ...rest] = await tg.sent();
    expect(rest).toEqual([]);
    expect(greeting!.chatId).toBe(String(w.userId));
    expect(greeting!.text).toContain('Тестовый округ');
    expect(greeting!.text).toContain('персональных данных');
    expect(greeting!.buttons).toEqual([[{ id: 'consent', label: 'Согласен' }]]);
  });

  it('when a resident writes before consenting, then the message is kept and registered once they press «Согласен»', async () => {
    const w = fresh();
    await tg.deliver(textUpdate(w, TEXTS.leak));
    const notice = await tg.sent();
    expect(notice).toHaveLength(1);
    expect(buttonIds(notice[0]!)).toEqual(['consent']);
    expect(await appeals()).toHaveLength(0);

    await tg.deliver(callbackUpdate(w, 'consent'));
    const [appeal] = await appeals();
    expect(appeal!.text).toBe(TEXTS.leak);
    expect(appeal!.sector).toBe('housing');
    const out = await tg.sent();
    const toResident = out.find((m) => m.chatId === String(w.userId))!;
    expect(toResident.text).toContain(`№ ${appeal!.number}`);
    expect(toResident.text).toContain('ЖКХ');
    expect(toResident.text).toMatch(/Срок ответа: до \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect(out.filter((m) => m.kind === 'staff_card').map((m) => [m.chatId, m.appealId])).toEqual([
      [STAFF_CHAT, appeal!.id],
    ]);
  });

  it('when a resident sends several messages in a row, then they make one appeal, not several', async () => {
    const w = await consented();
    await tg.deliver(
      textUpdate(w, 'На улице Ленина яма'),
      textUpdate(w, 'у дома 5'),
      textUpdate(w, 'машины бьют колёса'),
    );
    env.clock.advance(30_000);
    await tg.deliver(textUpdate(w, 'и лужа огромная'));
    const all = await appeals();
    expect(all).toHaveLength(1);
    expect(all[0]!.text).toBe('На улице Ленина яма\n\nу дома 5\n\nмашины бьют колёса\n\nи лужа огромная');
  });

  it('when a photo with caption, a location and a contact come in, then they make one appeal with attachments and the phone stays staff-only', async () => {
    const w = await consented();
    await tg.deliver(photoUpdate(w, TEXTS.garbage));
    env.clock.advance(10_000);
    await tg.deliver(locationUpdate(w, 51.73, 36.19), contactUpdate(w, '+79001234567'));
    const [appeal, ...more] = await appeals();
    expect(more).toEqual([]);
    expect(appeal!.text).toBe(TEXTS.garbage);
    expect([appeal!.latitude, appeal!.longitude]).toEqual([51.73, 36.19]);
    const attachments = await env.store.appeals.attachments(appeal!.id);
    expect(attachments.map((a) => [a.kind, a.ref])).toEqual([
      ['photo', 'large'],
      ['contact', `contact:${w.userId}`],
    ]);
    const resident = await env.store.residents.findByExternal('telegram', String(w.userId));
    expect(resident!.phone).toBe('+79001234567');
    const texts = (await tg.sent()).map((m) => m.text).join('\n');
    expect(texts).toContain(`Добавлено к обращению № ${appeal!.number}`);
    expect(texts).not.toContain('+79001234567');
  });

  it('when a photo without caption or a location comes long after the appeal, then it attaches to the open appeal instead of making a new one', async () => {
    const w = await consented();
    await tg.deliver(textUpdate(w, TEXTS.pothole));
    env.clock.advance(6 * 3_600_000);
    await tg.deliver(photoUpdate(w, undefined, ['only']));
    env.clock.advance(60_000);
    await tg.deliver(locationUpdate(w, 51.7, 36.2));
    const [appeal, ...more] = await appeals();
    expect(more).toEqual([]);
    expect((await env.store.appeals.attachments(appeal!.id)).map((a) => a.ref)).toEqual(['only']);
    expect(appeal!.latitude).toBe(51.7);
    expect((await tg.sent()).filter((m) => m.text.startsWith('Добавлено к обращению'))).toHaveLength(2);
  });

  it('when a resident asks /status or writes «Мои обращения», then their appeals are listed with statuses', async () => {
    const w = await consented();
    await tg.deliver(textUpdate(w, TEXTS.pothole));
    const [appeal] = await appeals();
    await tg.sent();
    await tg.deliver(textUpdate(w, '/status'), textUpdate(w, 'Мои обращения'));
    const out = await tg.sent();
    expect(out).toHaveLength(2);
    for (const m of out) expect(m.text).toContain(`№ ${appeal!.number} — зарегистрировано`);
  });

  it('when a resident asks for a formal обращение, then they get the 59-ФЗ explanation and the ПОС link, and nothing is registered', async () => {
    const w = await consented();
    await tg.deliver(textUpdate(w, '/formal'), textUpdate(w, 'Хочу официальное обращение'));
    const out = await tg.sent();
    expect(out).toHaveLength(2);
    for (const m of out) {
      expect(m.text).toContain('https://pos.gosuslugi.ru/form/?test=1');
      expect(m.text).toContain('Госуслуги');
    }
    expect(await appeals()).toHaveLength(0);
  });

  it('when a sticker, a voice message or an unknown command arrive, then the resident gets a polite hint and nothing is registered', async () => {
    const w = await consented();
    await tg.deliver(stickerUpdate(w), voiceUpdate(w), textUpdate(w, '/foo'));
    const out = await tg.sent();
    expect(out.map((m) => m.text.slice(0, 40))).toEqual([
      'Пожалуйста, опишите проблему текстом: чт',
      'Пожалуйста, опишите проблему текстом: чт',
      'Опишите проблему одним сообщением: что с',
    ]);
    expect(await appeals()).toHaveLength(0);
  });

  it('when updates are malformed, edited, empty or huge, then nothing crashes and every inbox row is done', async () => {
    const w = await consented();
    const result = await tg.deliver(
      { update_id: 990_001, message: { text: 'без отправителя и чата' } },
      { update_id: 990_002 },
      { update_id: 990_003, callback_query: { id: 'x' } },
      editedUpdate(w, 'исправленный текст'),
      messageUpdate(w, { text: '   ' }),
      textUpdate(w, `Яма на дороге ${'очень '.repeat(3000)}`),
    );
    expect(result).toEqual({ done: 6, failed: 0 });
    const [appeal, ...more] = await appeals();
    expect(more).toEqual([]);
    expect(appeal!.text.length).toBeLessThanOrEqual(10_000);
    expect(appeal!.intakeNote).toBeTruthy();
  });

  it("when a resident presses a button of somebody else's appeal, then they are refused and the appeal is untouched", async () => {
    const owner = await consented();
    await tg.deliver(textUpdate(owner, TEXTS.pothole));
    const [appeal] = await appeals();
    const stranger = await consented();
    await tg.deliver(
      callbackUpdate(stranger, `solved:no:${appeal!.id}`),
      callbackUpdate(stranger, `rate:1:${appeal!.id}`),
    );
    const out = (await tg.sent()).filter((m) => m.chatId === String(stranger.userId));
    expect(out.map((m) => m.text)).toEqual([
      'Это обращение зарегистрировано не от вас, действие недоступно.',
      'Это обращение зарегистрировано не от вас, действие недоступно.',
    ]);
    expect((await env.store.appeals.get(appeal!.id))!.status).toBe('new');
  });
});
