import type { InboxEvent, InboxRepository, InboxStatus, NewInboxEvent } from '../../core/ports.ts';
import { type Client, isUniqueViolation, parseJson } from './client.ts';

function toRow(e: NewInboxEvent) {
  return { ...e, payload: JSON.stringify(e.payload), status: 'pending', nextAttemptAt: e.receivedAt };
}

export function inboxRepository(db: Client): InboxRepository {
  return {
    async put({ channel, externalId, kind, payload, receivedAt }) {
      try {
        const row = await db.inboxEvent.create({
          data: toRow({ channel, externalId, kind, payload, receivedAt }),
          select: { id: true },
        });
        return { id: row.id, inserted: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const row = await db.inboxEvent.findUniqueOrThrow({
          where: { channel_externalId: { channel, externalId } },
          select: { id: true },
        });
        return { id: row.id, inserted: false };
      }
    },
    async putMany(events) {
      if (events.length === 0) return [];
      const existing = await db.inboxEvent.findMany({
        where: {
          channel: { in: [...new Set(events.map((e) => e.channel))] },
          externalId: { in: events.map((e) => e.externalId) },
        },
        select: { channel: true, externalId: true },
      });
      const seen = new Set(existing.map((e) => `${e.channel}\u0000${e.externalId}`));
      const flags = events.map((e) => {
        const key = `${e.channel}\u0000${e.externalId}`;
        const fresh = !seen.has(key);
        seen.add(key);
        return fresh;
      });
      const data = events.filter((_, i) => flags[i]).map((e) => toRow(e));
      if (data.length === 0) return flags;
      try {
        await db.inboxEvent.createMany({ data });
        return flags;
      } catch (error) {
        // Another writer stored one of them meanwhile: fall back to one by one, which tolerates that;
        // in input order, so a repeat within the batch is the one flagged false.
        if (!isUniqueViolation(error)) throw error;
        const repo = inboxRepository(db);
        const again: boolean[] = [];
        for (const e of events) again.push((await repo.put(e)).inserted);
        return again;
      }
    },
    async due(now, limit) {
      const rows = await db.inboxEvent.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: now } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map(
        (r): InboxEvent => ({
          ...r,
          status: r.status as InboxStatus,
          payload: parseJson<unknown>(r.payload),
        }),
      );
    },
    async markDone(id, at) {
      await db.inboxEvent.update({
        where: { id },
        data: { status: 'done', processedAt: at, lastError: null },
      });
    },
    async markDoneMany(ids, at) {
      await db.inboxEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: 'done', processedAt: at, lastError: null },
      });
    },
    async markFailed(id, error, nextAttemptAt) {
      await db.inboxEvent.update({
        where: { id },
        data: {
          status: nextAttemptAt ? 'pending' : 'dead',
          attempts: { increment: 1 },
          lastError: error.slice(0, 2000),
          nextAttemptAt: nextAttemptAt ?? undefined,
        },
      });
    },
    async stats() {
      const [pending, dead, oldest] = await Promise.all([
        db.inboxEvent.count({ where: { status: 'pending' } }),
        db.inboxEvent.count({ where: { status: 'dead' } }),
        db.inboxEvent.findFirst({
          where: { status: 'pending' },
          orderBy: { id: 'asc' },
          select: { receivedAt: true },
        }),
      ]);
      return { pending, dead, oldestPendingAt: oldest?.receivedAt ?? null };
    },
  };
}
