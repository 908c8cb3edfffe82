/**
 * The monitor's timetable under node-cron, sped up: `secondsPerMinute: 1` turns a source's interval
 * in minutes into that many seconds (node-cron's seconds field), jitter shrinking in proportion.
 */
import { getTasks, type ScheduledTask } from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchResult, MonitorSource, SourceState } from '../../src/core/monitor/types.ts';
import { cronFor, startMonitorScheduler } from '../../src/monitor/scheduler.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import { CYCLE, irrelevantPost, silentLog } from '../support/monitor.ts';

const TIME_ZONE = 'Asia/Vladivostok'; // UTC+10 all year: 03:30 there is 17:30 UTC

function liveTask(name: string): ScheduledTask {
  const found = [...getTasks().values()].filter(
    (t) => t.name === name && !['stopped', 'destroyed'].includes(t.getStatus()),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the monitor scheduler (node-cron)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv({ timeZone: TIME_ZONE });
    env.clock.set('2026-03-10T10:00:00Z');
  });
  afterAll(() => env.close());

  it('when intervals are minutes (production), then the expressions are the plain cron ones', () => {
    expect(cronFor(5)).toBe('*/5 * * * *');
    expect(cronFor(1)).toBe('*/1 * * * *');
    expect(cronFor(120)).toBe('0 */2 * * *');
    expect(cronFor(1440)).toBe('0 0 * * *');
    expect(cronFor(2, 1)).toBe('*/2 * * * * *');
  });

  it('when it runs, then a slow source is polled again and again without overlap, a failing one backs off further each time, and old posts are purged', async () => {
    const slow = { starts: [] as number[], inFlight: 0, maxInFlight: 0 };
    const slowSource: MonitorSource = {
      id: 'slow',
      kind: 'rss',
      intervalMinutes: 1, // every second here
      async fetch(): Promise<FetchResult> {
        slow.starts.push(Date.now());
        slow.inFlight += 1;
        slow.maxInFlight = Math.max(slow.maxInFlight, slow.inFlight);
        await new Promise((r) => setTimeout(r, 1_500)); // longer than the interval
        slow.inFlight -= 1;
        return { posts: [], cursor: null, pageItems: 1 };
      },
    };
    let failures = 0;
    const failingSource: MonitorSource = {
      id: 'failing',
      kind: 'tg_channel',
      intervalMinutes: 2,
      async fetch(): Promise<FetchResult> {
        failures += 1;
        throw new Error('HTTP 502 from t.me');
      },
    };
    // A post past the 30-day retention, for the purge job.
    const old = new Date('2026-01-01T00:00:00Z');
    await env.store.monitor.record(irrelevantPost('1', old, { text: 'Поздравляем с праздником' }));

    const scheduler = startMonitorScheduler(
      env.deps,
      {
        sources: [slowSource, failingSource],
        cycle: { ...CYCLE, force: false },
        retentionDays: 30,
        purgeCron: '* * * * * *',
        secondsPerMinute: 1,
      },
      silentLog,
      () => {},
    );
    const state = async (id: string): Promise<SourceState | undefined> =>
      (await env.store.monitor.states()).find((s) => s.id === id);
    try {
      // One task per interval plus the purge, all in the municipality's time zone.
      const everySecond = liveTask('monitor-1m');
      expect(everySecond.getPattern()).toBe('*/1 * * * * *');
      expect(liveTask('monitor-2m').getPattern()).toBe('*/2 * * * * *');
      const purge = liveTask('monitor-purge');
      expect(purge.getPattern()).toBe('* * * * * *');
      let overlaps = 0;
      everySecond.on('execution:overlap', () => {
        overlaps += 1;
      });
      let twoSecondRuns = 0;
      liveTask('monitor-2m').on('execution:finished', () => {
        twoSecondRuns += 1;
      });

      // The failing source: each failure pushes its next attempt further out.
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        await expect
          .poll(async () => (await state('failing'))?.badCycles, { timeout: 5_000, interval: 50 })
          .toBe(attempt);
        const s = (await state('failing'))!;
        expect(s.lastError).toBe('HTTP 502 from t.me');
        delays.push(s.nextRunAt!.getTime() - s.lastErrorAt!.getTime());
        if (attempt === 1) {
          // Its task keeps firing, but the source waits out its backoff.
          const runs = twoSecondRuns;
          await expect.poll(() => twoSecondRuns, { timeout: 5_000, interval: 50 }).toBeGreaterThan(runs);
          expect(failures).toBe(1);
        }
        env.clock.set(new Date(s.nextRunAt!.getTime() + 1));
      }
      expect(failures).toBe(3);
      // 60 s, 120 s, 240 s, each ±25 %: strictly growing.
      expect(delays[0]).toBeGreaterThanOrEqual(45_000);
      expect(delays[0]).toBeLessThanOrEqual(75_000);
      expect(delays[1]).toBeGreaterThan(delays[0]!);
      expect(delays[2]).toBeGreaterThan(delays[1]!);
      expect(delays[2]).toBeGreaterThanOrEqual(180_000);

      // The slow source: polled repeatedly, never two at once, ticks that came while busy skipped.
      await expect.poll(() => slow.starts.length, { timeout: 5_000, interval: 50 }).toBeGreaterThanOrEqual(3);
      expect(slow.maxInFlight).toBe(1);
      for (let i = 1; i < slow.starts.length; i++)
        expect(slow.starts[i]! - slow.starts[i - 1]!).toBeGreaterThanOrEqual(1_400);
      expect(overlaps).toBeGreaterThanOrEqual(1);
      expect((await state('slow'))!.badCycles).toBe(0);

      // The daily purge (every second here) removed the post past retention.
      expect(await env.store.db.monitoredPost.count()).toBe(0);
    } finally {
      await scheduler.stop();
      await expect.poll(() => slow.inFlight, { timeout: 3_000, interval: 50 }).toBe(0);
    }
  });

  it('when started with production settings, then the purge runs daily at 03:30 in the municipality’s time zone, not the server’s', async () => {
    const daily = startMonitorScheduler(
      env.deps,
      { sources: [], cycle: CYCLE, retentionDays: 30 },
      silentLog,
      () => {},
    );
    try {
      const next = liveTask('monitor-purge').getNextRun()!;
      expect(next.toISOString()).toMatch(/T17:30:00\.000Z$/);
    } finally {
      await daily.stop();
    }
  });
});
