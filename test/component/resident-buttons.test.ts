import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pressResidentButton } from '../../src/core/appeals/resident-buttons.ts';
import { answerAppeal, takeAppeal } from '../../src/core/appeals/staff-actions.ts';
import type { Appeal } from '../../src/core/model.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

describe('resident buttons, the same for every channel', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  let chat = 500;
  let appeal: Appeal;
  let owner: { channel: string; externalId: string };

  const press = (id: string, who = owner) =>
    env.store.transaction((tx) => pressResidentButton(env.deps, tx, who, id));

  beforeEach(async () => {
    chat += 1;
    owner = { channel: 'telegram', externalId: String(chat) };
    env.clock.advance(60_000);
    appeal = await registerAppeal(env.deps, {
      text: TEXTS.leak,
      sender: { externalId: owner.externalId, chatId: owner.externalId, name: 'Житель' },
    });
    await env.store.transaction((tx) => takeAppeal(env.deps, tx, appeal.id, 'petrov'));
    await env.store.transaction((tx) => answerAppeal(env.deps, tx, appeal.id, 'petrov', 'Течь устранена.'));
  });

  it('when the owner says «Да» and then rates 5, then the appeal is closed with that rating', async () => {
    expect(await press(`solved:yes:${appeal.id}`)).toEqual({ kind: 'done' });
    expect(await press(`rate:5:${appeal.id}`)).toEqual({ kind: 'done' });
    expect(await env.store.appeals.get(appeal.id)).toMatchObject({ status: 'closed', rating: 5 });
  });

  it('when the owner rates twice, then the second press is refused as already rated', async () => {
    await press(`rate:4:${appeal.id}`);
    expect(await press(`rate:2:${appeal.id}`)).toEqual({
      kind: 'refused',
      why: 'already_rated',
      appealId: appeal.id,
    });
    expect((await env.store.appeals.get(appeal.id))?.rating).toBe(4);
  });

  it('when someone else presses the owner’s button, then it is refused and the appeal is unchanged', async () => {
    const stranger = { channel: 'telegram', externalId: '999999' };
    expect(await press(`solved:no:${appeal.id}`, stranger)).toMatchObject({
      kind: 'refused',
      why: 'not_yours',
    });
    // Same external id on another channel is another person.
    const vkTwin = { channel: 'vk', externalId: owner.externalId };
    expect(await press(`solved:no:${appeal.id}`, vkTwin)).toMatchObject({
      kind: 'refused',
      why: 'not_yours',
    });
    expect((await env.store.appeals.get(appeal.id))?.status).toBe('answered');
  });

  it('when «Да» comes after the appeal was reopened, then it is refused as already done', async () => {
    expect(await press(`solved:no:${appeal.id}`)).toEqual({ kind: 'done' });
    expect((await env.store.appeals.get(appeal.id))?.status).toBe('reopened');
    expect(await press(`solved:yes:${appeal.id}`)).toMatchObject({ kind: 'refused', why: 'already_done' });
  });

  it('when the button names no appeal or is not an appeal button, then it is refused or left to the channel', async () => {
    expect(await press('solved:yes:987654')).toEqual({ kind: 'refused', why: 'not_found', appealId: 987654 });
    expect(await press('consent')).toEqual({ kind: 'unknown' });
    expect(await press(`rate:9:${appeal.id}`)).toEqual({ kind: 'unknown' });
  });
});
