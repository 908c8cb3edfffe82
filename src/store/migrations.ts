/**
 * Migrations: committed SQL under prisma/migrations, applied by Prisma's wasm schema engine
 * (so `_prisma_migrations` stays compatible with `prisma migrate deploy` where the native CLI works).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SqlMigrationAwareDriverAdapterFactory, withSchemaEngine } from './schema-engine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRISMA_DIR = path.resolve(here, '../../prisma');
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface MigrationPaths {
  schemaFile: string;
  migrationsDir: string;
}

export const DEFAULT_PATHS: MigrationPaths = {
  schemaFile: path.join(PRISMA_DIR, 'schema.prisma'),
  migrationsDir: path.join(PRISMA_DIR, 'migrations'),
};

async function readMigrationsList(dir: string) {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null;
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function readSchema(paths: MigrationPaths) {
  return { path: paths.schemaFile, content: await readFile(paths.schemaFile, 'utf8') };
}

type MigrationsList = Awaited<ReturnType<typeof readMigrationsList>>;

/**
 * True when `_prisma_migrations` already records every committed migration as finished, with the
 * checksum of its file. The schema engine takes `locking_mode=EXCLUSIVE`, so starting it on a file
 * another process has open (the service, while `mcu appeals` runs) waits out the busy timeout and
 * fails; an up-to-date database must not need it. Anything unusual falls through to the engine.
 */
async function upToDate(
  factory: SqlMigrationAwareDriverAdapterFactory,
  list: MigrationsList,
): Promise<boolean> {
  const adapter = await factory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    const applied = new Set(result.rows.map((r) => `${r[0]}\u0000${r[1]}`));
    return list.migrationDirectories.every((m) =>
      applied.has(
        `${m.path}\u0000${createHash('sha256').update(m.migrationFile.content.value).digest('hex')}`,
      ),
    );
  } catch (error) {
    // A file locked by another writer stays locked for the engine too: fail now, not after a second busy timeout.
    if ((error as { cause?: { kind?: string } }).cause?.kind === 'SocketTimeout') throw error;
    return false; // No migrations table yet (a new file), or an unreadable one: let the engine decide.
  } finally {
    await adapter.dispose();
  }
}

/** Applies every committed migration not yet applied. Returns the names applied now. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  paths: MigrationPaths = DEFAULT_PATHS,
): Promise<string[]> {
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  if (await upToDate(factory, migrationsList)) return [];
  return withSchemaEngine(factory, await readSchema(paths), async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return out.appliedMigrationNames;
  });
}

/** SQL that would bring the committed migrations up to schema.prisma; empty when they agree. */
export async function diffMigrationsToSchema(
  factory: SqlMigrationAwareDriverAdapterFactory,
  paths: MigrationPaths = DEFAULT_PATHS,
): Promise<string> {
  const migrationsList = await readMigrationsList(paths.migrationsDir);
  const schema = await readSchema(paths);
  const result = await withSchemaEngine(factory, schema, (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

/** Writes a new migration directory from the schema diff; returns its name, or null when nothing changed. */
export async function createMigration(
  factory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
  paths: MigrationPaths = DEFAULT_PATHS,
  now = new Date(),
): Promise<string | null> {
  await mkdir(paths.migrationsDir, { recursive: true });
  const lock = path.join(paths.migrationsDir, 'migration_lock.toml');
  if (!existsSync(lock)) await writeFile(lock, `provider = "${factory.provider}"\n`);
  const sql = await diffMigrationsToSchema(factory, paths);
  if (!sql.trim()) return null;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const dirName = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  await mkdir(path.join(paths.migrationsDir, dirName));
  await writeFile(path.join(paths.migrationsDir, dirName, 'migration.sql'), sql);
  return dirName;
}
