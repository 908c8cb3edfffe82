/**
 * Telegram end to end without the internet: simulated residents send messages through a fast local
 * fake Bot API; the real service (telegraf client, durable polling, inbox, conversation handler,
 * outbox) receives them in getUpdates batches of 100. Measures updates/s from receipt until every
 * appeal is stored and its staff card queued, the p50/p99 receipt → processed latency, and checks
 * that nothing was lost or doubled. Target: ≥ 500 updates/s.
 */
import Database from 'better-sqlite3';
import type { Service } from '../src/main.ts';
import { type FakeBotApi, startFakeBotApi } from '../test/fakes/fake-bot-api.ts';
import type { ConfigFixture } from '../test/support/service-fixture.ts';
import {
  consentedResidents,
  startTelegramService,
  telegramFixture,
  until,
} from '../test/support/telegram-service.ts';
import { percentile, RESIDENT_TEXTS } from './common.ts';

const TOTAL = Number(process.env.BENCH_UPDATES ?? 2_000);
const TARGET = 500;
const USERS = Array.from({ length: TOTAL }, (_, i) => 700_000 + i);

/** Progress read on a separate read-only connection (WAL), so watching does not slow the writer. */
function watcher(dbFile: string) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const q = db.prepare(
    `SELECT (SELECT count(*) FROM InboxEvent) AS stored,
            (SELECT count(*) FROM InboxEvent WHERE status = 'done') AS done,
            (SELECT count(*) FROM OutboxMessage WHERE kind = 'staff_card') AS cards`,
  );
  return { read: () => q.get() as { stored: number; done: number; cards: number }, close: () => db.close() };
}

async function measure(api: FakeBotApi, dbFile: string) {
  const watch = watcher(dbFile);
  const t0 = performance.now();
  for (const [i, u] of USERS.entries())
    api.pushText(u, `${RESIDENT_TEXTS[i % RESIDENT_TEXTS.length]} (житель ${i + 1})`);
  let storedAt = 0;
  const last = await until(
    'all processed',
    async () => {
      const p = watch.read();
      if (!storedAt && p.stored >= TOTAL) storedAt = performance.now();
      return p;
    },
    (p) => p.done >= TOTAL && p.cards >= TOTAL,
    120_000,
    100,
  );
  watch.close();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, receiptSeconds: (storedAt - t0) / 1000, last };
}

async function verify(service: Service) {
  const db = service.store.db;
  const rows = await db.inboxEvent.findMany({ select: { receivedAt: true, processedAt: true } });
  const latencies = rows
    .map((r) => (r.processedAt?.getTime() ?? Number.NaN) - r.receivedAt.getTime())
    .sort((a, b) => a - b);
  const appeals = await db.appeal.count();
  const distinct = (await db.appeal.groupBy({ by: ['residentId'] })).length;
  const dead = await db.inboxEvent.count({ where: { status: { not: 'done' } } });
  return { latencies, appeals, distinct, dead };
}

async function main() {
  let api: FakeBotApi | null = null;
  let fx: ConfigFixture | null = null;
  let service: Service | null = null;
  try {
    api = await startFakeBotApi(50);
    fx = telegramFixture(api.url, { SHUTDOWN_TIMEOUT_MS: '200' });
    await consentedResidents(fx.dbUrl, USERS);
    // Real per-chat spacing: the outbox sends confirmations while intake runs, as in production.
    service = await startTelegramService(fx, {
      settings: { groupIntervalMs: 3_000, privateIntervalMs: 1_000 },
    });
    await api.waitForCalls('getUpdates', 1);

    const { seconds, receiptSeconds } = await measure(api, fx.dbFile);
    const { latencies, appeals, distinct, dead } = await verify(service);
    // The last batch is confirmed by the next getUpdates (its offset), one poll later.
    await until(
      'confirmed',
      async () => api?.unconfirmed ?? 0,
      (n) => n === 0,
      5_000,
    ).catch(() => {});
    const rate = TOTAL / seconds;
    const ok = appeals === TOTAL && distinct === TOTAL && dead === 0 && api.unconfirmed === 0;
    console.log(
      `telegram bench: ${TOTAL} updates from ${TOTAL} residents through the fake Bot API (batches of 100)`,
    );
    console.log(
      `  received and stored (inbox):   ${receiptSeconds.toFixed(2)} s  (${(TOTAL / receiptSeconds).toFixed(0)} updates/s)`,
    );
    console.log(
      `  receipt → appeal + staff card: ${seconds.toFixed(2)} s  (${rate.toFixed(0)} updates/s, target ≥ ${TARGET})`,
    );
    console.log(
      `  latency received → processed:  p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms, max ${latencies.at(-1)} ms`,
    );
    console.log(
      `  appeals ${appeals}, distinct residents ${distinct}, not done ${dead}, unconfirmed at the API ${api.unconfirmed}`,
    );
    console.log(
      `  sends so far: ${api.callsOf('sendMessage').length} sendMessage (per-chat spacing 1 s, staff group 3 s)`,
    );
    console.log(ok ? '  nothing lost, nothing doubled' : '  MISMATCH: something was lost or doubled');
    console.log(rate >= TARGET ? '  target met' : '  BELOW TARGET');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await service?.stop();
    await api?.stop();
    fx?.cleanup();
  }
}

await main();
