/**
 * `node bin/mcu.js monitor once` as an operator runs it: configuration and database in a temp dir,
 * sources on loopback fakes served by this test process (a t.me preview page and an RSS feed).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { type FakeVkMonitor, startFakeVkMonitor } from '../fakes/fake-vk-monitor.ts';
import { GAZETTEER } from '../support/monitor.ts';
import { type ConfigFixture, FIXTURE_FILE, runMcu, writeConfigFixture } from '../support/service-fixture.ts';

// Each run starts `node bin/mcu.js` (tsx, the classifier): seconds apiece on a loaded CI box.
vi.setConfig({ testTimeout: 45_000, hookTimeout: 45_000 });

const PIPE = 'На улице Ленина прорыв трубы, вода хлещет, сколько можно!';
const WASTE = 'В Заречье не вывозят мусор уже неделю, контейнеры переполнены';
const GREETING = 'Поздравляем всех с праздником! Концерт в доме культуры в субботу.';

/** Posts dated a few minutes before the test (fixed, like a real feed): the CLI runs on the real clock. */
const STARTED = Date.now();
const ago = (min: number) => new Date(STARTED - min * 60_000);

function tmePage(): string {
  const post = (n: number, text: string, at: Date) =>
    `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="city_news/${n}"><div class="tgme_widget_message_text js-message_text">${text}</div><a class="tgme_widget_message_date" href="#"><time datetime="${at.toISOString()}"></time></a></div></div>`;
  return `<!DOCTYPE html><html><body><section class="tgme_channel_history">${post(41, GREETING, ago(30))}${post(42, PIPE, ago(10))}</section></body></html>`;
}

function feed(): string {
  const item = (guid: string, title: string, at: Date) =>
    `<item><title>${title}</title><link>https://admin.example.ru/news/${guid}</link><guid>${guid}</guid><pubDate>${at.toUTCString()}</pubDate></item>`;
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Администрация</title>${item('n1', WASTE, ago(20))}${item('n2', GREETING, ago(15))}</channel></rss>`;
}

describe('mcu monitor once', () => {
  let fake: FakeVkMonitor;
  let f: ConfigFixture;
  let rss: string;
  let gone: string;
  beforeAll(async () => {
    fake = await startFakeVkMonitor();
    fake.pages.set('/s/city_news', (_q, r) => void r.type('html').send(tmePage()));
    fake.pages.set('/news.xml', (_q, r) => void r.type('application/rss+xml').send(feed()));
    rss = `${fake.url}/news.xml`;
    gone = `${fake.url}/gone.xml`; // no handler: 404
    f = writeConfigFixture({
      file: { ...FIXTURE_FILE, gazetteer: GAZETTEER },
      env: { MONITOR_TG_CHANNELS: 'city_news', MONITOR_TG_BASE_URL: fake.url, MONITOR_RSS_URLS: rss },
    });
    const migrate = await runMcu(['migrate'], f.env);
    expect(migrate.code).toBe(0);
  });
  afterAll(async () => {
    await fake?.close();
    f?.cleanup();
  });

  it('when run against a t.me channel and a feed, then it prints the counts per source and the likely incidents, stores the posts and exits 0', async () => {
    const run = await runMcu(['monitor', 'once'], f.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('tg:city_news [tg_channel] ок; новых публикаций: 2, сохранено: 2\n');
    expect(out).toContain(`rss:${rss} [rss] ок; новых публикаций: 2, сохранено: 2\n`);
    const verdict = (text: string) =>
      new RegExp(`— (.+): ${text.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(out)?.[1];
    expect(verdict(PIPE)).toBe('инцидент');
    expect(verdict(WASTE)).toBe('инцидент');
    expect(verdict(GREETING)).toMatch(/^не инцидент \(/);
    expect(out).toContain(`${fake.url}/city_news/42 — инцидент`);
    expect(out).toMatch(/^Итого: источников 2, новых публикаций 4, похожих на инциденты 2; с ошибкой: нет$/m);

    // The posts wait in the inbox for the service, and the cursors are kept.
    const store = await createStore({ url: f.dbUrl });
    try {
      expect(await store.db.inboxEvent.count({ where: { channel: 'monitor', status: 'pending' } })).toBe(4);
      const states = await store.monitor.states();
      expect(states.map((s) => [s.id, s.cursor, s.itemsSeen])).toEqual(
        expect.arrayContaining([['tg:city_news', '42', 2]]),
      );
    } finally {
      await store.close();
    }
  });

  it('when one source is broken, then it still exits 0, names the failing source, and the others report nothing new', async () => {
    const run = await runMcu(['monitor', 'once'], { ...f.env, MONITOR_RSS_URLS: `${rss},${gone}` });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain(`rss:${gone} [rss] ошибка: HTTP 404 from 127.0.0.1:`);
    expect(out).toContain('tg:city_news [tg_channel] ок; новых публикаций: 0, сохранено: 0\n');
    expect(out).toContain(`rss:${rss} [rss] ок; новых публикаций: 0, сохранено: 0\n`);
    expect(out).toMatch(
      new RegExp(
        `^Итого: источников 3, новых публикаций 0, похожих на инциденты 0; с ошибкой: rss:${gone.replace(/[.]/g, '\\.')}$`,
        'm',
      ),
    );
  });
});
