/**
 * Monitor benchmark: one cycle over 1,000 sources served by loopback fakes (VK walls through
 * `execute` at 3 requests a second, t.me pages, RSS feeds), the inbox processed into incidents;
 * CPU per post for classification + relevance + grouping; process RSS over 10 cycles.
 * Run: npm run bench:monitor
 */
import { createClassifier } from '../src/classifier/pipeline.ts';
import { chooseIncident, DEFAULT_GROUPING } from '../src/core/monitor/grouping.ts';
import { assessRelevance, DEFAULT_RELEVANCE } from '../src/core/monitor/relevance.ts';
import type { MonitorSource } from '../src/core/monitor/types.ts';
import { rssSource } from '../src/monitor/sources/rss.ts';
import { tgChannelSource } from '../src/monitor/sources/tg-channel.ts';
import { vkWallSource } from '../src/monitor/sources/vk-wall.ts';
import { createVkMonitorClient } from '../src/monitor/vk-client.ts';
import { SERVICE_KEY, startFakeVkMonitor } from '../test/fakes/fake-vk-monitor.ts';
import { openTestEnv, testSectors } from '../test/support/harness.ts';
import { CYCLE, cycleAndProcess, GAZETTEER, withGazetteer } from '../test/support/monitor.ts';

const VK_WALLS = 250;
const TG = 375;
const RSS = 375;
const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
const streets = GAZETTEER.streets;
const problems = [
  'прорыв трубы, вода хлещет',
  'огромная яма на дороге',
  'не вывозят мусор, контейнеры переполнены',
  'отключили свет, света нет',
];
const textOf = (i: number, c: number) =>
  i % 3 === 0
    ? `Поздравляем с праздником! Новость ${i}-${c}`
    : `На улице ${streets[i % streets.length]} ${problems[(i + c) % problems.length]}, сколько можно! (${i}-${c})`;

let cycle = 0;
const fake = await startFakeVkMonitor();
const env = await openTestEnv();
env.clock.set('2026-03-10T10:00:00Z');
const deps = withGazetteer(env.deps);
const unix = () => Math.floor(deps.clock.now().getTime() / 1000) - 60;
for (let i = 0; i < VK_WALLS; i++) {
  const owner = -(10_000 + i);
  const wall = { items: [] as Array<Record<string, unknown>> };
  Object.defineProperty(wall, 'items', {
    get: () => [{ id: 1000 + cycle, owner_id: owner, from_id: 1, date: unix(), text: textOf(i, cycle) }],
  });
  fake.walls.set(String(owner), wall);
}
for (let i = 0; i < TG; i++) {
  fake.pages.set(`/s/chan${i}`, (_q, r) => {
    const at = new Date(deps.clock.now().getTime() - 60_000).toISOString();
    r.type('html').send(
      `<html><body><section class="tgme_channel_history"><div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="chan${i}/${100 + cycle}"><div class="tgme_widget_message_text js-message_text">${textOf(i, cycle)}</div><a class="tgme_widget_message_date" href="#"><time datetime="${at}"></time></a></div></div></section></body></html>`,
    );
  });
}
for (let i = 0; i < RSS; i++) {
  fake.pages.set(`/rss/${i}.xml`, (_q, r) => {
    const at = new Date(deps.clock.now().getTime() - 60_000).toUTCString();
    r.type('application/rss+xml').send(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f${i}</title><item><title>${textOf(i, cycle)}</title><link>http://127.0.0.1/${i}/${cycle}</link><guid>${i}-${cycle}</guid><pubDate>${at}</pubDate></item></channel></rss>`,
    );
  });
}
const client = createVkMonitorClient({ baseUrl: fake.apiBaseUrl, token: SERVICE_KEY, requestsPerSecond: 3 });
const now = () => deps.clock.now();
const common = { intervalMinutes: 5, maxBytes: 5_000_000, now, local: false };
const sources: MonitorSource[] = [
  ...Array.from({ length: VK_WALLS }, (_, i) =>
    vkWallSource({ id: `vk${i}`, owner: String(-(10_000 + i)), local: true, intervalMinutes: 5, client }),
  ),
  ...Array.from({ length: TG }, (_, i) =>
    tgChannelSource({ ...common, id: `tg${i}`, channel: `chan${i}`, baseUrl: fake.url }),
  ),
  ...Array.from({ length: RSS }, (_, i) =>
    rssSource({ ...common, id: `rss${i}`, url: `${fake.url}/rss/${i}.xml` }),
  ),
];

const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const heap = () => Math.round(process.memoryUsage().heapUsed / 1e6);
const memory: number[] = [];
for (cycle = 0; cycle < CYCLES; cycle++) {
  const t0 = performance.now();
  const { reports, drained } = await cycleAndProcess(deps, sources, { ...CYCLE, concurrency: 64 });
  const ms = performance.now() - t0;
  const errors = reports.filter((r) => r.status === 'error').length;
  globalThis.gc?.();
  memory.push(mb());
  console.log(
    `cycle ${cycle + 1}: ${reports.length} sources, ${drained.done} posts processed, ${errors} errors, ${(ms / 1000).toFixed(2)} s, rss ${memory.at(-1)} MB, heap ${heap()} MB`,
  );
  env.clock.advance(5 * 60_000);
}
const executes = fake.calls.filter((c) => c.method === 'execute').length;
// Measured where requests leave: the fake shares this process, so its arrival times bunch when the loop is busy.
const sent = client.stats.sentAt;
let peak = 0;
for (const t of sent) peak = Math.max(peak, sent.filter((x) => x >= t && x < t + 1000).length);
console.log(
  `VK: ${executes} execute calls for ${VK_WALLS * CYCLES} wall.get; peak ${peak} requests sent in any 1 s window (limit 3)`,
);
console.log(
  `RSS memory over ${CYCLES} cycles: first ${memory[0]} MB, last ${memory.at(-1)} MB, max ${Math.max(...memory)} MB`,
);

// CPU per post for classification + relevance + grouping against 200 open incidents' posts.
const classifier = createClassifier({ catalogue: testSectors(), threshold: 0.45, gazetteer: GAZETTEER });
const candidates = Array.from({ length: 200 }, (_, i) => ({
  post: { text: textOf(i + 1, 0), places: [streets[(i + 1) % streets.length]!.toLowerCase()], appealId: i },
}));
const N = 5000;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const text = textOf(i, 1);
  const c = classifier.classify(text);
  const rel = assessRelevance({ text, local: false }, c, DEFAULT_RELEVANCE);
  if (rel.relevant)
    chooseIncident(
      text,
      rel.places,
      candidates.filter((x) => x.post.appealId % 12 === i % 12),
      DEFAULT_GROUPING,
    );
}
console.log(
  `CPU per post (classify + relevance + grouping): ${((performance.now() - t0) / N).toFixed(3)} ms (target ≤ 1 ms)`,
);
await fake.close();
await env.close();
