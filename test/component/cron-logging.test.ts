/**
 * node-cron's own warnings (a run blocked by overlap prevention, a missed run) reach our pino logs,
 * with the job's name, and never the console, which node-cron 4 writes to by default.
 */
import type { TaskFn } from 'node-cron';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { MonitorSource } from '../../src/core/monitor/types.ts';
import { createLogger } from '../../src/logger.ts';
import { startMonitorScheduler } from '../../src/monitor/scheduler.ts';
import { scheduleLogged } from '../../src/runtime/cron-log.ts';
import { startScheduler } from '../../src/runtime/scheduler.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';
import { CYCLE } from '../support/monitor.ts';
import { memoryDestination } from '../support/service-fixture.ts';

const EVERY_SECOND = '* * * * * *';
const NEVER_SOON = '0 0 1 1 *';
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('node-cron warnings go through pino', () => {
  let env: TestEnv;
  let spies: MockInstance[] = [];
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());
  beforeEach(() => {
    spies = CONSOLE.map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
  });
  afterEach(() => {
    for (const s of spies) s.mockRestore();
  });

  const consoleFromCron = () =>
    spies.flatMap((s) => s.mock.calls).filter((args) => args.some((a) => String(a).includes('NODE-CRON')));
  const warnings = (out: ReturnType<typeof memoryDestination>, msg: string) =>
    out.records().filter((r) => r.level === 40 && String(r.msg).startsWith(msg));

  it('when the escalation job is still running at its next second, then pino gets an overlap warning naming the job and the console nothing', async () => {
    const out = memoryDestination();
    // Every transaction takes longer than the one-second schedule.
    const store = Object.create(env.deps.store) as CoreDeps['store'];
    store.transaction = async (work) => {
      await sleep(1_600);
      return env.deps.store.transaction(work);
    };
    const s = { digestCron: NEVER_SOON, weeklyCron: NEVER_SOON, escalationCron: EVERY_SECOND, headChats: [] };
    const scheduler = startScheduler({ ...env.deps, store }, s, createLogger('info', out), () => {});
    try {
      await expect
        .poll(() => warnings(out, 'job still running').length, { timeout: 6_000, interval: 100 })
        .toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
    const [overlap] = warnings(out, 'job still running');
    expect(overlap).toMatchObject({ job: 'escalation' });
    expect(typeof overlap!.slot).toBe('string');
    expect(consoleFromCron()).toEqual([]);
  });

  it('when a monitor cycle outlasts its interval, then pino gets an overlap warning naming the task and the console nothing', async () => {
    const out = memoryDestination();
    const slow: MonitorSource = {
      id: 'slow',
      kind: 'rss',
      intervalMinutes: 1, // a second here
      async fetch() {
        await sleep(1_600);
        return { posts: [], cursor: null, pageItems: 1 };
      },
    };
    const schedule = { sources: [slow], cycle: CYCLE, retentionDays: 30, secondsPerMinute: 1 };
    const scheduler = startMonitorScheduler(env.deps, schedule, createLogger('info', out), () => {});
    try {
      await expect
        .poll(() => warnings(out, 'job still running').length, { timeout: 6_000, interval: 100 })
        .toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
    expect(warnings(out, 'job still running')[0]).toMatchObject({ job: 'monitor-1m' });
    expect(consoleFromCron()).toEqual([]);
  });

  it('when the process is blocked past a run’s time, then pino gets a missed-run warning and the console nothing', async () => {
    const out = memoryDestination();
    const log = createLogger('info', out).child({ job: 'blocked' });
    const run: TaskFn = () => {};
    const task = scheduleLogged(EVERY_SECOND, run, { name: 'blocked' }, log);
    try {
      // Busy for longer than node-cron's one-second tolerance: the slots in between are missed.
      const until = Date.now() + 2_500;
      while (Date.now() < until) {}
      await expect
        .poll(() => warnings(out, 'job run missed').length, { timeout: 3_000, interval: 100 })
        .toBeGreaterThan(0);
    } finally {
      await task.destroy();
    }
    expect(warnings(out, 'job run missed')[0]).toMatchObject({ job: 'blocked' });
    expect(consoleFromCron()).toEqual([]);
  });
});
