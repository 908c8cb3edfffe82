/** Staff conversation modes in the database: replace, take once per event, expire, roll back, reopen. */
import { describe, expect, it } from 'vitest';
import type { StaffMode } from '../../src/core/ports.ts';
import { createStore } from '../../src/store/create-store.ts';
import { registerAppeal, TEXTS, useResetTestEnv } from '../support/factories.ts';
import { callbackUpdate, STAFF_CHAT, telegramDriver, textUpdate } from '../support/telegram-updates.ts';

const CHAT = '-100500';
const OTHER_CHAT = '-100777';
const LATER = new Date('2026-03-10T09:10:00Z');

function mode(patch: Partial<Omit<StaffMode, 'consumedBy'>> = {}): Omit<StaffMode, 'consumedBy'> {
  return { kind: 'reply', appealId: 7, chatId: CHAT, expiresAt: new Date('2026-03-10T09:15:00Z'), ...patch };
}

describe('staff modes (store over a real SQLite file)', () => {
  const env = useResetTestEnv();
  const modes = () => env.store.staffModes;

  it('when a mode is set and taken in its chat, then it is returned, marked as used by that event', async () => {
    await modes().set('coord', mode());

    expect(await modes().take('coord', CHAT, 11, LATER)).toEqual({ ...mode(), consumedBy: 11 });
  });

  it('when nothing was set, or the message comes from another chat, then there is no mode and it stays for its chat', async () => {
    expect(await modes().take('coord', CHAT, 11, LATER)).toBeNull();
    await modes().set('coord', mode());

    expect(await modes().take('coord', OTHER_CHAT, 11, LATER)).toBeNull();
    expect(await modes().take('petrov', CHAT, 11, LATER)).toBeNull();
    expect(await modes().take('coord', CHAT, 12, LATER)).toMatchObject({ kind: 'reply', consumedBy: 12 });
  });

  it('when a mode is set twice, then the second replaces the first, unused again', async () => {
    await modes().set('coord', mode({ kind: 'ask', appealId: 1 }));
    await modes().take('coord', CHAT, 11, LATER);
    await modes().set('coord', mode({ kind: 'dup', appealId: 2 }));

    expect(await modes().take('coord', CHAT, 12, LATER)).toMatchObject({ kind: 'dup', appealId: 2 });
    expect(await env.store.db.staffMode.count()).toBe(1);
  });

  it('when a used mode is taken again, then the same event (a retried batch) gets it and another does not', async () => {
    await modes().set('coord', mode());
    await modes().take('coord', CHAT, 11, LATER);

    expect(await modes().take('coord', CHAT, 11, LATER)).toMatchObject({ consumedBy: 11 });
    expect(await modes().take('coord', CHAT, 12, LATER)).toBeNull();
    expect(await modes().take('coord', CHAT, 11, LATER)).toMatchObject({ consumedBy: 11 });
  });

  it('when a mode has expired, then it is not returned and is deleted; at its last instant it still counts', async () => {
    await modes().set('coord', mode({ expiresAt: LATER }));
    expect(await modes().take('coord', CHAT, 11, LATER)).not.toBeNull();

    expect(await modes().take('coord', CHAT, 11, new Date(LATER.getTime() + 1))).toBeNull();
    expect(await env.store.db.staffMode.count()).toBe(0);
  });

  it('when the transaction that took a mode rolls back, then the mode is unused again for any event', async () => {
    await modes().set('coord', mode());
    const failed = env.store.transaction(async (tx) => {
      expect(await tx.staffModes.take('coord', CHAT, 11, LATER)).not.toBeNull();
      throw new Error('the batch fails after taking the mode');
    });
    await expect(failed).rejects.toThrow('the batch fails');

    expect(await modes().take('coord', CHAT, 12, LATER)).toMatchObject({ consumedBy: 12 });
  });

  it('when the store is closed and opened again over the same file, then the mode is still there', async () => {
    await modes().set('coord', mode({ kind: 'ask', appealId: 3 }));
    const reopened = await createStore({ url: env.dbUrl });
    try {
      expect(await reopened.staffModes.take('coord', CHAT, 11, LATER)).toMatchObject({
        kind: 'ask',
        appealId: 3,
      });
    } finally {
      await reopened.close();
    }
  });
});

describe('staff modes through the Telegram handler', () => {
  const env = useResetTestEnv();
  const coord = { userId: 1001, chatId: Number(STAFF_CHAT), username: 'coord' };
  const status = async (id: number) => (await env.store.appeals.get(id))!.status;

  it('when «Ответить» is followed by two messages in one batch, then only the first is the answer', async () => {
    const tg = telegramDriver(env);
    const appeal = await registerAppeal(env.deps, { text: TEXTS.leak });
    await tg.deliver(callbackUpdate(coord, `reply:${appeal.id}`));
    await tg.sent();

    await tg.deliver(textUpdate(coord, 'Течь устранена.'), textUpdate(coord, 'Коллеги, я на обед.'));

    expect(await status(appeal.id)).toBe('answered');
    const toResident = (await tg.sent()).filter((m) => m.chatId === appeal.replyChatId && m.kind === 'text');
    expect(toResident.map((m) => m.text).join('\n')).toContain('Течь устранена.');
    expect(toResident.map((m) => m.text).join('\n')).not.toContain('на обед');
  });

  it('when «Уточнить» was pressed more than 15 minutes ago, then the next message is only chatter', async () => {
    const tg = telegramDriver(env);
    const appeal = await registerAppeal(env.deps, { text: TEXTS.leak });
    await tg.deliver(callbackUpdate(coord, `ask:${appeal.id}`));
    env.clock.advance(15 * 60_000 + 1);

    await tg.deliver(textUpdate(coord, 'Какой номер квартиры?'));

    expect(await status(appeal.id)).toBe('new');
    expect(await env.store.db.staffMode.count()).toBe(0);
  });
});
