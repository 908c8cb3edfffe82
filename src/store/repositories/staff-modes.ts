/**
 * Staff conversation modes («Уточнить», «Ответить», «Дубль»), one row per staff member, so that a
 * restart between the button and the staff member's next message does not lose the intent.
 *
 * Consuming a mode records the inbox event that used it: a second message of the same batch is then
 * ordinary chatter, while the same event, handled again, still finds its mode. Inside the inbox
 * transaction a rolled-back batch rolls the consumption back too, so the retry sees the mode unused;
 * through the store's own repositories (no transaction) the event id keeps the retry right instead.
 * Either way an event gets its mode exactly once per successful handling.
 */
import type { StaffMode, StaffModeKind, StaffModeRepository } from '../../core/ports.ts';
import type { Prisma } from '../generated/client.ts';
import type { Client } from './client.ts';

function toMode(r: Prisma.StaffModeModel): StaffMode {
  return {
    kind: r.kind as StaffModeKind,
    appealId: r.appealId,
    chatId: r.chatId,
    expiresAt: r.expiresAt,
    consumedBy: r.consumedBy,
  };
}

export function staffModeRepository(db: Client): StaffModeRepository {
  return {
    async set(staffId, mode) {
      const data = { ...mode, consumedBy: null };
      await db.staffMode.upsert({ where: { staffId }, create: { staffId, ...data }, update: data });
    },
    async take(staffId, chatId, eventId, now) {
      // One conditional update: live, in this chat, and unused or used by this very event.
      const { count } = await db.staffMode.updateMany({
        where: {
          staffId,
          chatId,
          expiresAt: { gte: now },
          OR: [{ consumedBy: null }, { consumedBy: eventId }],
        },
        data: { consumedBy: eventId },
      });
      if (count === 1) {
        const row = await db.staffMode.findUnique({ where: { staffId } });
        return row && toMode(row);
      }
      // A used mode stays until it expires (its event may be retried); an expired one is of no use.
      await db.staffMode.deleteMany({ where: { staffId, expiresAt: { lt: now } } });
      return null;
    },
  };
}
