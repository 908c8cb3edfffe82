import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startScheduler } from '../../src/runtime/scheduler.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

const EVERY_SECOND = '* * * * * *';
const NEVER_SOON = '0 0 1 1 *';

describe('the scheduler (node-cron)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
    env.clock.set(new Date(Date.now() - 2 * 86_400_000));
    await registerAppeal(env.deps, { text: TEXTS.pothole }); // due a day ago by now
    env.clock.set(new Date());
  });
  afterAll(() => env.close());

  it('when the digest and escalation times come, then the head gets one digest and the coordinator one escalation', async () => {
    let wakes = 0;
    const scheduler = startScheduler(
      env.deps,
      {
        digestCron: EVERY_SECOND,
        weeklyCron: NEVER_SOON,
        escalationCron: EVERY_SECOND,
        headChats: [{ channel: 'telegram', chatId: '777' }],
      },
      createLogger('silent'),
      () => {
        wakes += 1;
      },
    );
    try {
      await expect.poll(() => wakes, { timeout: 5_000, interval: 100 }).toBeGreaterThanOrEqual(4);
    } finally {
      await scheduler.stop();
    }
    const toHead = await env.store.db.outboxMessage.findMany({ where: { chatId: '777' } });
    // Fired every second, yet one digest per chat and hour (dedupe key).
    expect(toHead).toHaveLength(1);
    expect(JSON.parse(toHead[0]!.payload).text).toContain('Ежедневная сводка');
    const toCoordinator = await env.store.db.outboxMessage.findMany({ where: { chatId: '1001' } });
    expect(toCoordinator).toHaveLength(1);
    expect(JSON.parse(toCoordinator[0]!.payload).text).toMatch(/^Просрочено обращение № \d{4}-\d{6}/);
  });

  it('when a cron expression is invalid, then the scheduler refuses to start', () => {
    const bad = {
      digestCron: 'every morning',
      weeklyCron: NEVER_SOON,
      escalationCron: NEVER_SOON,
      headChats: [],
    };
    expect(() => startScheduler(env.deps, bad, createLogger('silent'), () => {})).toThrow(/digest/);
  });
});
