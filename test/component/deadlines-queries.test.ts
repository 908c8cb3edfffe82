import { describe, expect, it } from 'vitest';
import { answerAppeal } from '../../src/core/appeals/staff-actions.ts';
import { dueSoonAppeals, overdueAppeals } from '../../src/core/deadlines/queries.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { createCatalogue } from '../../src/core/sectors.ts';
import { registerAppeal, TEXTS, useResetTestEnv } from '../support/factories.ts';
import { testSectors } from '../support/harness.ts';

const HOUR = 3_600_000;

describe('deadlines of registered appeals', () => {
  const env = useResetTestEnv();

  it('when a message appeal is registered, then it is due 24 h after receipt (not registration)', async () => {
    const receivedAt = new Date(env.clock.now().getTime() - 30 * 60_000);
    const a = await registerAppeal(env.deps, { receivedAt });
    expect(a.kind).toBe('message');
    expect(a.registeredAt).toEqual(env.clock.now());
    expect(a.dueAt).toEqual(new Date(receivedAt.getTime() + 24 * HOUR));
  });

  it('when the sector overrides messageHours, then that sector’s messages get its deadline and others keep 24 h', async () => {
    const sectors = testSectors().map((s) =>
      s.code === 'roads' ? { ...s, deadlines: { messageHours: 4 } } : s,
    );
    const deps: CoreDeps = { ...env.deps, catalogue: createCatalogue(sectors) };
    const roads = await registerAppeal(deps, { text: TEXTS.pothole });
    const waste = await registerAppeal(deps, { text: TEXTS.garbage });
    expect(roads.sector).toBe('roads');
    expect(waste.sector).toBe('waste');
    expect(roads.dueAt).toEqual(new Date(roads.receivedAt.getTime() + 4 * HOUR));
    expect(waste.dueAt).toEqual(new Date(waste.receivedAt.getTime() + 24 * HOUR));
  });

  it('when the clock advances, then appeals move from ok to due soon to overdue, and answered ones drop out', async () => {
    const t0 = env.clock.now().getTime();
    const first = await registerAppeal(env.deps, { receivedAt: new Date(t0) }); // due t0+24h
    const second = await registerAppeal(env.deps, { receivedAt: new Date(t0 + HOUR) }); // due t0+25h
    const done = await registerAppeal(env.deps, { receivedAt: new Date(t0) });
    await env.store.transaction((tx) => answerAppeal(env.deps, tx, done.id, 'Сделано', 'petrov'));
    const incident = await registerAppeal(env.deps, { kind: 'incident', receivedAt: new Date(t0) }); // due t0+24h, 2 h window
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);
    const at = (h: number, extraMs = 0) => {
      env.clock.set(new Date(t0 + h * HOUR + extraMs));
      return env.clock.now();
    };

    let now = at(19, 59 * 60_000); // 4 h 1 min before the first deadline
    expect(ids(await dueSoonAppeals(env.store.appeals, now))).toEqual([]);
    expect(ids(await overdueAppeals(env.store.appeals, now))).toEqual([]);

    now = at(20); // exactly 4 h before: the message is due soon, the incident (2 h window) not yet
    expect(ids(await dueSoonAppeals(env.store.appeals, now))).toEqual([first.id]);

    now = at(22); // 2 h before: the incident joins; the second message (due t0+25h) is 3 h away
    expect(ids(await dueSoonAppeals(env.store.appeals, now)).sort()).toEqual(
      [first.id, incident.id, second.id].sort(),
    );

    now = at(24); // at the deadline instant: still due soon, not overdue
    expect(ids(await overdueAppeals(env.store.appeals, now))).toEqual([]);
    expect(ids(await dueSoonAppeals(env.store.appeals, now))).toContain(first.id);

    now = at(24, 1);
    const overdue = await overdueAppeals(env.store.appeals, now);
    expect(ids(overdue).sort()).toEqual([first.id, incident.id].sort());
    expect(ids(await dueSoonAppeals(env.store.appeals, now))).toEqual([second.id]);

    now = at(30);
    expect(ids(await overdueAppeals(env.store.appeals, now))).toEqual(
      expect.arrayContaining([first.id, second.id, incident.id]),
    );
    expect(ids(await overdueAppeals(env.store.appeals, now))).not.toContain(done.id);
    // Oldest deadline first.
    const dues = (await overdueAppeals(env.store.appeals, now)).map((a) => a.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('when more appeals are overdue than the limit, then the ones with the oldest deadlines are returned', async () => {
    const t0 = env.clock.now().getTime();
    // Registered in order of receipt, so the oldest deadline has the smallest id.
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await registerAppeal(env.deps, { receivedAt: new Date(t0 + i * HOUR) }));
    const now = new Date(t0 + 48 * HOUR);
    const top2 = await overdueAppeals(env.store.appeals, now, 2);
    expect(top2.map((a) => a.id)).toEqual([made[0]!.id, made[1]!.id]);
  });
});
