import { describe, expect, it } from 'vitest';
import { createNameLookup, type UsersApi } from '../../src/bots/vk/names.ts';
import type { RawVkEvent } from '../../src/bots/vk/receive.ts';
import type { Resident } from '../../src/core/model.ts';
import { createLogger } from '../../src/logger.ts';
import { memoryDestination } from '../support/service-fixture.ts';

const message = (from: number, peer = from, out = 0): RawVkEvent => ({
  type: 'message_new',
  object: { message: { from_id: from, peer_id: peer, out, text: 'Яма', conversation_message_id: 1 } },
});

function setup(get: UsersApi['users']['get']) {
  const out = memoryDestination();
  const asked: number[][] = [];
  const updates: Array<[number, string]> = [];
  const records = new Map<string, Resident>();
  const residents = {
    findByExternal: async (_channel: string, id: string) => records.get(id) ?? null,
    update: async (id: number, patch: Partial<Resident>) => {
      updates.push([id, patch.name!]);
      return { ...[...records.values()].find((r) => r.id === id)!, ...patch };
    },
  };
  const api: UsersApi = {
    users: {
      get: (p) => {
        asked.push(p.user_ids);
        return get(p);
      },
    },
  };
  const names = createNameLookup(api, { residents }, createLogger('info', out), { channel: 'vk' });
  const resident = (id: number, name: string | null) =>
    records.set(String(id), {
      id,
      channel: 'vk',
      externalId: String(id),
      chatId: String(id),
      name,
      phone: null,
      consentAt: null,
    });
  return { names, out, asked, updates, resident };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('VK residents’ names (names.ts)', () => {
  it('when users.get fails on the network, then learning returns at once, nobody is named, and a warning is logged', async () => {
    const t = setup(() => Promise.reject(new Error('connect ECONNREFUSED')));
    t.names.learn([message(11)]);
    await settle();
    expect(t.names.nameOf('11')).toBeNull();
    expect(t.out.records()).toMatchObject([{ level: 40, users: 1, err: 'Error: connect ECONNREFUSED' }]);
  });

  it('when a profile is deleted, then it gives no name and is not asked for again; a real one is named and fills a record made without it', async () => {
    const t = setup(async () => [
      { id: 11, first_name: 'DELETED', last_name: '', deactivated: 'deleted' },
      { id: 12, first_name: 'Ольга', last_name: 'Иванова' },
    ]);
    t.resident(12, null);
    t.names.learn([message(11), message(12)]);
    await settle();
    expect(t.asked).toEqual([[11, 12]]);
    expect(t.names.nameOf('11')).toBeNull();
    expect(t.names.nameOf('12')).toBe('Ольга Иванова');
    expect(t.updates).toEqual([[12, 'Ольга Иванова']]);
    t.names.learn([message(11)]);
    await settle();
    expect(t.asked).toHaveLength(1);
  });

  it('when the sender is already named, writes in a group chat, or the event is our own, then nothing is asked', async () => {
    const t = setup(async () => []);
    t.resident(13, 'Пётр');
    t.names.learn([message(13), message(14, 2_000_000_001), message(15, 15, 1)]);
    await settle();
    expect(t.asked).toEqual([]);
  });

  it('when closed, then later events are not looked up', async () => {
    const t = setup(async () => []);
    await t.names.close();
    t.names.learn([message(16)]);
    await settle();
    expect(t.asked).toEqual([]);
  });
});
