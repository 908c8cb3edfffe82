import { describe, expect, it } from 'vitest';
import { rssSource } from '../../src/monitor/sources/rss.ts';
import { tgChannelSource } from '../../src/monitor/sources/tg-channel.ts';
import { vkWallSource } from '../../src/monitor/sources/vk-wall.ts';
import { createVkMonitorClient } from '../../src/monitor/vk-client.ts';
import { COMMUNITY_TOKEN, fixture } from '../fakes/fake-vk-monitor.ts';
import { CYCLE, cycleAndProcess, useMonitorEnv, withGazetteer } from '../support/monitor.ts';

describe('monitor bad input and source health', () => {
  const m = useMonitorEnv('2026-03-10T10:00:00Z', async (_env, fake) => {
    const xml = fixture('atom-regional-news.xml').toString('utf8');
    fake.pages.set('/good.xml', (_q, r) => void r.type('application/atom+xml').send(xml));
    fake.pages.set(
      '/html.xml',
      (_q, r) => void r.type('html').send('<!DOCTYPE html><html><body>Сайт на реконструкции</body></html>'),
    );
    fake.pages.set(
      '/truncated.xml',
      (_q, r) => void r.type('application/atom+xml').send(xml.slice(0, xml.length / 2)),
    );
    fake.pages.set('/huge.xml', (_q, r) => {
      r.type('application/rss+xml');
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 10; i++) r.write(chunk);
      r.end();
    });
    fake.walls.set('-777', { items: [] });
  });

  it('when feeds are HTML, truncated or 10 MB and VK keys are wrong, then each source fails alone and the good one works', async () => {
    const deps = withGazetteer(m.env.deps);
    const common = { intervalMinutes: 5, maxBytes: 5_000_000, now: () => deps.clock.now(), local: false };
    const wrongKey = createVkMonitorClient({
      baseUrl: m.fake.apiBaseUrl,
      token: 'wrong-key-0123456789',
      requestsPerSecond: 100,
    });
    const communityKey = createVkMonitorClient({
      baseUrl: m.fake.apiBaseUrl,
      token: COMMUNITY_TOKEN,
      requestsPerSecond: 100,
    });
    const sources = [
      rssSource({ ...common, id: 'html', url: `${m.fake.url}/html.xml` }),
      rssSource({ ...common, id: 'truncated', url: `${m.fake.url}/truncated.xml` }),
      rssSource({ ...common, id: 'huge', url: `${m.fake.url}/huge.xml` }),
      vkWallSource({ id: 'wrong-key', owner: '777', local: true, intervalMinutes: 5, client: wrongKey }),
      vkWallSource({
        id: 'community-key',
        owner: '777',
        local: true,
        intervalMinutes: 5,
        client: communityKey,
      }),
      rssSource({ ...common, id: 'good', url: `${m.fake.url}/good.xml` }),
    ];
    const { byId } = await cycleAndProcess(deps, sources);
    expect(byId.html!.error).toMatch(/not an RSS or Atom feed/);
    expect(byId.truncated!.error).toMatch(/truncated/);
    expect(byId.huge!.error).toMatch(/too large/);
    expect(byId['wrong-key']!.error).toMatch(/VK error 5/);
    expect(byId['community-key']!.error).toMatch(/VK error 27.*service key/);
    expect(byId.good!.status).toBe('ok');
    expect(byId.good!.stored).toBe(2);
    const states = await m.env.store.monitor.states();
    expect(states.find((s) => s.id === 'huge')!.nextRunAt!.getTime()).toBeGreaterThan(
      deps.clock.now().getTime(),
    );
    expect(JSON.stringify(states)).not.toContain('wrong-key-0123456789');
  });

  it("when a t.me page's markup changes, then zero posts is reported to the coordinator once, and again only after it recovered", async () => {
    const deps = withGazetteer(m.env.deps);
    let page = fixture('tme-changed-markup.html');
    m.fake.pages.set('/s/primer_news', (_q, r) => void r.type('html').send(page));
    const source = tgChannelSource({
      id: 'tg:primer_news',
      channel: 'primer_news',
      baseUrl: m.fake.url,
      local: false,
      intervalMinutes: 5,
      maxBytes: 5_000_000,
      now: () => deps.clock.now(),
    });
    const alerts = async () =>
      (await m.env.store.outbox.due(new Date('2030-01-01'), 500)).filter(
        (m) => m.chatId === '1001' && String(m.payload.text).includes('tg:primer_news'),
      );
    for (let i = 0; i < 5; i++) {
      const { byId } = await cycleAndProcess(deps, [source], CYCLE);
      expect(byId['tg:primer_news']!.status).toBe('empty');
    }
    expect(await alerts()).toHaveLength(1);
    expect(String((await alerts())[0]!.payload.text)).toContain('не отдаёт ни одной публикации');
    page = fixture('tme-primer-news.html');
    await cycleAndProcess(deps, [source], CYCLE);
    expect((await m.env.store.monitor.states()).find((s) => s.id === 'tg:primer_news')!.badCycles).toBe(0);
    page = fixture('tme-changed-markup.html');
    m.env.clock.advance(60_000);
    for (let i = 0; i < 3; i++) await cycleAndProcess(deps, [source], CYCLE);
    expect(await alerts()).toHaveLength(2);
  });
});
