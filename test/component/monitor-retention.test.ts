/**
 * 152-ФЗ: the monitor keeps only what incident handling needs, and forgets posts that never became
 * incidents after the retention period (the daily job calls purgeOldPosts).
 */
import { describe, expect, it } from 'vitest';
import { monitorFileSchema } from '../../src/config/monitor.ts';
import type { SeenPost } from '../../src/core/monitor/types.ts';
import { purgeOldPosts } from '../../src/monitor/scheduler.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import {
  cycleAndProcess,
  fakeSources,
  irrelevantPost,
  useMonitorEnv,
  withGazetteer,
} from '../support/monitor.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-03-10T10:00:00Z');

const seen = (id: string, ageDays: number, over: Partial<SeenPost> = {}): SeenPost =>
  irrelevantPost(id, new Date(NOW.getTime() - ageDays * DAY), over);

describe('monitor privacy: retention and stored fields', () => {
  const m = useMonitorEnv(NOW);

  it('when the retention is not configured, then it is 30 days', () => {
    expect(monitorFileSchema.parse(undefined).retentionDays).toBe(30);
    expect(monitorFileSchema.parse({}).retentionDays).toBe(30);
  });

  it('when the daily purge runs, then non-incident posts older than the retention go and incident posts and younger ones stay', async () => {
    const incident = await registerAppeal(m.env.deps, { text: TEXTS.pothole });
    const posts = [
      seen('old-irrelevant', 45),
      seen('just-over', 30.01),
      seen('just-under', 29.9),
      seen('young-irrelevant', 1),
      // Relevant and joined to an incident: kept however old (it is part of the appeal's record).
      seen('old-incident', 90, { verdict: 'incident', reason: null, sector: 'roads', appealId: incident.id }),
      seen('young-incident', 2, {
        verdict: 'incident',
        reason: null,
        sector: 'roads',
        appealId: incident.id,
      }),
    ];
    for (const p of posts) await m.env.store.monitor.record(p);
    // Raw copies in the inbox: processed ones past the retention go too, pending ones never.
    const old = new Date(NOW.getTime() - 40 * DAY);
    await m.env.store.inbox.putMany([
      { channel: 'monitor', externalId: 'tg:chan/raw-old', kind: 'post', payload: {}, receivedAt: old },
      { channel: 'monitor', externalId: 'tg:chan/raw-pending', kind: 'post', payload: {}, receivedAt: old },
      { channel: 'monitor', externalId: 'tg:chan/raw-young', kind: 'post', payload: {}, receivedAt: NOW },
    ]);
    await m.env.store.db.inboxEvent.updateMany({
      where: { externalId: { in: ['tg:chan/raw-old', 'tg:chan/raw-young'] } },
      data: { status: 'done' },
    });

    const purged = await purgeOldPosts(m.env.deps, 30);

    expect(purged).toEqual({ posts: 2, inbox: 1 });
    const left = await m.env.store.db.monitoredPost.findMany({ orderBy: { externalId: 'asc' } });
    expect(left.map((p) => p.externalId)).toEqual([
      'chan/just-under',
      'chan/old-incident',
      'chan/young-incident',
      'chan/young-irrelevant',
    ]);
    const inbox = await m.env.store.db.inboxEvent.findMany({ orderBy: { externalId: 'asc' } });
    expect(inbox.map((e) => e.externalId)).toEqual(['tg:chan/raw-pending', 'tg:chan/raw-young']);
    expect((await m.env.store.monitor.postsOf(incident.id)).map((p) => p.externalId)).toEqual([
      'chan/old-incident',
      'chan/young-incident',
    ]);
    // Run again the next day: nothing more is due, nothing incident-linked goes.
    m.env.clock.advance(DAY);
    expect(await purgeOldPosts(m.env.deps, 30)).toEqual({ posts: 1, inbox: 0 }); // just-under is now 30.9 days old
    m.env.clock.set(NOW);
  });

  it('when a post is stored, then the table has only text, link, public author id and time besides the verdict and technical keys', async () => {
    const columns = await m.env.store.db.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM pragma_table_info('MonitoredPost') ORDER BY name",
    );
    const personal = ['authorId', 'postedAt', 'text', 'url'];
    const verdict = ['appealId', 'ownWall', 'places', 'reason', 'sector', 'seenAt', 'verdict'];
    const technical = ['externalId', 'id', 'network', 'sourceId'];
    expect(columns.map((c) => c.name).sort()).toEqual([...personal, ...verdict, ...technical].sort());
  });

  it('when a VK post carries a signer, geo, contacts and reposts, then none of it reaches the database', async () => {
    const deps = withGazetteer(m.env.deps);
    const date = Math.floor(NOW.getTime() / 1000) - 600;
    m.fake.walls.set('-777', {
      items: [
        {
          id: 900,
          owner_id: -777,
          from_id: 4242,
          signer_id: 5151,
          date,
          text: 'На улице Ленина прорыв трубы, вода хлещет, сколько можно!',
          geo: { type: 'point', coordinates: '51.73 36.19', place: { title: 'Дом Иванова' } },
          contacts: 'Иван Иванов +7 900 111-22-33',
          copy_history: [{ id: 1, owner_id: 9191, text: 'Пётр Сидоров, паспорт 3812 123456' }],
          attachments: [{ type: 'photo', photo: { id: 1, owner_id: 4242, sizes: [] } }],
          post_source: { type: 'api', platform: 'android' },
        },
      ],
    });
    const sources = fakeSources(deps, m.fake).filter((s) => s.kind === 'vk_wall');
    const { byId, drained } = await cycleAndProcess(deps, sources);
    expect(byId['vk_wall:777']!.stored).toBe(1);
    expect(drained.failed).toBe(0);

    const row = await m.env.store.db.monitoredPost.findUniqueOrThrow({
      where: { network_externalId: { network: 'vk', externalId: '-777_900' } },
    });
    expect(row).toMatchObject({
      url: 'https://vk.com/wall-777_900',
      authorId: '4242',
      text: 'На улице Ленина прорыв трубы, вода хлещет, сколько можно!',
      postedAt: new Date(date * 1000),
      verdict: 'incident',
    });
    expect(row.appealId).not.toBeNull();
    // The raw copy in the inbox holds the same few fields, nothing else from VK's item.
    const raw = await m.env.store.db.inboxEvent.findFirstOrThrow({ where: { externalId: 'vk:-777_900' } });
    expect(Object.keys(JSON.parse(raw.payload)).sort()).toEqual(
      ['authorId', 'externalId', 'local', 'network', 'postedAt', 'sourceId', 'text', 'url'].sort(),
    );
    const everything = JSON.stringify([row, raw]);
    for (const leaked of ['5151', '9191', 'Иванов', '+7 900', 'Сидоров', '51.73', 'android'])
      expect(everything).not.toContain(leaked);
  });
});
