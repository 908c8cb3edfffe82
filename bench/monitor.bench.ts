/**
 * Monitor benchmark: cycles over 1,000 sources (250 VK walls through `execute` at 3 requests a
 * second per key, 375 t.me pages, 375 RSS feeds) served by loopback fakes in a child process
 * (bench/monitor-fakes.ts), each cycle's posts processed into incidents; the monitor process's RSS
 * and heap (after a full GC) per cycle, and the drift from cycle 2 to the last; CPU per post for
 * classification + relevance + grouping. Per cycle also: the grouping candidates' read per relevant
 * post, and the candidates' signature cache (size, hit rate); at the end, grouping against 500
 * candidates with and without that cache.
 * Run: npm run bench:monitor   (node --expose-gc; BENCH_CYCLES=N to change the 10 cycles)
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createClassifier } from '../src/classifier/pipeline.ts';
import { createInboxProcessor } from '../src/core/inbox/process-inbox.ts';
import { chooseIncident, DEFAULT_GROUPING, SignatureCache } from '../src/core/monitor/grouping.ts';
import { assessRelevance, DEFAULT_RELEVANCE } from '../src/core/monitor/relevance.ts';
import type { MonitorSource } from '../src/core/monitor/types.ts';
import type { Repositories } from '../src/core/ports.ts';
import { createMonitorInboxHandler } from '../src/monitor/handle-posts.ts';
import { runCycle } from '../src/monitor/run-cycle.ts';
import { rssSource } from '../src/monitor/sources/rss.ts';
import { tgChannelSource } from '../src/monitor/sources/tg-channel.ts';
import { vkWallSource } from '../src/monitor/sources/vk-wall.ts';
import { createVkMonitorClient } from '../src/monitor/vk-client.ts';
import { SERVICE_KEY } from '../test/fakes/fake-vk-monitor.ts';
import { openTestEnv, testSectors } from '../test/support/harness.ts';
import { CYCLE, GAZETTEER, MONITOR_SETTINGS, silentLog, withGazetteer } from '../test/support/monitor.ts';
import { RSS, TG, textOf, VK_WALLS, wallOwner } from './monitor-fakes.ts';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
if (!globalThis.gc) console.log('note: run with node --expose-gc (npm run bench:monitor) for heap after GC');

// The fakes in their own process: their sockets, pages and JSON do not count in this process's memory.
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/monitor-fakes.ts'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: ['pipe', 'pipe', 'inherit'], // the fakes exit when their stdin closes
});
const first = await new Promise<string>((resolve, reject) => {
  child.once('error', reject);
  child.once('exit', (code) => reject(new Error(`bench/monitor-fakes.ts exited with ${code}`)));
  createInterface({ input: child.stdout! }).once('line', resolve);
});
const fake = JSON.parse(first) as { url: string; apiBaseUrl: string };
process.on('exit', () => child.kill('SIGTERM')); // also when the bench fails half-way

const env = await openTestEnv();
env.clock.set('2026-03-10T10:00:00Z');
const deps = withGazetteer(env.deps);
const client = createVkMonitorClient({ baseUrl: fake.apiBaseUrl, token: SERVICE_KEY, requestsPerSecond: 3 });
const now = () => deps.clock.now();
const common = { intervalMinutes: 5, maxBytes: 5_000_000, now, local: false };
const sources: MonitorSource[] = [
  ...Array.from({ length: VK_WALLS }, (_, i) =>
    vkWallSource({ id: `vk${i}`, owner: String(wallOwner(i)), local: true, intervalMinutes: 5, client }),
  ),
  ...Array.from({ length: TG }, (_, i) =>
    tgChannelSource({ ...common, id: `tg${i}`, channel: `chan${i}`, baseUrl: fake.url }),
  ),
  ...Array.from({ length: RSS }, (_, i) =>
    rssSource({ ...common, id: `rss${i}`, url: `${fake.url}/rss/${i}.xml` }),
  ),
];
/** Times the grouping candidates' read inside the inbox transactions (the rest of grouping is CPU). */
const reads = { ms: 0, count: 0 };
const timed = (tx: Repositories): Repositories => ({
  ...tx,
  monitor: {
    ...tx.monitor,
    async incidentPostsSince(sector, since) {
      const t = performance.now();
      const rows = await tx.monitor.incidentPostsSince(sector, since);
      reads.ms += performance.now() - t;
      reads.count += 1;
      return rows;
    },
  },
});
const store = {
  ...deps.store,
  transaction: <T>(work: (tx: Repositories) => Promise<T>) => deps.store.transaction((tx) => work(timed(tx))),
};
// As in the service: one handler and inbox processor, one long-lived abort signal for every cycle.
const signatures = new SignatureCache();
const inbox = createInboxProcessor(
  { ...deps, store },
  { monitor: createMonitorInboxHandler(deps, MONITOR_SETTINGS, silentLog, signatures) },
  { logger: silentLog },
);
const lifetime = new AbortController();

