import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeAppeal } from '../../src/core/appeals/intake.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

describe('intake smoke', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  it('when a resident writes about a pothole, then a numbered appeal is routed and announced', async () => {
    const r = await intakeAppeal(env.deps, {
      channel: 'telegram',
      sender: { externalId: '42', chatId: '42', name: 'Иван' },
      text: 'На улице Ленина огромная яма на дороге, машины бьют колёса',
      receivedAt: env.clock.now(),
    });
    expect(r.status).toBe('registered');
    if (r.status !== 'registered') return;
    expect(r.appeal.number).toBe('2026-000001');
    expect(r.appeal.sector).toBe('roads');
    const out = await env.store.outbox.due(env.clock.now(), 10);
    expect(out.map((m) => m.kind).sort()).toEqual(['staff_card', 'text']);
    expect(String(out.find((m) => m.kind === 'text')?.payload.text)).toContain('№ 2026-000001');
  });
});
