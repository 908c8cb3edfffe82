/** The store: Prisma repositories behind the core's ports, with short interactive transactions. */
import type { Database } from 'better-sqlite3';
import type { Repositories, Store } from '../core/ports.ts';
import { type Db, type OpenOptions, openDatabase } from './client.ts';
import { StoreError } from './errors.ts';
import { createStoreLock, lockAll } from './lock.ts';
import { appealRepository } from './repositories/appeals.ts';
import type { Client } from './repositories/client.ts';
import { inboxRepository } from './repositories/inbox.ts';
import { monitorRepository } from './repositories/monitor.ts';
import { outboxRepository } from './repositories/outbox.ts';
import { residentRepository } from './repositories/residents.ts';
import { staffRepository, trainingRepository } from './repositories/staff.ts';
import { staffModeRepository } from './repositories/staff-modes.ts';
import { createAppeals, enqueueOutbox, ensureResidents, markInboxDone, putInbox } from './sqlite/bulk.ts';

/**
 * Which implementation serves the bulk intake methods (`ensureMany`, `createMany`, `putMany`,
 * `markDoneMany`, `enqueueMany`): the SQLite fast path on the raw connection, or the portable Prisma
 * versions the PostgreSQL twin will use. Both must keep one contract (test/component/store-bulk-contract).
 */
export type BulkPath = 'sqlite' | 'prisma';

export interface StoreOptions {
  /** Default 'sqlite': Prisma's adapter costs ~0.5 ms per inserted row, the fast path microseconds. */
  bulk?: BulkPath;
}

/** Prisma repositories, with the bulk intake methods on the shared SQLite connection unless told otherwise. */
function repositories(db: Client, raw: Database, bulk: BulkPath): Repositories {
  const residents = residentRepository(db);
  const appeals = appealRepository(db);
  const inbox = inboxRepository(db);
  const outbox = outboxRepository(db);
  const common = {
    staff: staffRepository(db),
    staffModes: staffModeRepository(db),
    training: trainingRepository(db),
    monitor: monitorRepository(db),
  };
  if (bulk === 'prisma') return { residents, appeals, inbox, outbox, ...common };
  return {
    residents: { ...residents, ensureMany: async (keys) => ensureResidents(raw, keys) },
    appeals: { ...appeals, createMany: async (items, actor, at) => createAppeals(raw, items, actor, at) },
    inbox: {
      ...inbox,
      putMany: async (events) => putInbox(raw, events),
      markDoneMany: async (ids, at) => markInboxDone(raw, ids, at),
    },
    outbox: { ...outbox, enqueueMany: async (msgs, at) => enqueueOutbox(raw, msgs, at) },
    ...common,
  };
}

export interface PrismaStore extends Store {
  db: Db;
}

export function storeOver(db: Db, raw: Database, options: StoreOptions = {}): PrismaStore {
  const bulk = options.bulk ?? 'sqlite';
  const lock = createStoreLock();
  return {
    db,
    ...lockAll(repositories(db, raw, bulk), lock),
    transaction: (work) =>
      lock.run(() =>
        db.$transaction((tx) => work(repositories(tx, raw, bulk)), { timeout: 15_000, maxWait: 15_000 }),
      ),
    ping: () =>
      lock.run(async () => {
        try {
          await db.$queryRawUnsafe('SELECT 1');
        } catch (error) {
          throw StoreError.wrap(error, 'unreachable', 'the database does not answer', {});
        }
      }),
    close: async () => {
      if (lock.closed) return;
      await lock.run(() => db.$disconnect());
      lock.close();
    },
  };
}

export async function createStore(options: OpenOptions & StoreOptions = {}): Promise<PrismaStore> {
  const { db, raw } = await openDatabase(options);
  return storeOver(db, raw, options);
}
