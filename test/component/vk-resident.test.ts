import { describe, expect, it } from 'vitest';
import { answerAppeal, askResident } from '../../src/core/appeals/staff-actions.ts';
import type { Delivery } from '../fakes/fake-vk.ts';
import { TEXTS } from '../support/factories.ts';
import { nthDelivery, useVkService } from '../support/vk-service.ts';

const RESIDENT = 5001;
const STRANGER = 5002;

describe('a VK resident through community messages (vk-io against the fake VK)', () => {
  const vk = useVkService({ longPoll: true });

  const nth = (peer: number, n: number) => nthDelivery(vk.fake, peer, n);
  const button = (d: Delivery, label: string) => {
    const found = (d.buttons ?? []).flat().find((b) => b.label === label);
    if (!found) throw new Error(`no «${label}» button on: ${d.text}`);
    return found;
  };
  const appealOf = async () => {
    const resident = await vk.service.store.residents.findByExternal('vk', String(RESIDENT));
    return (await vk.service.store.appeals.list({ residentId: resident!.id }))[0]!;
  };
  const staff = (work: Parameters<typeof vk.service.store.transaction>[0]) =>
    vk.service.store.transaction(work).then(() => vk.service.worker.wake());

  it('when a new resident writes, then the consent notice comes with a «Согласен» keyboard and nothing is registered', async () => {
    vk.fake.write(RESIDENT, TEXTS.leak);
    const notice = await nth(RESIDENT, 1);
    expect(notice.text).toContain('согласие на обработку персональных данных');
    expect(button(notice, 'Согласен').id).toBe('consent');
    expect(notice.inline).toBe(false);
    expect(notice.randomId).toBeGreaterThan(0);
    expect(await vk.service.store.db.appeal.count()).toBe(0);
  });

  it('when they press «Согласен», then the held message is registered with «№» and its number', async () => {
    vk.fake.press(RESIDENT, button(vk.fake.deliveriesTo(RESIDENT)[0]!, 'Согласен'));
    const registered = await nth(RESIDENT, 2);
    const appeal = await appealOf();
    expect(registered.text).toContain(`№ ${appeal.number}`);
    expect(appeal).toMatchObject({ channel: 'vk', replyChatId: String(RESIDENT), status: 'new' });
    expect(appeal.text).toContain('Протекает крыша');
    expect(button(registered, 'Мои обращения').id).toBe('status');
  });

  it('when they press «Мои обращения» or type /status, then they get the list with the number and status', async () => {
    const appeal = await appealOf();
    vk.fake.press(RESIDENT, { label: 'Мои обращения', id: 'status' });
    expect((await nth(RESIDENT, 3)).text).toContain(`№ ${appeal.number} — зарегистрировано`);
    vk.fake.write(RESIDENT, '/status');
    expect((await nth(RESIDENT, 4)).text).toContain(`№ ${appeal.number}`);
  });

  it('when staff ask a question in core, then it reaches VK and the resident’s reply goes back to the appeal', async () => {
    const appeal = await appealOf();
    await staff((tx) => askResident(vk.service.deps, tx, appeal.id, 'Какой номер дома?', 'coord'));
    expect((await nth(RESIDENT, 5)).text).toContain('Какой номер дома?');
    vk.fake.write(RESIDENT, 'Дом 5, второй подъезд');
    expect((await nth(RESIDENT, 6)).text).toContain('уточнение передано исполнителю');
    const events = await vk.service.store.appeals.events(appeal.id);
    expect(events.find((e) => e.type === 'resident_reply')?.data).toEqual({ text: 'Дом 5, второй подъезд' });
    expect((await appealOf()).status).toBe('in_progress');
  });

  it('when staff answer, then «Проблема решена?» comes with inline Да/Нет, and «Нет» reopens the appeal', async () => {
    const appeal = await appealOf();
    await staff((tx) => answerAppeal(vk.service.deps, tx, appeal.id, 'Крышу отремонтировали.', 'coord'));
    const answer = await nth(RESIDENT, 7);
    expect(answer.text).toContain('Проблема решена?');
    expect(answer.inline).toBe(true);
    expect(answer.buttons).toEqual([
      [
        { label: 'Да', id: `solved:yes:${appeal.id}` },
        { label: 'Нет', id: `solved:no:${appeal.id}` },
      ],
    ]);
    vk.fake.press(RESIDENT, button(answer, 'Нет'));
    expect((await nth(RESIDENT, 8)).text).toContain('возобновлено');
    expect((await appealOf()).status).toBe('reopened');
  });

  it('when someone else presses that appeal’s button, then they are refused and the appeal is untouched', async () => {
    const appeal = await appealOf();
    vk.fake.press(STRANGER, { label: 'Да', id: `solved:yes:${appeal.id}` });
    expect((await nth(STRANGER, 1)).text).toContain('не от вас');
    expect((await appealOf()).status).toBe('reopened');
  });

  it('when the answer is «Да», then a 1–5 rating follows and the rating closes the appeal', async () => {
    const appeal = await appealOf();
    await staff((tx) => answerAppeal(vk.service.deps, tx, appeal.id, 'Отремонтировали повторно.', 'coord'));
    vk.fake.press(RESIDENT, button(await nth(RESIDENT, 9), 'Да'));
    const ask = await nth(RESIDENT, 10);
    expect(ask.buttons?.[0]?.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    vk.fake.press(RESIDENT, button(ask, '5'));
    expect((await nth(RESIDENT, 11)).text).toBe('Спасибо за оценку!');
    expect(await appealOf()).toMatchObject({ status: 'closed', rating: 5 });
  });

  it('when a consented resident sends a photo and a document, then they are kept as VK attachment references', async () => {
    const attachments = [
      { type: 'photo', photo: { id: 456, owner_id: RESIDENT, sizes: [] } },
      { type: 'doc', doc: { id: 789, owner_id: RESIDENT, title: 'акт.pdf' } },
    ];
    vk.fake.write(RESIDENT, TEXTS.pothole, { attachments });
    await nth(RESIDENT, 12);
    const newest = (await vk.service.store.appeals.list({ limit: 1 }))[0]!;
    expect(newest.text).toContain('яма');
    expect((await vk.service.store.appeals.attachments(newest.id)).map((a) => [a.kind, a.ref])).toEqual([
      ['photo', `photo${RESIDENT}_456`],
      ['document', `doc${RESIDENT}_789`],
    ]);
  });

  it('when the fake echoes our own sends as message_reply, then none of them is stored in the inbox', async () => {
    expect(await vk.service.store.db.inboxEvent.count({ where: { kind: 'message_reply' } })).toBe(0);
    expect(
      await vk.service.store.db.inboxEvent.count({ where: { channel: 'vk', status: { not: 'done' } } }),
    ).toBe(0);
  });
});
