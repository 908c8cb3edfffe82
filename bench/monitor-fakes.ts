/**
 * The monitor bench's fakes, in their own process so the monitor's memory is measured alone:
 * 250 VK walls (through the fake VK API, execute included), 375 t.me channel pages, 375 RSS feeds.
 * Every source yields one new post per cycle. The bench moves the cycle and the clock with
 * `GET /control?cycle=N&now=ISO`. Prints `{"url": …}` on its first stdout line once listening.
 * Run by bench/monitor.bench.ts: node --import tsx bench/monitor-fakes.ts
 */
import { pathToFileURL } from 'node:url';
import { startFakeVkMonitor } from '../test/fakes/fake-vk-monitor.ts';
import { GAZETTEER } from '../test/support/monitor.ts';

export const VK_WALLS = 250;
export const TG = 375;
export const RSS = 375;

const streets = GAZETTEER.streets;
const problems = [
  'прорыв трубы, вода хлещет',
  'огромная яма на дороге',
  'не вывозят мусор, контейнеры переполнены',
  'отключили свет, света нет',
];
/** A third of the posts are greetings (not incidents); the rest name a street and a problem. */
export const textOf = (i: number, c: number) =>
  i % 3 === 0
    ? `Поздравляем с праздником! Новость ${i}-${c}`
    : `На улице ${streets[i % streets.length]} ${problems[(i + c) % problems.length]}, сколько можно! (${i}-${c})`;

export const wallOwner = (i: number) => -(10_000 + i);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const state = { cycle: 0, now: Date.now() };
  const fake = await startFakeVkMonitor();
  // The fake keeps every API call for tests; here nobody reads them.
  const calls = fake.calls;
  fake.pages.set('/control', (req, res) => {
    state.cycle = Number(req.query.cycle);
    state.now = Date.parse(String(req.query.now));
    calls.length = 0;
    res.json(state);
  });
  const unix = () => Math.floor(state.now / 1000) - 60;
  for (let i = 0; i < VK_WALLS; i++) {
    const owner = wallOwner(i);
    const wall = { items: [] as Array<Record<string, unknown>> };
    Object.defineProperty(wall, 'items', {
      get: () => [
        { id: 1000 + state.cycle, owner_id: owner, from_id: 1, date: unix(), text: textOf(i, state.cycle) },
      ],
    });
    fake.walls.set(String(owner), wall);
  }
  for (let i = 0; i < TG; i++) {
    fake.pages.set(`/s/chan${i}`, (_q, r) => {
      const at = new Date(state.now - 60_000).toISOString();
      r.type('html').send(
        `<html><body><section class="tgme_channel_history"><div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="chan${i}/${100 + state.cycle}"><div class="tgme_widget_message_text js-message_text">${textOf(i, state.cycle)}</div><a class="tgme_widget_message_date" href="#"><time datetime="${at}"></time></a></div></div></section></body></html>`,
      );
    });
  }
  for (let i = 0; i < RSS; i++) {
    fake.pages.set(`/rss/${i}.xml`, (_q, r) => {
      const at = new Date(state.now - 60_000).toUTCString();
      r.type('application/rss+xml').send(
        `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f${i}</title><item><title>${textOf(i, state.cycle)}</title><link>http://127.0.0.1/${i}/${state.cycle}</link><guid>${i}-${state.cycle}</guid><pubDate>${at}</pubDate></item></channel></rss>`,
      );
    });
  }
  process.stdout.write(`${JSON.stringify({ url: fake.url, apiBaseUrl: fake.apiBaseUrl })}\n`);
  // Gone with the bench: when it closes our stdin (it exits, even by a crash) or signals us.
  const stop = () => process.exit(0);
  process.stdin.on('end', stop).on('close', stop).resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
