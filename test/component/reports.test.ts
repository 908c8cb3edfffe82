import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppeal, takeAppeal } from '../../src/core/appeals/staff-actions.ts';
import { escalate } from '../../src/core/deadlines/escalate.ts';
import { buildDigest } from '../../src/core/reports/digest.ts';
import { renderDigestRu } from '../../src/core/reports/render-ru.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

const HOUR = 3_600_000;

describe('digests and escalation', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
    env.clock.set('2026-03-09T20:00:00Z'); // the previous day: two roads appeals, overdue by the digest
    await registerAppeal(env.deps, { text: TEXTS.pothole });
    await registerAppeal(env.deps, { text: `${TEXTS.pothole} и ещё одна яма` });
    env.clock.set('2026-03-10T07:00:00Z');
    const a = await registerAppeal(env.deps, { text: `${TEXTS.leak}, звоните +7 (903) 123-45-67` });
    await registerAppeal(env.deps, { text: TEXTS.garbage });
    await registerAppeal(env.deps, { text: `${TEXTS.pothole}, у остановки` });
    env.clock.advance(HOUR);
    await env.store.transaction(async (tx) => {
      await takeAppeal(env.deps, tx, a.number, 'petrov');
      await answerAppeal(env.deps, tx, a.number, 'Крышу отремонтируют до пятницы', 'petrov');
    });
    env.clock.set('2026-03-11T06:01:00Z');
  });
  afterAll(() => env.close());

  it('when the daily digest is built, then it counts new, answered and overdue by sector with the change on the day before', async () => {
    const d = await env.store.transaction((tx) =>
      buildDigest(env.deps, tx, { kind: 'daily', now: env.clock.now() }),
    );
    expect(d.created).toBe(3);
    expect(d.answered).toBe(1);
    expect(d.onTimeShare).toBe(1);
    expect(d.overdueNow).toBe(2);
    expect(d.previous.created).toBe(2);
    expect(d.bySector.find((s) => s.sector === 'roads')).toEqual({
      sector: 'roads',
      created: 1,
      answered: 0,
      overdue: 2,
    });
    expect(d.overdueByExecutor).toEqual([{ key: '(не назначен)', count: 2 }]);
    const text = renderDigestRu(env.deps, d);
    expect(text).toContain('Ежедневная сводка');
    expect(text).toContain('Поступило: 3 (+50 % к предыдущим суткам)');
    expect(text).toContain('Дороги: 1 / 0 / 2');
    // Decimal comma, as a Russian reader writes it.
    expect(text).toContain(`Среднее за 7 дней: поступало ${d.avg7!.created.toFixed(1).replace('.', ',')},`);
    expect(text).not.toMatch(/Среднее за 7 дней: поступало \d+\.\d/);
    expect(text).not.toMatch(/903|123-45-67/);
  });

  it('when the weekly note is built, then it shows sources and the change on last week', async () => {
    const d = await env.store.transaction((tx) =>
      buildDigest(env.deps, tx, { kind: 'weekly', now: env.clock.now() }),
    );
    expect(d.bySource).toEqual([{ key: 'telegram', count: 5 }]);
    expect(d.avg7).toBeNull();
    expect(d.topTopics[0]).toMatchObject({ count: 3, share: 0.6 });
    expect(renderDigestRu(env.deps, d)).toContain('По источникам:\n• Telegram: 5');
  });

  it('when escalation runs twice, then overdue work reaches the coordinator once per appeal', async () => {
    const first = await env.store.transaction((tx) => escalate(env.deps, tx, env.clock.now()));
    const second = await env.store.transaction((tx) => escalate(env.deps, tx, env.clock.now()));
    expect(first.messages).toBeGreaterThanOrEqual(2);
    const toCoordinator = await env.store.db.outboxMessage.findMany({ where: { chatId: '1001' } });
    expect(toCoordinator).toHaveLength(2);
    expect(second.messages).toBe(first.messages);
    expect(toCoordinator.every((m) => m.payload.includes('Просрочено обращение №'))).toBe(true);
  });
});

describe('escalation by role', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  it('when an assigned appeal is due soon, then its executor is reminded; once overdue, the block head and the coordinator are told', async () => {
    env.clock.set('2026-04-01T06:00:00Z');
    const a = await registerAppeal(env.deps, { text: TEXTS.leak });
    expect(a.sector).toBe('housing');
    await env.store.transaction((tx) => takeAppeal(env.deps, tx, a.number, 'petrov'));
    const texts = async (chatId: string) =>
      (await env.store.db.outboxMessage.findMany({ where: { chatId } })).map(
        (m) => JSON.parse(m.payload).text as string,
      );

    env.clock.set('2026-04-02T03:00:00Z'); // 3 h before the 24 h deadline: due soon (4 h window)
    await env.store.transaction((tx) => escalate(env.deps, tx, env.clock.now()));
    expect((await texts('1002')).filter((t) => t.startsWith('Напоминание'))).toHaveLength(1);
    expect(await texts('1003')).toEqual([]);

    env.clock.set('2026-04-02T07:00:00Z'); // an hour late
    await env.store.transaction((tx) => escalate(env.deps, tx, env.clock.now()));
    const toHead = (await texts('1003')).filter((t) => t.startsWith('Просрочено'));
    const toCoordinator = (await texts('1001')).filter((t) => t.startsWith('Просрочено'));
    expect(toHead).toEqual([`Просрочено обращение № ${a.number} (срок 02.04.2026 09:00; Петров).`]);
    expect(toCoordinator).toEqual(toHead);
  });
});
