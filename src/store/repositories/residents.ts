import type { Resident } from '../../core/model.ts';
import type { ResidentRepository } from '../../core/ports.ts';
import { type Client, isUniqueViolation } from './client.ts';

export function residentRepository(db: Client): ResidentRepository {
  return {
    get: (id) => db.resident.findUnique({ where: { id } }),
    findByExternal: (channel, externalId) =>
      db.resident.findUnique({ where: { channel_externalId: { channel, externalId } } }),
    async ensure({ channel, externalId, chatId, name }): Promise<Resident> {
      const found = await db.resident.findUnique({ where: { channel_externalId: { channel, externalId } } });
      if (found) return found;
      try {
        return await db.resident.create({ data: { channel, externalId, chatId, name: name ?? null } });
      } catch (error) {
        // A concurrent first message from the same user created it meanwhile.
        if (!isUniqueViolation(error)) throw error;
        return db.resident.findUniqueOrThrow({ where: { channel_externalId: { channel, externalId } } });
      }
    },
    async ensureMany(inputs) {
      const externalIds = [...new Set(inputs.map((i) => i.externalId))];
      const channels = [...new Set(inputs.map((i) => i.channel))];
      const found = await db.resident.findMany({
        where: { channel: { in: channels }, externalId: { in: externalIds } },
      });
      const key = (c: string, e: string) => `${c}\u0000${e}`;
      const byKey = new Map(found.map((r) => [key(r.channel, r.externalId), r]));
      const missing = new Map<string, (typeof inputs)[number]>();
      for (const i of inputs)
        if (!byKey.has(key(i.channel, i.externalId))) missing.set(key(i.channel, i.externalId), i);
      if (missing.size > 0) {
        // Only the key's columns: a caller's object may carry more (it is a channel's sender).
        const data = [...missing.values()].map((i) => ({
          channel: i.channel,
          externalId: i.externalId,
          chatId: i.chatId,
          name: i.name ?? null,
        }));
        for (const r of await db.resident.createManyAndReturn({ data }))
          byKey.set(key(r.channel, r.externalId), r);
      }
      return inputs.map((i) => byKey.get(key(i.channel, i.externalId))!);
    },
    async hold(residentId, message, at) {
      await db.pendingMessage.create({
        data: { residentId, payload: JSON.stringify(message), createdAt: at },
      });
    },
    async takeHeld(residentId) {
      const rows = await db.pendingMessage.findMany({ where: { residentId }, orderBy: { id: 'asc' } });
      if (rows.length > 0)
        await db.pendingMessage.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      return rows.map((r) => JSON.parse(r.payload) as unknown);
    },
    update: (id, patch) => db.resident.update({ where: { id }, data: patch }),
  };
}
