import type { NewOutboxMessage, OutboxMessage, OutboxRepository, OutboxStatus } from '../../core/ports.ts';
import type { Prisma } from '../generated/client.ts';
import { type Client, isUniqueViolation, parseJson } from './client.ts';

function toRow(msg: NewOutboxMessage, at: Date) {
  return {
    channel: msg.channel,
    chatId: msg.chatId,
    kind: msg.kind,
    payload: JSON.stringify(msg.payload),
    appealId: msg.appealId ?? null,
    dedupeKey: msg.dedupeKey ?? null,
    status: 'pending',
    createdAt: at,
    nextAttemptAt: at,
  };
}

function toMessage(r: Prisma.OutboxMessageModel): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel,
    chatId: r.chatId,
    kind: r.kind,
    payload: parseJson<Record<string, unknown>>(r.payload) ?? {},
    appealId: r.appealId,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    externalId: r.externalId,
  };
}

/**
 * The messages still to queue, in order: a dedupe key already queued, or repeated in the batch, is
 * skipped as `enqueue` skips it. createMany would fail the whole batch instead, and its
 * skipDuplicates exists on PostgreSQL but not on SQLite.
 */
async function unqueued(db: Client, msgs: NewOutboxMessage[]): Promise<NewOutboxMessage[]> {
  const keys = [...new Set(msgs.flatMap((m) => (m.dedupeKey ? [m.dedupeKey] : [])))];
  const queued =
    keys.length === 0
      ? []
      : await db.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  const taken = new Set(queued.map((r) => r.dedupeKey));
  return msgs.filter((m) => {
    if (!m.dedupeKey) return true;
    if (taken.has(m.dedupeKey)) return false;
    taken.add(m.dedupeKey);
    return true;
  });
}

export function outboxRepository(db: Client): OutboxRepository {
  return {
    async enqueue(msg, at) {
      try {
        await db.outboxMessage.create({ data: toRow(msg, at) });
      } catch (error) {
        // Same dedupe key: this message was already enqueued (a replayed inbox event).
        if (!isUniqueViolation(error)) throw error;
      }
    },
    async enqueueMany(msgs, at) {
      const fresh = await unqueued(db, msgs);
      if (fresh.length === 0) return;
      try {
        await db.outboxMessage.createMany({ data: fresh.map((m) => toRow(m, at)) });
      } catch (error) {
        // Another writer queued one of the keys meanwhile: one by one, in order, tolerates that.
        if (!isUniqueViolation(error)) throw error;
        const repo = outboxRepository(db);
        for (const m of fresh) await repo.enqueue(m, at);
      }
    },
    async due(now, limit) {
      const [rows, waiting] = await Promise.all([
        db.outboxMessage.findMany({
          where: { status: 'pending', nextAttemptAt: { lte: now } },
          orderBy: { id: 'asc' },
          take: limit,
        }),
        // Chats whose earlier message waits for a retry: later ones must not overtake it (e.g. after a restart).
        db.outboxMessage.groupBy({
          by: ['channel', 'chatId'],
          where: { status: 'pending', nextAttemptAt: { gt: now } },
          _min: { id: true },
        }),
      ]);
      const firstWaiting = new Map(waiting.map((w) => [`${w.channel}\u0000${w.chatId}`, w._min.id ?? 0]));
      return rows
        .filter((r) => r.id < (firstWaiting.get(`${r.channel}\u0000${r.chatId}`) ?? Number.POSITIVE_INFINITY))
        .map(toMessage);
    },
    async markSent(id, at, externalId) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'sent', sentAt: at, externalId, attempts: { increment: 1 } },
      });
    },
    async markRetry(id, error, nextAttemptAt) {
      await db.outboxMessage.update({
        where: { id },
        data: { attempts: { increment: 1 }, lastError: error.slice(0, 2000), nextAttemptAt },
      });
    },
    async markDead(id, error) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'dead', attempts: { increment: 1 }, lastError: error.slice(0, 2000) },
      });
    },
    async lastSent(appealId, kind) {
      const row = await db.outboxMessage.findFirst({
        where: { appealId, kind, status: 'sent', externalId: { not: null } },
        orderBy: { id: 'desc' },
      });
      return row && toMessage(row);
    },
    async stats() {
      const [pending, dead, oldest] = await Promise.all([
        db.outboxMessage.count({ where: { status: 'pending' } }),
        db.outboxMessage.count({ where: { status: 'dead' } }),
        db.outboxMessage.findFirst({
          where: { status: 'pending' },
          orderBy: { id: 'asc' },
          select: { createdAt: true },
        }),
      ]);
      return { pending, dead, oldestPendingAt: oldest?.createdAt ?? null };
    },
  };
}
