import type { AppealKind, AppealStatus } from '../../core/appeals/lifecycle.ts';
import type { SectorDecider } from '../../core/classification.ts';
import type { Appeal, AppealEvent, AppealEventType, Attachment } from '../../core/model.ts';
import type { AppealFilter, AppealRepository } from '../../core/ports.ts';
import type { Prisma } from '../generated/client.ts';
import { type Client, parseJson } from './client.ts';

type AppealRow = Prisma.AppealModel;

/** Ids per `in` list: well under the bound-parameter limit of SQLite (and PostgreSQL). */
const IDS_CHUNK = 500;

function toAppeal(row: AppealRow): Appeal {
  return {
    ...row,
    kind: row.kind as AppealKind,
    status: row.status as AppealStatus,
    sectorDecidedBy: row.sectorDecidedBy as SectorDecider,
  };
}

function toEvent(r: Prisma.AppealEventModel): AppealEvent {
  return {
    ...r,
    type: r.type as AppealEventType,
    fromStatus: r.fromStatus as AppealStatus | null,
    toStatus: r.toStatus as AppealStatus | null,
    data: parseJson<Record<string, unknown>>(r.data),
  };
}

export function formatAppealNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(6, '0')}`;
}

function where(f: AppealFilter): Prisma.AppealWhereInput {
  return {
    status: f.statuses ? { in: [...f.statuses] } : undefined,
    sector: f.sector,
    assigneeId: f.assigneeId,
    residentId: f.residentId,
    dueAt: f.dueBefore || f.dueAfter ? { lt: f.dueBefore, gte: f.dueAfter } : undefined,
    createdAt: f.createdAfter || f.createdBefore ? { gte: f.createdAfter, lt: f.createdBefore } : undefined,
    text: f.textContains ? { contains: f.textContains } : undefined,
  };
}

export function appealRepository(db: Client): AppealRepository {
  return {
    async create(data, actor, at) {
      const year = data.year;
      // One statement bumps the per-year counter, so numbers stay unique and gap-free per writer.
      const counter = await db.appealCounter.upsert({
        where: { year },
        create: { year, last: 1 },
        update: { last: { increment: 1 } },
      });
      const number = formatAppealNumber(year, counter.last);
      const row = await db.appeal.create({
        data: {
          ...data,
          number,
          seq: counter.last,
          events: { create: { type: 'created', toStatus: data.status, actor, at } },
        },
      });
      return toAppeal(row);
    },
    async createMany(items, actor, at) {
      if (items.length === 0) return [];
      const byYear = new Map<number, number>();
      for (const { data } of items) {
        const y = data.year;
        byYear.set(y, (byYear.get(y) ?? 0) + 1);
      }
      const next = new Map<number, number>();
      for (const [year, n] of byYear) {
        const c = await db.appealCounter.upsert({
          where: { year },
          create: { year, last: n },
          update: { last: { increment: n } },
        });
        next.set(year, c.last - n + 1);
      }
      const rows = items.map(({ data }) => {
        const year = data.year;
        const seq = next.get(year)!;
        next.set(year, seq + 1);
        // The caller's time, not the wall clock: the merge window and reports read createdAt.
        return { ...data, seq, number: formatAppealNumber(year, seq), createdAt: at, updatedAt: at };
      });
      const created = await db.appeal.createManyAndReturn({ data: rows });
      const idByNumber = new Map(created.map((r) => [r.number, r]));
      const ordered = rows.map((r) => idByNumber.get(r.number)!);
      await db.appealEvent.createMany({
        data: ordered.map((r) => ({ appealId: r.id, type: 'created', toStatus: r.status, actor, at })),
      });
      const attachments = items.flatMap(({ attachments }, i) =>
        attachments.map((a) => ({
          appealId: ordered[i]!.id,
          kind: a.kind,
          ref: a.ref,
          caption: a.caption ?? null,
          createdAt: at,
        })),
      );
      if (attachments.length > 0) await db.attachment.createMany({ data: attachments });
      return ordered.map(toAppeal);
    },
    get: async (id) => {
      const row = await db.appeal.findUnique({ where: { id } });
      return row && toAppeal(row);
    },
    getByNumber: async (number) => {
      const row = await db.appeal.findUnique({ where: { number } });
      return row && toAppeal(row);
    },
    update: async (id, patch) => toAppeal(await db.appeal.update({ where: { id }, data: patch })),
    async addEvent(e) {
      await db.appealEvent.create({ data: { ...e, data: e.data ? JSON.stringify(e.data) : null } });
    },
    async events(appealId) {
      const rows = await db.appealEvent.findMany({ where: { appealId }, orderBy: { id: 'asc' } });
      return rows.map(toEvent);
    },
    async eventsOf(appealIds, type) {
      const events: AppealEvent[] = [];
      for (let i = 0; i < appealIds.length; i += IDS_CHUNK) {
        const rows = await db.appealEvent.findMany({
          where: { appealId: { in: appealIds.slice(i, i + IDS_CHUNK) }, type },
          orderBy: { id: 'asc' },
        });
        events.push(...rows.map(toEvent));
      }
      return events;
    },
    async addAttachment(appealId, a) {
      await db.attachment.create({
        data: { appealId, kind: a.kind, ref: a.ref, caption: a.caption ?? null },
      });
    },
    async attachments(appealId) {
      const rows = await db.attachment.findMany({ where: { appealId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        kind: r.kind as Attachment['kind'],
        ref: r.ref,
        caption: r.caption ?? undefined,
      }));
    },
    async list(filter) {
      const rows = await db.appeal.findMany({
        where: where(filter),
        orderBy: filter.order === 'dueAt' ? [{ dueAt: 'asc' }, { id: 'asc' }] : { id: 'desc' },
        take: filter.limit ?? 50,
      });
      return rows.map(toAppeal);
    },
    async recentForResidents(residentIds, since) {
      if (residentIds.length === 0) return [];
      const rows = await db.appeal.findMany({
        where: {
          residentId: { in: residentIds },
          OR: [{ status: 'needs_info' }, { createdAt: { gte: since } }],
        },
        orderBy: { id: 'desc' },
      });
      return rows.map(toAppeal);
    },
    async countByStatusAndSector() {
      const rows = await db.appeal.groupBy({ by: ['status', 'sector'], _count: { _all: true } });
      return rows.map((r) => ({ status: r.status, sector: r.sector, count: r._count._all }));
    },
  };
}
