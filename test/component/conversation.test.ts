import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askResident } from '../../src/core/appeals/staff-actions.ts';
import {
  giveConsent,
  handleResidentMessages,
  type ResidentInboundOptions,
  residentAppeals,
  statusListText,
} from '../../src/core/conversation/resident-inbound.ts';
import { inboundMessage, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

const OPTS: ResidentInboundOptions = { requireConsent: true, mergeWindowMs: 120_000 };

describe('a resident conversation in the core', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  const send = (msgs: ReturnType<typeof inboundMessage>[]) =>
    env.store.transaction((tx) => handleResidentMessages(env.deps, tx, msgs, OPTS));
  const outboxTexts = async (chatId: string) =>
    (await env.store.db.outboxMessage.findMany({ where: { chatId }, orderBy: { id: 'asc' } })).map(
      (m) => JSON.parse(m.payload) as { text: string; buttons: Array<Array<{ id: string; label: string }>> },
    );

  it('when a resident writes before consenting, then the message is kept and registered once they press «Согласен»', async () => {
    const m = inboundMessage({ receivedAt: env.clock.now() });
    expect(await send([m])).toEqual([{ status: 'awaiting_consent' }]);
    expect(await env.store.db.appeal.count({ where: { replyChatId: m.sender.chatId } })).toBe(0);
    const notice = (await outboxTexts(m.sender.chatId))[0];
    expect(notice?.buttons[0]?.[0]?.label).toBe('Согласен');
    const after = await env.store.transaction((tx) => giveConsent(env.deps, tx, 'telegram', m.sender, OPTS));
    expect(after).toHaveLength(1);
    expect(after[0]?.status).toBe('registered');
    const resident = await env.store.residents.findByExternal('telegram', m.sender.externalId);
    expect(resident?.consentAt).toEqual(env.clock.now());
    expect((await outboxTexts(m.sender.chatId)).some((p) => p.text.includes('№ 2026-'))).toBe(true);
  });

  it('when a consented resident sends three messages in a row, then they make one appeal', async () => {
    const first = inboundMessage({ receivedAt: env.clock.now() });
    await env.store.residents.ensure({ ...first.sender, channel: 'telegram' });
    const r = await env.store.residents.findByExternal('telegram', first.sender.externalId);
    await env.store.residents.update(r!.id, { consentAt: env.clock.now() });
    const burst = [first, { ...first, text: 'возле дома 5' }];
    const out = await send(burst);
    expect(out.map((o) => o.status)).toEqual(['registered', 'merged']);
    env.clock.advance(30_000);
    const third = await send([{ ...first, text: 'фото пришлю позже', receivedAt: env.clock.now() }]);
    expect(third[0]?.status).toBe('merged');
    const appeals = await env.store.appeals.list({ residentId: r!.id });
    expect(appeals).toHaveLength(1);
    expect(appeals[0]?.text).toContain('возле дома 5');
    expect(appeals[0]?.text).toContain('фото пришлю позже');
  });

  it('when staff asked a question, then the resident’s next message answers it and the appeal goes back to work', async () => {
    const m = inboundMessage({ text: TEXTS.garbage, receivedAt: env.clock.now() });
    await env.store.transaction((tx) => giveConsent(env.deps, tx, 'telegram', m.sender, OPTS));
    const [reg] = await send([m]);
    if (reg?.status !== 'registered') throw new Error('not registered');
    await env.store.transaction((tx) =>
      askResident(env.deps, tx, reg.appeal.number, 'Какой номер дома?', 'coord'),
    );
    env.clock.advance(10 * 60_000);
    const [ans] = await send([{ ...m, text: 'дом 12', receivedAt: env.clock.now() }]);
    expect(ans?.status).toBe('reply');
    const events = await env.store.appeals.events(reg.appeal.id);
    expect(events.at(-1)).toMatchObject({
      type: 'resident_reply',
      toStatus: 'in_progress',
      data: { text: 'дом 12' },
    });
  });

  it('when the merge window has passed, then a new message is a new appeal and /status lists both', async () => {
    const m = inboundMessage({ text: TEXTS.leak, receivedAt: env.clock.now() });
    await env.store.transaction((tx) => giveConsent(env.deps, tx, 'telegram', m.sender, OPTS));
    await send([m]);
    env.clock.advance(10 * 60_000);
    await send([{ ...m, text: TEXTS.pothole, receivedAt: env.clock.now() }]);
    const mine = await residentAppeals(env.store, 'telegram', m.sender.externalId);
    expect(mine).toHaveLength(2);
    const text = statusListText(mine);
    for (const a of mine) expect(text).toContain(`№ ${a.number}`);
  });
});
