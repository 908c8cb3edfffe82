/**
 * The intake hot path on SQLite: bulk writes through better-sqlite3 with cached statements, on the
 * very connection Prisma uses (so they join its transactions). Prisma's adapter costs ~0.5 ms per
 * inserted row; this costs microseconds. Standard SQL only (INSERT … ON CONFLICT … RETURNING).
 */
import type { Database } from 'better-sqlite3';
import type { AppealKind, AppealStatus } from '../../core/appeals/lifecycle.ts';
import type { SectorDecider } from '../../core/classification.ts';
import type { Appeal, Attachment, NewAppeal, Resident } from '../../core/model.ts';
import type { NewInboxEvent, NewOutboxMessage, ResidentKey } from '../../core/ports.ts';
import { formatAppealNumber } from '../repositories/appeals.ts';
import { atomically, fromDbDate, insertSql, stmt, toDb } from './statements.ts';

const INBOX_COLS = [
  'channel',
  'externalId',
  'kind',
  'payload',
  'status',
  'attempts',
  'receivedAt',
  'nextAttemptAt',
];
const OUTBOX_COLS = [
  'channel',
  'chatId',
  'kind',
  'payload',
  'appealId',
  'dedupeKey',
  'status',
  'attempts',
  'createdAt',
  'nextAttemptAt',
];
const APPEAL_COLS = [
  'number',
  'year',
  'seq',
  'channel',
  'kind',
  'status',
  'text',
  'intakeNote',
  'residentId',
  'replyChatId',
  'sector',
  'sectorConfidence',
  'sectorDecidedBy',
  'urgent',
  'spam',
  'address',
  'settlement',
  'latitude',
  'longitude',
  'assigneeId',
  'duplicateOfId',
  'receivedAt',
  'registeredAt',
  'dueAt',
  'targetAt',
  'extensionReason',
  'extendedAt',
  'answeredAt',
  'closedAt',
  'rating',
  'createdAt',
  'updatedAt',
] as const;
const APPEAL_DATES = [
  'receivedAt',
  'registeredAt',
  'dueAt',
  'targetAt',
  'extendedAt',
  'answeredAt',
  'closedAt',
  'createdAt',
  'updatedAt',
];

export function putInbox(db: Database, events: NewInboxEvent[]): boolean[] {
  const ins = stmt(
    db,
    insertSql('InboxEvent', INBOX_COLS, 'ON CONFLICT ("channel", "externalId") DO NOTHING'),
  );
  return atomically(db, () =>
    events.map((e) => {
      const at = toDb(e.receivedAt);
      return (
        ins.run(e.channel, e.externalId, e.kind, JSON.stringify(e.payload), 'pending', 0, at, at).changes ===
        1
      );
    }),
  );
}

export function markInboxDone(db: Database, ids: number[], at: Date): void {
  const upd = stmt(
    db,
    'UPDATE "InboxEvent" SET "status" = \'done\', "processedAt" = ?, "lastError" = NULL WHERE "id" = ?',
  );
  atomically(db, () => {
    for (const id of ids) upd.run(toDb(at), id);
  });
}

export function enqueueOutbox(db: Database, msgs: NewOutboxMessage[], at: Date): void {
  const ins = stmt(db, insertSql('OutboxMessage', OUTBOX_COLS, 'ON CONFLICT DO NOTHING'));
  const when = toDb(at);
  atomically(db, () => {
    for (const m of msgs) {
      ins.run(
        m.channel,
        m.chatId,
        m.kind,
        JSON.stringify(m.payload),
        m.appealId ?? null,
        m.dedupeKey ?? null,
        'pending',
        0,
        when,
        when,
      );
    }
  });
}

/** `createdAt` comes from the column default ("YYYY-MM-DD HH:MM:SS"): a Date, as Prisma reads it. */
function toResident(r: Record<string, unknown>): Resident {
  return {
    ...(r as unknown as Resident),
    consentAt: fromDbDate(r.consentAt),
    createdAt: fromDbDate(r.createdAt),
  } as Resident;
}

export function ensureResidents(db: Database, keys: ResidentKey[]): Resident[] {
  const find = stmt(db, 'SELECT * FROM "Resident" WHERE "channel" = ? AND "externalId" = ?');
  const ins = stmt(db, `${insertSql('Resident', ['channel', 'externalId', 'chatId', 'name'])} RETURNING *`);
  return atomically(db, () =>
    keys.map((k) => {
      const row = (find.get(k.channel, k.externalId) ??
        ins.get(k.channel, k.externalId, k.chatId, k.name ?? null)) as Record<string, unknown>;
      return toResident(row);
    }),
  );
}

function toAppeal(r: Record<string, unknown>): Appeal {
  const a = { ...r } as Record<string, unknown>;
  for (const d of APPEAL_DATES) a[d] = fromDbDate(r[d]);
  a.urgent = r.urgent === 1;
  a.spam = r.spam === 1;
  return {
    ...(a as unknown as Appeal),
    kind: r.kind as AppealKind,
    status: r.status as AppealStatus,
    sectorDecidedBy: r.sectorDecidedBy as SectorDecider,
  };
}

function reserveNumbers(db: Database, items: Array<{ data: NewAppeal }>): Map<number, number> {
  const bump = stmt(
    db,
    'INSERT INTO "AppealCounter" ("year", "last") VALUES (?, ?) ON CONFLICT ("year") DO UPDATE SET "last" = "AppealCounter"."last" + excluded."last" RETURNING "last"',
  );
  const counts = new Map<number, number>();
  for (const { data } of items) counts.set(data.year, (counts.get(data.year) ?? 0) + 1);
  const first = new Map<number, number>();
  for (const [year, n] of counts) first.set(year, (bump.get(year, n) as { last: number }).last - n + 1);
  return first;
}

export function createAppeals(
  db: Database,
  items: Array<{ data: NewAppeal; attachments: Attachment[] }>,
  actor: string,
  at: Date,
): Appeal[] {
  const insAppeal = stmt(db, `${insertSql('Appeal', APPEAL_COLS)} RETURNING *`);
  const insEvent = stmt(db, insertSql('AppealEvent', ['appealId', 'type', 'toStatus', 'actor', 'at']));
  const insAttachment = stmt(
    db,
    insertSql('Attachment', ['appealId', 'kind', 'ref', 'caption', 'createdAt']),
  );
  return atomically(db, () => {
    const next = reserveNumbers(db, items);
    return items.map(({ data, attachments }) => {
      const seq = next.get(data.year)!;
      next.set(data.year, seq + 1);
      const row: Record<string, unknown> = {
        ...data,
        seq,
        number: formatAppealNumber(data.year, seq),
        createdAt: at,
        updatedAt: at,
      };
      const appeal = toAppeal(
        insAppeal.get(...APPEAL_COLS.map((c) => toDb(row[c]))) as Record<string, unknown>,
      );
      insEvent.run(appeal.id, 'created', appeal.status, actor, toDb(at));
      for (const a of attachments) insAttachment.run(appeal.id, a.kind, a.ref, a.caption ?? null, toDb(at));
      return appeal;
    });
  });
}
