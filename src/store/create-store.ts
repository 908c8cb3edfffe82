/** The store: Prisma repositories behind the core's ports, with short interactive transactions. */
import type { Repositories, Store } from '../core/ports.ts';
import { type Db, type OpenOptions, openDatabase } from './client.ts';
import { StoreError } from './errors.ts';
import { appealRepository } from './repositories/appeals.ts';
import type { Client } from './repositories/client.ts';
import { inboxRepository } from './repositories/inbox.ts';
import { outboxRepository } from './repositories/outbox.ts';
import { residentRepository } from './repositories/residents.ts';
import { staffRepository, trainingRepository } from './repositories/staff.ts';

function repositories(db: Client): Repositories {
  return {
    residents: residentRepository(db),
    appeals: appealRepository(db),
    inbox: inboxRepository(db),
    outbox: outboxRepository(db),
    staff: staffRepository(db),
    training: trainingRepository(db),
  };
}

export interface PrismaStore extends Store {
  db: Db;
}

export function storeOver(db: Db): PrismaStore {
  return {
    db,
    ...repositories(db),
    transaction: (work) =>
      db.$transaction((tx) => work(repositories(tx)), { timeout: 15_000, maxWait: 15_000 }),
    async ping() {
      try {
        await db.$queryRawUnsafe('SELECT 1');
      } catch (error) {
        throw StoreError.wrap(error, 'unreachable', 'the database does not answer', {});
      }
    },
    close: () => db.$disconnect(),
  };
}

export async function createStore(options: OpenOptions = {}): Promise<PrismaStore> {
  return storeOver(await openDatabase(options));
}
