import http from 'node:http';
import type https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VK } from 'vk-io';
import { renderStaffCard } from '../../src/bots/telegram/staff/card.ts';
import { createVkSender } from '../../src/bots/vk/sender.ts';
import { answerAppeal } from '../../src/core/appeals/staff-actions.ts';
import { confirmPublished } from '../../src/core/monitor/public-answer.ts';
import { handleWallReply } from '../../src/monitor/wall-reply.ts';
import {
  COMMUNITY_TOKEN,
  type FakeVkMonitor,
  fixture,
  startFakeVkMonitor,
} from '../fakes/fake-vk-monitor.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import { cycleAndProcess, fakeSources, silentLog, withGazetteer } from '../support/monitor.ts';

describe('monitor: answering incidents', () => {
  let env: TestEnv;
  let fake: FakeVkMonitor;
  beforeAll(async () => {
    env = await openTestEnv();
    env.clock.set('2026-03-10T10:00:00Z');
    fake = await startFakeVkMonitor();
    fake.pages.set('/s/primer_news', (_q, r) => void r.type('html').send(fixture('tme-primer-news.html')));
    fake.walls.set('-777', JSON.parse(fixture('vk-wall-get.json').toString('utf8')));
    const deps = withGazetteer(env.deps);
    await cycleAndProcess(
      deps,
      fakeSources(deps, fake).filter((s) => s.kind === 'tg_channel' || s.kind === 'vk_wall'),
    );
  });
  afterAll(async () => {
    await fake.close();
    await env.close();
  });

  it('when an incident with a post on the community wall is answered, then the answer is a community comment under that post', async () => {
    const [incident] = await env.store.appeals.list({});
    expect(incident!.kind).toBe('incident');
    await env.store.transaction((tx) =>
      answerAppeal(env.deps, tx, incident!.id, 'Аварийная бригада на месте, воду дадут к 18:00.', 'petrov'),
    );
    const due = await env.store.outbox.due(new Date('2030-01-01'), 100);
    const comment = due.find((m) => m.kind === 'wall_comment')!;
    expect(comment).toMatchObject({ channel: 'vk', payload: { ownerId: -777, postId: 512 } });
    const api = new VK({
      token: COMMUNITY_TOKEN,
      apiBaseUrl: fake.apiBaseUrl,
      agent: new http.Agent() as https.Agent,
      apiRetryLimit: 0,
    });
    const sender = createVkSender(api.api, { perPeerIntervalMs: 0 }, silentLog);
    expect(await sender.send(comment, new AbortController().signal)).toBe('7001');
    expect(fake.comments[0]).toMatchObject({
      owner_id: '-777',
      post_id: '512',
      from_group: '777',
      guid: `mcu-${comment.id}`,
      message: 'Аварийная бригада на месте, воду дадут к 18:00.',
    });
    const notes = (await env.store.appeals.events(incident!.id)).filter((e) => e.type === 'note');
    expect(notes[0]!.data).toMatchObject({ via: 'wall_comment', where: ['https://vk.com/wall-777_512'] });
  });

  it('when an incident lives only off the community wall, then its card lists the posts and «Ответ опубликован» records the answer time', async () => {
    await env.store.transaction(async (tx) => {
      const { intakeMessages } = await import('../../src/core/appeals/intake.ts');
      const [r] = await intakeMessages(env.deps, tx, [
        {
          channel: 'monitor',
          kind: 'incident',
          sender: { externalId: 'tg:chan', chatId: 'https://t.me/chan/1' },
          text: 'Нет света в Заречье',
          receivedAt: env.clock.now(),
        },
      ]);
      if (r?.status !== 'registered') throw new Error('not registered');
      await tx.monitor.record({
        network: 'tg',
        externalId: 'chan/1',
        sourceId: 'tg:chan',
        url: 'https://t.me/chan/1',
        authorId: 'chan',
        text: 'Нет света в Заречье',
        postedAt: env.clock.now(),
        seenAt: env.clock.now(),
        verdict: 'incident',
        reason: null,
        sector: 'energy',
        places: ['заречье'],
        ownWall: false,
        appealId: r.appeal.id,
      });
    });
    const appeal = (await env.store.appeals.list({ textContains: 'Нет света' }))[0]!;
    const before = await env.store.transaction((tx) => renderStaffCard(env.deps, tx, appeal.id));
    expect(before.text).toContain('Публикации (1):\n• https://t.me/chan/1');
    expect(before.buttons.flat()).toContainEqual({
      id: `published:${appeal.id}`,
      label: 'Ответ опубликован',
    });
    env.clock.set('2026-03-10T11:30:00Z');
    await env.store.transaction((tx) => confirmPublished(env.deps, tx, appeal.id, 'petrov'));
    const after = await env.store.transaction((tx) => renderStaffCard(env.deps, tx, appeal.id));
    expect(after.text).toContain('✅ Ответ опубликован: ');
    expect(after.buttons.flat().some((b) => b.id.startsWith('published:'))).toBe(false);
    const note = (await env.store.appeals.events(appeal.id)).find((e) => e.type === 'note')!;
    expect(note.data).toMatchObject({
      publicAnswerAt: '2026-03-10T11:30:00.000Z',
      via: 'manual',
      where: ['https://t.me/chan/1'],
    });
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
    const handled = await env.store.transaction(async (tx) => [
      await handleWallReply(env.deps, tx, event(4242, 90), env.clock.now()),
      await handleWallReply(env.deps, tx, event(-777, 91), env.clock.now()),
      await handleWallReply(env.deps, tx, { type: 'message_new', object: {} }, env.clock.now()),
    ]);
    expect(handled).toEqual([true, true, false]);
    const appeals = await env.store.appeals.list({ textContains: 'на Ленина тоже' });
    expect(appeals).toHaveLength(1);
    expect(appeals[0]).toMatchObject({ channel: 'vk', kind: 'message' });
  });
});
