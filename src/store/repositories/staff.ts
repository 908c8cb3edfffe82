import type { StaffMember, StaffRole } from '../../core/model.ts';
import type { StaffRepository, TrainingRepository } from '../../core/ports.ts';
import type { Prisma } from '../generated/client.ts';
import type { Client } from './client.ts';

function toMember(r: Prisma.StaffMemberModel): StaffMember {
  return { ...r, role: r.role as StaffRole, sectors: r.sectors ? r.sectors.split(',') : [] };
}

export function staffRepository(db: Client): StaffRepository {
  return {
    /** Makes the table match the config file: listed people are upserted, others deactivated. */
    async sync(members) {
      for (const m of members) {
        const data = { ...m, sectors: m.sectors.join(',') };
        await db.staffMember.upsert({ where: { id: m.id }, create: data, update: data });
      }
      await db.staffMember.updateMany({
        where: { id: { notIn: members.map((m) => m.id) } },
        data: { active: false },
      });
    },
    get: async (id) => {
      const r = await db.staffMember.findUnique({ where: { id } });
      return r && toMember(r);
    },
    byTelegramId: async (telegramId) => {
      const r = await db.staffMember.findUnique({ where: { telegramId } });
      return r && toMember(r);
    },
    byTelegramUsername: async (username) => {
      const r = await db.staffMember.findFirst({ where: { telegramUsername: username.replace(/^@/, '') } });
      return r && toMember(r);
    },
    list: async () => (await db.staffMember.findMany({ orderBy: { id: 'asc' } })).map(toMember),
  };
}

export function trainingRepository(db: Client): TrainingRepository {
  return {
    async add({ text, sector, source, appealId }) {
      await db.trainingExample.create({ data: { text, sector, source, appealId: appealId ?? null } });
    },
    all: async () =>
      db.trainingExample.findMany({ select: { text: true, sector: true }, orderBy: { id: 'asc' } }),
  };
}
