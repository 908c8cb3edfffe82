import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { type FakeVkMonitor, fixture, startFakeVkMonitor } from '../fakes/fake-vk-monitor.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import { cycleAndProcess, fakeSources, withGazetteer } from '../support/monitor.ts';

const json = (name: string) => JSON.parse(fixture(name).toString('utf8'));

function serveFixtures(fake: FakeVkMonitor, etag: { seen: string[] }) {
  fake.pages.set(
    '/s/primer_news',
    (_req, res) => void res.type('html').send(fixture('tme-primer-news.html')),
  );
  fake.pages.set('/rss/admin.xml', (req, res) => {
    etag.seen.push(String(req.headers['if-none-match'] ?? ''));
    res.setHeader('etag', '"admin-v1"');
    if (req.headers['if-none-match'] === '"admin-v1"') return void res.status(304).end();
    // No charset in the header: the XML declaration says windows-1251.
    res.setHeader('content-type', 'application/rss+xml');
    res.end(fixture('rss-admin-1251.xml'));
  });
  fake.pages.set(
    '/atom.xml',
    (_req, res) => void res.type('application/atom+xml').send(fixture('atom-regional-news.xml')),
  );
  fake.walls.set('-777', json('vk-wall-get.json'));
  const search = json('vk-newsfeed-search.json');
  // The same wall post found by the search too: one post, not two.
  fake.search.items = [...search.items, json('vk-wall-get.json').items[1]];
}

describe('monitor cycle', () => {
  let env: TestEnv;
  let fake: FakeVkMonitor;
  const etag = { seen: [] as string[] };
  beforeAll(async () => {
    env = await openTestEnv();
    env.clock.set('2026-03-10T10:00:00Z');
    fake = await startFakeVkMonitor();
    serveFixtures(fake, etag);
  });
  afterAll(async () => {
    await fake.close();
    await env.close();
  });

  it('when one cycle reads t.me, RSS (windows-1251), Atom, a VK wall and a VK search, then problem posts become incidents grouped across networks', async () => {
    const deps = withGazetteer(env.deps);
    const { byId, drained } = await cycleAndProcess(deps, fakeSources(deps, fake));
    expect(Object.values(byId).map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(byId['tg:primer_news']!.posts.map((p) => p.externalId)).toEqual([
      'primer_news/4101',
      'primer_news/4102',
      'primer_news/4103',
    ]);
    // wall.get went through execute (the batching form), not as a plain call.
    expect(fake.calls.some((c) => c.method === 'execute' && c.params.code!.includes('API.wall.get('))).toBe(
      true,
    );
    expect(drained.failed).toBe(0);

    const incidents = await env.store.appeals.list({});
    expect(incidents.every((a) => a.kind === 'incident' && a.channel === 'monitor')).toBe(true);
    expect(incidents.map((a) => a.sector).sort()).toEqual(['housing', 'housing', 'waste']);
    const pipe = incidents.find((a) => a.text.includes('ул. Мира'))!;
    const posts = await env.store.monitor.postsOf(pipe.id);
    expect(posts.map((p) => `${p.network}:${p.externalId}`).sort()).toEqual([
      'tg:primer_news/4102',
      'vk:-777_512',
      'vk:45678_9001',
    ]);
    expect(posts.find((p) => p.externalId === '-777_512')!.ownWall).toBe(true);
    // Incident: 8 h target, 24 h limit.
    expect(pipe.targetAt!.getTime() - pipe.receivedAt.getTime()).toBe(8 * 3_600_000);
    expect(pipe.dueAt.getTime() - pipe.receivedAt.getTime()).toBe(24 * 3_600_000);
    const outbox = await env.store.outbox.due(new Date('2030-01-01'), 100);
    expect(
      outbox.filter((m) => String(m.payload.text ?? '').includes('Инцидент растёт: 3 публикаций')),
    ).toHaveLength(1);
  });

  it('when the feed is windows-1251, then its Cyrillic text is decoded and irrelevant posts are stored with a reason', async () => {
    const waste = (await env.store.appeals.list({ sector: 'waste' }))[0]!;
    expect(waste.text).toContain('Жители Заречья жалуются: не вывозят мусор');
    const db = env.store.db;
    const seen = await db.monitoredPost.findMany({
      where: { verdict: 'irrelevant' },
      orderBy: { externalId: 'asc' },
    });
    const reasons = Object.fromEntries(
      seen.map((p) => [p.externalId.length > 20 ? p.text.slice(0, 12) : p.externalId, p.reason]),
    );
    expect(reasons).toMatchObject({
      'primer_news/4101': 'not_local',
      'primer_news/4103': 'no_text',
      '-777_513': 'no_text',
      'Итоги заседа': 'not_local',
      'Погода на вы': 'not_local',
    });
  });

  it('when the service restarts, then cursors resume from the database and the feed answers 304', async () => {
    await env.store.close();
    const store = await createStore({ url: env.dbUrl });
    const deps = withGazetteer({ ...env.deps, store });
    try {
      fake.walls.get('-777')!.items.unshift({
        id: 514,
        owner_id: -777,
        from_id: 555,
        date: 1773136000,
        text: 'На Садовой яма на дороге, асфальт разбит, колесо пробил',
      });
      const { byId } = await cycleAndProcess(deps, fakeSources(deps, fake));
      expect(byId['vk_wall:777']!.posts.map((p) => p.externalId)).toEqual(['-777_514']);
      expect(byId['tg:primer_news']!.posts).toEqual([]);
      expect(byId['rss:admin']!.status).toBe('not_modified');
      expect(etag.seen.at(-1)).toBe('"admin-v1"');
      expect((await store.appeals.list({ sector: 'roads' })).length).toBe(1);
      const states = await store.monitor.states();
      expect(states.find((s) => s.id === 'tg:primer_news')!.cursor).toBe('4103');
    } finally {
      await store.close();
      env = { ...env, store: await createStore({ url: env.dbUrl }) };
    }
  });
});
