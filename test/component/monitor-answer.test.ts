import http from 'node:http';
import type https from 'node:https';
import { describe, expect, it } from 'vitest';
import { VK } from 'vk-io';
import { renderStaffCard } from '../../src/bots/telegram/staff/card.ts';
import { createVkSender } from '../../src/bots/vk/sender.ts';
import { answerAppeal } from '../../src/core/appeals/staff-actions.ts';
import { confirmPublished } from '../../src/core/monitor/public-answer.ts';
import { createOutboxDrainer } from '../../src/core/outbox/drain-outbox.ts';
import { handleWallReply } from '../../src/monitor/wall-reply.ts';
import { COMMUNITY_TOKEN, fixture } from '../fakes/fake-vk-monitor.ts';
import {
  cycleAndProcess,
  fakeSources,
  incidentWithPost,
  silentLog,
  useMonitorEnv,
  withGazetteer,
} from '../support/monitor.ts';

describe('monitor: answering incidents', () => {
  const m = useMonitorEnv('2026-03-10T10:00:00Z', async (env, fake) => {
    fake.pages.set('/s/primer_news', (_q, r) => void r.type('html').send(fixture('tme-primer-news.html')));
    fake.walls.set('-777', JSON.parse(fixture('vk-wall-get.json').toString('utf8')));
    const deps = withGazetteer(env.deps);
    await cycleAndProcess(
      deps,
      fakeSources(deps, fake).filter((s) => s.kind === 'tg_channel' || s.kind === 'vk_wall'),
    );
  });
  const notes = async (appealId: number) =>
    (await m.env.store.appeals.events(appealId)).filter((e) => e.type === 'note').map((e) => e.data);
  /** The outbox as the service runs it, with the VK sender on the fake (Telegram rows wait unsent). */
  const drainer = () => {
    const api = new VK({
      token: COMMUNITY_TOKEN,
      apiBaseUrl: m.fake.apiBaseUrl,
      agent: new http.Agent() as https.Agent,
      apiRetryLimit: 0,
    });
    const vk = createVkSender(api.api, { perPeerIntervalMs: 0 }, silentLog);
    return createOutboxDrainer(m.env.deps, { vk }, { logger: silentLog });
  };

  it('when an incident with a post on the community wall is answered, then the answer is a community comment under that post', async () => {
    const [incident] = await m.env.store.appeals.list({});
    expect(incident!.kind).toBe('incident');
    await m.env.store.transaction((tx) =>
      answerAppeal(m.env.deps, tx, incident!.id, 'Аварийная бригада на месте, воду дадут к 18:00.', 'petrov'),
    );
    const due = await m.env.store.outbox.due(new Date('2030-01-01'), 100);
    const comment = due.find((m) => m.kind === 'wall_comment')!;
    expect(comment).toMatchObject({ channel: 'vk', payload: { ownerId: -777, postId: 512 } });
    expect(await notes(incident!.id)).toEqual([]);
    m.env.clock.set('2026-03-10T10:20:00Z');
    expect(await drainer().drainOnce()).toMatchObject({ sent: 1, dead: 0 });
    expect(m.fake.comments[0]).toMatchObject({
      owner_id: '-777',
      post_id: '512',
      from_group: '777',
      guid: `mcu-${comment.id}`,
      message: 'Аварийная бригада на месте, воду дадут к 18:00.',
    });
    expect(await notes(incident!.id)).toEqual([
      {
        publicAnswerAt: '2026-03-10T10:20:00.000Z',
        via: 'wall_comment',
        where: ['https://vk.com/wall-777_512'],
        commentId: '7001',
      },
    ]);
  });

  it('when VK refuses the comment for good, then no public answer is recorded, a note says why and the staff chat is told to answer by hand', async () => {
    const appeal = await m.env.store.transaction((tx) =>
      incidentWithPost(m.env.deps, tx, {
        network: 'vk',
        externalId: '-777_600',
        url: 'https://vk.com/wall-777_600',
        ownWall: true,
        text: 'Авария на водопроводе, нет воды на улице Мира',
      }),
    );
    await m.env.store.transaction((tx) =>
      answerAppeal(m.env.deps, tx, appeal.id, 'Бригада выехала.', 'petrov'),
    );
    m.fake.commentErrors.set('-777_600', 212);
    m.env.clock.set('2026-03-10T10:40:00Z');
    expect(await drainer().drainOnce()).toMatchObject({ sent: 0, dead: 1 });
    const data = await notes(appeal.id);
    expect(data.some((d) => d !== null && 'publicAnswerAt' in d)).toBe(false);
    expect(data).toEqual([
      {
        publicAnswerFailedAt: '2026-03-10T10:40:00.000Z',
        where: ['https://vk.com/wall-777_600'],
        reason: 'комментарии к записи закрыты (ошибка VK 212)',
        outboxId: expect.any(Number),
      },
    ]);
    const staffTexts = (await m.env.store.outbox.due(new Date('2030-01-01'), 500)).filter(
      (m) => m.channel === 'telegram' && m.kind === 'text' && m.chatId === '-100500',
    );
    expect(staffTexts.map((m) => m.payload.text)).toContain(
      `⚠️ Не удалось опубликовать ответ под постом https://vk.com/wall-777_600 по инциденту № ${appeal.number}: ` +
        'комментарии к записи закрыты (ошибка VK 212). ' +
        'Ответьте вручную и подтвердите кнопкой «Ответ опубликован» на карточке инцидента.',
    );
    const card = await m.env.store.transaction((tx) => renderStaffCard(m.env.deps, tx, appeal.id));
    expect(card.buttons.flat()).toContainEqual({ id: `published:${appeal.id}`, label: 'Ответ опубликован' });
    m.env.clock.set('2026-03-10T11:05:00Z');
    await m.env.store.transaction((tx) => confirmPublished(m.env.deps, tx, appeal.id, 'petrov'));
    expect((await notes(appeal.id)).at(-1)).toMatchObject({
      publicAnswerAt: '2026-03-10T11:05:00.000Z',
      via: 'manual',
    });
  });

  it('when an incident lives only off the community wall, then its card lists the posts and «Ответ опубликован» records the answer time', async () => {
    const appeal = await m.env.store.transaction((tx) =>
      incidentWithPost(m.env.deps, tx, {
        network: 'tg',
        externalId: 'chan/1',
        url: 'https://t.me/chan/1',
        ownWall: false,
        text: 'Нет света в Заречье',
      }),
    );
    const before = await m.env.store.transaction((tx) => renderStaffCard(m.env.deps, tx, appeal.id));
    expect(before.text).toContain('Публикации (1):\n• https://t.me/chan/1');
    expect(before.buttons.flat()).toContainEqual({
      id: `published:${appeal.id}`,
      label: 'Ответ опубликован',
    });
    m.env.clock.set('2026-03-10T11:30:00Z');
    await m.env.store.transaction((tx) => confirmPublished(m.env.deps, tx, appeal.id, 'petrov'));
    const after = await m.env.store.transaction((tx) => renderStaffCard(m.env.deps, tx, appeal.id));
    expect(after.text).toContain('✅ Ответ опубликован: ');
    expect(after.buttons.flat().some((b) => b.id.startsWith('published:'))).toBe(false);
    expect(await notes(appeal.id)).toEqual([
      { publicAnswerAt: '2026-03-10T11:30:00.000Z', via: 'manual', where: ['https://t.me/chan/1'] },
    ]);
  });

  it('when a resident comments on the community wall, then the comment becomes an appeal and our own comments do not', async () => {
    const event = (from: number, id: number) => ({
      type: 'wall_reply_new',
      group_id: 777,
      event_id: `e${id}`,
      object: {
        id,
        from_id: from,
        post_id: 512,
        owner_id: -777,
        post_owner_id: -777,
        date: 1773140000,
        text: 'И у нас на Ленина тоже нет воды',
      },
    });
    const handled = await m.env.store.transaction(async (tx) => [
      await handleWallReply(m.env.deps, tx, event(4242, 90), m.env.clock.now()),
      await handleWallReply(m.env.deps, tx, event(-777, 91), m.env.clock.now()),
      await handleWallReply(m.env.deps, tx, { type: 'message_new', object: {} }, m.env.clock.now()),
    ]);
    expect(handled).toEqual([true, true, false]);
    const appeals = await m.env.store.appeals.list({ textContains: 'на Ленина тоже' });
    expect(appeals).toHaveLength(1);
    expect(appeals[0]).toMatchObject({ channel: 'vk', kind: 'message' });
  });
});
