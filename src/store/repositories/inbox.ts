import type { InboxEvent, InboxRepository, InboxStatus } from '../../core/ports.ts';
import { type Client, isUniqueViolation, parseJson } from './client.ts';

export function inboxRepository(db: Client): InboxRepository {
  return {
    async put({ channel, externalId, kind, payload, receivedAt }) {
      try {
        const row = await db.inboxEvent.create({
          data: {
            channel,
            externalId,
            kind,
            payload: JSON.stringify(payload),
            status: 'pending',
            receivedAt,
            nextAttemptAt: receivedAt,
          },
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