/** Moves the fakes to the cycle; once more if a pooled connection was closed while SQLite held the loop. */
async function control(cycle: number) {
  const url = `${fake.url}/control?cycle=${cycle}&now=${deps.clock.now().toISOString()}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await fetch(url)).text();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
const rss: number[] = [];
const heap: number[] = [];
const external: number[] = [];
let posts = 0;
for (let cycle = 0; cycle < CYCLES; cycle++) {
  await control(cycle);
  const t0 = performance.now();
  const reports = await runCycle(deps, sources, { ...CYCLE, concurrency: 64 }, silentLog, lifetime.signal);
  let done = 0;
  for (;;) {
    const r = await inbox.drainOnce();
    done += r.done;
    if (r.done + r.failed === 0) break;
  }
  posts += done;
  const ms = performance.now() - t0;
  const failed = reports.filter((r) => r.status === 'error');
  const errors = failed.length
    ? `${failed.length} errors (${failed[0]!.id}: ${failed[0]!.error})`
    : '0 errors';
  globalThis.gc?.();
  const m = process.memoryUsage();
  rss.push(mb(m.rss));
  heap.push(mb(m.heapUsed));
  external.push(mb(m.external));
  console.log(
    `cycle ${cycle + 1}: ${reports.length} sources, ${done} posts processed, ${errors}, ${(ms / 1000).toFixed(2)} s, rss ${rss.at(-1)} MB, heap ${heap.at(-1)} MB, external ${external.at(-1)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB`,
  );
  const hitRate = (100 * signatures.hits) / Math.max(1, signatures.hits + signatures.misses);
  console.log(
    `  grouping: ${reads.count} posts, candidates read ${(reads.ms / Math.max(1, reads.count)).toFixed(2)} ms per post; signature cache ${signatures.size} entries, ${hitRate.toFixed(1)}% hits`,
  );
  Object.assign(reads, { ms: 0, count: 0 });
  Object.assign(signatures, { hits: 0, misses: 0 });
  env.clock.advance(5 * 60_000);
}
const incidents = await env.store.db.appeal.count({ where: { kind: 'incident' } });
console.log(`${posts} posts processed into ${incidents} incidents`);
// Measured where requests leave (the client), not where they arrive.
const sent = client.stats.sentAt;
let peak = 0;
for (const t of sent) peak = Math.max(peak, sent.filter((x) => x >= t && x < t + 1000).length);
console.log(
  `VK: ${client.stats.executes} execute calls for ${VK_WALLS * CYCLES} wall.get (up to 25 per execute); peak ${peak} requests sent in any 1 s window (limit 3)`,
);
const drift = (series: number[]) =>
  series.length >= 2 ? `${(series.at(-1)! - series[1]!).toFixed(1)} MB` : 'n/a';
console.log(`memory per cycle (MB, after ${globalThis.gc ? 'a full GC' : 'no forced GC'}):`);
console.log(`  rss:  ${rss.join(', ')}`);
console.log(`  heap: ${heap.join(', ')}`);
console.log(`  external: ${external.join(', ')}`);
console.log(
  `  drift cycle 2 → ${CYCLES}: rss ${drift(rss)}, heap ${drift(heap)}, external ${drift(external)}`,
);

// CPU per post for classification + relevance + grouping against 200 open incidents' posts.
const classifier = createClassifier({ catalogue: testSectors(), threshold: 0.45, gazetteer: GAZETTEER });
const streets = GAZETTEER.streets;
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
// Grouping alone against 500 candidate posts (the store's cap): vectorising them again for every post,
// then with the signature cache the handler keeps.
const many = Array.from({ length: 500 }, (_, i) => ({
  post: { text: textOf(i + 1, 2), places: [], appealId: i % 8 },
  key: `bench:${i}`,
}));
const groupingMs = (cache?: SignatureCache) => {
  const t = performance.now();
  for (let i = 0; i < 500; i++) chooseIncident(textOf(i, 3), [], many, DEFAULT_GROUPING, cache);
  return ((performance.now() - t) / 500).toFixed(3);
};
const cache = new SignatureCache();
console.log(
  `grouping against 500 candidates: ${groupingMs()} ms per post re-vectorising them, ${groupingMs(cache)} ms with the signature cache (${cache.hits} hits, ${cache.misses} misses)`,
);
lifetime.abort();
child.kill('SIGTERM');
await env.close();
