/**
 * Core intake throughput without network: store raw inbound events (in batches, as Telegram's
 * getUpdates delivers them), process them (create the appeal, classify and route it, enqueue the
 * resident's confirmation and the staff card). Prints appeals/s, p50/p99 latency, peak RSS, and
 * the raw better-sqlite3 insert rate on the same machine as the ceiling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SECTORS } from '../src/classifier/default-catalogue.ts';
import { createClassifier } from '../src/classifier/pipeline.ts';
import { intakeMessages } from '../src/core/appeals/intake.ts';
import { russianProductionCalendar } from '../src/core/deadlines/calendar.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { createInboxProcessor, type InboxHandler } from '../src/core/inbox/process-inbox.ts';
import { systemClock } from '../src/core/ports.ts';
import { createCatalogue } from '../src/core/sectors.ts';
import { createStore } from '../src/store/create-store.ts';
import { percentile, RESIDENT_TEXTS } from './common.ts';

const TOTAL = Number(process.env.BENCH_APPEALS ?? 5_000);
const BATCH = 100;

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const handler =
  (deps: CoreDeps): InboxHandler =>
  async (events, tx) => {
    const messages = events.map((e) => {
      const p = e.payload as { from: string; text: string };
      return {
        channel: e.channel,
        sender: { externalId: p.from, chatId: p.from },
        text: p.text,
        receivedAt: e.receivedAt,
      };
    });
    await intakeMessages(deps, tx, messages);
  };

async function benchIntake(dir: string) {
  const store = await createStore({ url: `file:${path.join(dir, 'bench.db')}` });
  const deps: CoreDeps = {
    store,
    classifier: createClassifier({ catalogue: DEFAULT_SECTORS }),
    catalogue: createCatalogue(DEFAULT_SECTORS),
    calendar: russianProductionCalendar,
    clock: systemClock,
    settings: {
      municipality: 'bench',
      timeZone: 'Europe/Moscow',
      staffChat: { channel: 'telegram', chatId: '-1' },
      maxTextLength: 10_000,
    },
  };
  const inbox = createInboxProcessor(deps, { telegram: handler(deps) }, { batchSize: 500, logger: console });
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < TOTAL; i += BATCH) {
    const receivedAt = new Date();
    const started = performance.now();
    await store.inbox.putMany(
      Array.from({ length: BATCH }, (_, k) => ({
        channel: 'telegram',
        externalId: String(i + k),
        kind: 'message',
        payload: {
          from: String((i + k) % 5000),
          text: `${RESIDENT_TEXTS[(i + k) % RESIDENT_TEXTS.length]} (${i + k})`,
        },
        receivedAt,
      })),
    );
    const r = await inbox.drainOnce();
    if (r.done !== BATCH) throw new Error(`expected ${BATCH} processed, got ${JSON.stringify(r)}`);
    const ms = performance.now() - started;
    for (let k = 0; k < BATCH; k++) latencies.push(ms);
    sampleRss();
  }
  const seconds = (performance.now() - t0) / 1000;
  const appeals = await store.db.appeal.count();
  const outbox = await store.db.outboxMessage.count();
  await store.close();
  latencies.sort((a, b) => a - b);
  return { seconds, appeals, outbox, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** The ceiling: the same rows inserted with prepared statements, same batch size, no ORM and no logic. */
function benchRaw(dir: string) {
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE inbox (id INTEGER PRIMARY KEY, channel TEXT, external_id TEXT, payload TEXT, UNIQUE(channel, external_id));',
  );
  db.exec(
    'CREATE TABLE appeal (id INTEGER PRIMARY KEY, number TEXT UNIQUE, text TEXT, sector TEXT, due_at TEXT);',
  );
  db.exec('CREATE TABLE outbox (id INTEGER PRIMARY KEY, chat_id TEXT, payload TEXT);');
  const ins = [
    db.prepare('INSERT INTO inbox (channel, external_id, payload) VALUES (?, ?, ?)'),
    db.prepare('INSERT INTO appeal (number, text, sector, due_at) VALUES (?, ?, ?, ?)'),
    db.prepare('INSERT INTO outbox (chat_id, payload) VALUES (?, ?)'),
  ] as const;
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + BATCH; i++) {
      ins[0].run('telegram', String(i), '{"text":"x"}');
      ins[1].run(
        `2026-${String(i).padStart(6, '0')}`,
        RESIDENT_TEXTS[i % RESIDENT_TEXTS.length],
        'roads',
        new Date().toISOString(),
      );
      ins[2].run('-1', '{"appealId":1}');
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < TOTAL; i += BATCH) batch(i);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return { seconds };
}

const dir = mkdtempSync(path.join(tmpdir(), 'mcu-bench-'));
try {
  const core = await benchIntake(dir);
  const raw = benchRaw(dir);
  const coreRate = core.appeals / core.seconds;
  const rawRate = TOTAL / raw.seconds;
  console.log(`intake benchmark: ${TOTAL} appeals, batches of ${BATCH}, SQLite WAL, ${process.version}`);
  console.log(
    `  core intake      ${coreRate.toFixed(0)} appeals/s  (${core.appeals} appeals, ${core.outbox} outbox messages, ${core.seconds.toFixed(2)} s)`,
  );
  console.log(
    `  latency          p50 ${core.p50.toFixed(1)} ms  p99 ${core.p99.toFixed(1)} ms  (receipt → appeal stored, staff card queued)`,
  );
  console.log(`  peak RSS         ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  console.log(
    `  raw better-sqlite3 ceiling  ${rawRate.toFixed(0)} appeals/s (3 inserts each)  ratio core/raw = ${(coreRate / rawRate).toFixed(3)}`,
  );
  console.log(`  target ≥ 2000 appeals/s: ${coreRate >= 2000 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
