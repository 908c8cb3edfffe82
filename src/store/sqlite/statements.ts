/** Prepared-statement cache and value mapping for the SQLite fast path (same formats as Prisma's adapter). */
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/** Prisma's adapter prepares every statement anew; the hot path keeps them. Integers come back as numbers. */
export function stmt(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (s.reader) s.safeIntegers(false);
    cache.set(sql, s);
  }
  return s;
}

/** Prisma stores DateTime on SQLite as ISO 8601 with an explicit offset; write the same. */
export function toDb(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

export function fromDbDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return new Date(value);
  const s = String(value);
  // CURRENT_TIMESTAMP defaults are "YYYY-MM-DD HH:MM:SS" in UTC.
  return new Date(/^\d{4}-\d\d-\d\d \d/.test(s) ? `${s.replace(' ', 'T')}Z` : s);
}

/** Runs `work` atomically: inside the caller's transaction if one is open, else in its own. */
export function atomically<T>(db: Database, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work)();
}

export function insertSql(table: string, columns: readonly string[], tail = ''): string {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return `INSERT INTO "${table}" (${cols}) VALUES (${columns.map(() => '?').join(', ')})${tail ? ` ${tail}` : ''}`;
}
