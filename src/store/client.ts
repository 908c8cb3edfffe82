/** Opens the database: Prisma 7 over better-sqlite3, WAL on, busy timeout set, migrations applied. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations } from './migrations.ts';

export type Db = PrismaClient;

/** The opened database: Prisma's client and the better-sqlite3 connection underneath it. */
export interface OpenedDb {
  db: Db;
  raw: Database;
}
export const DEFAULT_DATABASE_URL = 'file:./data/mcu.db';
const BUSY_TIMEOUT_MS = 5_000;

/** `file:./data/mcu.db` → absolute path; the directory is created so a first start just works. */
export function sqlitePath(url: string): string {
  if (!url.startsWith('file:')) {
    throw new StoreError(
      'unsupported_url',
      `DATABASE_URL must start with file: (got ${url.split(':')[0]}:)`,
      {},
    );
  }
  const file = url.slice('file:'.length).split('?')[0] ?? '';
  if (file === ':memory:') return file;
  return path.resolve(file);
}

export function sqliteAdapter(url: string): PrismaBetterSqlite3 {
  const file = sqlitePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
}

/** Pragmas are per connection and the adapter sets none; WAL lets readers run beside the writer. */
async function tune(db: Db): Promise<void> {
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
}

export interface OpenOptions {
  url?: string;
  /** Apply committed migrations before use (default true). */
  migrate?: boolean;
}

/** Prisma opens its one connection lazily; keep hold of it so the fast path can share it. */
function capturing(factory: PrismaBetterSqlite3, onConnect: (raw: Database) => void): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    onConnect((adapter as unknown as { client: Database }).client);
    return adapter;
  };
  return factory;
}

export async function openDatabase(options: OpenOptions = {}): Promise<OpenedDb> {
  const url = options.url ?? DEFAULT_DATABASE_URL;
  try {
    if (options.migrate !== false) await applyMigrations(sqliteAdapter(url));
    let raw: Database | undefined;
    const db = new PrismaClient({ adapter: capturing(sqliteAdapter(url), (c) => (raw = c)) });
    await tune(db);
    if (!raw) throw new Error('the SQLite connection was not opened');
    return { db, raw };
  } catch (error) {
    throw StoreError.wrap(error, 'open_failed', `cannot open the database ${url}`, { url });
  }
}
