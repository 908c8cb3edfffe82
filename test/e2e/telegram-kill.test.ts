import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../fakes/fake-bot-api.ts';
import { type ConfigFixture, spawnMcu } from '../support/service-fixture.ts';
import { consentedResidents, telegramFixture, until } from '../support/telegram-service.ts';

const BURST = 50;
const BATCH = 5;
const KILL_AT_BATCH = 3;
const USERS = Array.from({ length: BURST }, (_, i) => 50_000 + i);

/** Counts read straight from the file, without opening a second writer. */
function counts(dbFile: string) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      inbox: one('SELECT count(*) AS n FROM InboxEvent'),
      done: one(`SELECT count(*) AS n FROM InboxEvent WHERE status = 'done'`),
      appeals: one('SELECT count(*) AS n FROM Appeal'),
      texts: one('SELECT count(DISTINCT text) AS n FROM Appeal'),
    };
  } finally {
    db.close();
  }
}

describe('telegram: kill -9 in the middle of a burst', () => {
  let api: FakeBotApi;
  let fx: ConfigFixture;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    api = await startFakeBotApi(200);
    fx = telegramFixture(api.url, { SHUTDOWN_TIMEOUT_MS: '500' });
    await consentedResidents(fx.dbUrl, USERS);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await api.stop();
    fx.cleanup();
  });
  const start = () => {
    const child = spawnMcu(['start'], fx.env);
    children.push(child);
    return child;
  };

  it('when the service is SIGKILLed mid-burst and restarted, then every resident message is exactly one appeal', {
    timeout: 60_000,
  }, async () => {
    api.maxBatch = BATCH;
    for (const [i, u] of USERS.entries()) api.pushText(u, `Яма на дороге у дома ${i + 1} по улице Ленина`);
    let served = 0;
    const first = start();
    const killed = new Promise<void>((resolve) => {
      api.onServe = () => {
        served += 1;
        if (served === KILL_AT_BATCH) {
          first.kill('SIGKILL');
          resolve();
        }
      };
    });
    await killed;
    const [, signal] = await once(first, 'exit');
    expect(signal).toBe('SIGKILL');
    api.onServe = null;
    const atKill = counts(fx.dbFile);
    // Serving batch 3 means batches 1–2 were confirmed, which the bot does only once they are stored.
    expect(atKill.inbox).toBeGreaterThanOrEqual(BATCH * (KILL_AT_BATCH - 1));
    expect(atKill.inbox).toBeLessThan(BURST);
    expect(api.unconfirmed).toBeGreaterThan(0);

    const second = start();
    const after = await until(
      'all processed',
      async () => counts(fx.dbFile),
      (c) => c.done === BURST,
      40_000,
    );
    second.kill('SIGTERM');
    const [code] = await once(second, 'exit');
    expect(code).toBe(0);
    expect(api.unconfirmed).toBe(0);
    expect(after).toEqual({ inbox: BURST, done: BURST, appeals: BURST, texts: BURST });
  });
});
