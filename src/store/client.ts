/** Opens the database: Prisma 7 over better-sqlite3, WAL on, busy timeout set, migrations applied. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { StoreError } from './errors.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations } from './migrations.ts';

export type Db = PrismaClient;
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

export async function openDatabase(options: OpenOptions = {}): Promise<Db> {
  const url = options.url ?? DEFAULT_DATABASE_URL;
  try {
    if (options.migrate !== false) await applyMigrations(sqliteAdapter(url));
    const db = new PrismaClient({ adapter: sqliteAdapter(url) });
    await tune(db);
    return db;
  } catch (error) {
    throw StoreError.wrap(error, 'open_failed', `cannot open the database ${url}`, { url });
  }
}
