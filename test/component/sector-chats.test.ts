import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../src/core/sectors.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv, testSectors } from '../support/harness.ts';

describe('staff cards by sector', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
    // Roads has a chat of its own; every other block uses the one staff group.
    env.deps.catalogue = createCatalogue(
      testSectors().map((s) => (s.code === 'roads' ? { ...s, chatId: '-200' } : s)),
    );
  });
  afterAll(() => env.close());

  it('when a sector names its own chat, then its cards go there and the others go to the staff group', async () => {
    const road = await registerAppeal(env.deps, { text: TEXTS.pothole });
    const waste = await registerAppeal(env.deps, { text: TEXTS.garbage });
    const cards = await env.store.db.outboxMessage.findMany({
      where: { kind: 'staff_card' },
      orderBy: { id: 'asc' },
    });
    expect(cards.map((c) => [c.appealId, c.chatId])).toEqual([
      [road.id, '-200'],
      [waste.id, '-100500'],
    ]);
  });
});
