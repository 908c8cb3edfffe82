import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../src/store/client.ts';
import { createStore } from '../../src/store/create-store.ts';
import {
  applyMigrations,
  DEFAULT_PATHS,
  diffMigrationsToSchema,
  type MigrationPaths,
} from '../../src/store/migrations.ts';
import { openTestEnv, type TestEnv, tempDir } from '../support/harness.ts';

const memory = () => new PrismaBetterSqlite3({ url: ':memory:' });

describe('migrations', () => {
  let env: TestEnv;
  const tmp = tempDir('mcu-migrations-');
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(async () => {
    await env.close();
    tmp.cleanup();
  });

  it('when the committed migrations are compared with schema.prisma, then there is no drift', async () => {
    expect(await diffMigrationsToSchema(memory())).toBe('');
  });

  it('when schema.prisma gains a field the migrations lack, then the drift check reports it', async () => {
    const schemaFile = path.join(tmp.dir, 'schema.prisma');
    copyFileSync(DEFAULT_PATHS.schemaFile, schemaFile);
    const original = readFileSync(schemaFile, 'utf8');
    const changed = original.replace(/model Resident \{\n/, 'model Resident {\n  nickname   String?\n');
    expect(changed).not.toBe(original);
    writeFileSync(schemaFile, changed);
    const paths: MigrationPaths = { schemaFile, migrationsDir: DEFAULT_PATHS.migrationsDir };

    const sql = await diffMigrationsToSchema(memory(), paths);

    expect(sql).toMatch(/ALTER TABLE "Resident" ADD COLUMN "nickname"/);
  });

  it('when a fresh database is migrated twice, then the second run applies nothing', async () => {
    const url = `file:${path.join(tmp.dir, 'twice.db')}`;
    const first = await applyMigrations(sqliteAdapter(url));
    const second = await applyMigrations(sqliteAdapter(url));
    expect(first.length).toBeGreaterThan(0);
    expect(first).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{14}_init$/)]));
    expect(second).toEqual([]);
  });

  it('when a migrated database gets a new committed migration, then exactly that one is applied', async () => {
    const migrationsDir = path.join(tmp.dir, 'migrations');
    cpSync(DEFAULT_PATHS.migrationsDir, migrationsDir, { recursive: true });
    const url = `file:${path.join(tmp.dir, 'grows.db')}`;
    const paths: MigrationPaths = { schemaFile: DEFAULT_PATHS.schemaFile, migrationsDir };
    await applyMigrations(sqliteAdapter(url), paths);
    mkdirSync(path.join(migrationsDir, '29990101000000_nickname'));
    writeFileSync(
      path.join(migrationsDir, '29990101000000_nickname', 'migration.sql'),
      'ALTER TABLE "Resident" ADD COLUMN "nickname" TEXT;\n',
    );
    expect(await applyMigrations(sqliteAdapter(url), paths)).toEqual(['29990101000000_nickname']);
    expect(await applyMigrations(sqliteAdapter(url), paths)).toEqual([]);
  });

  it('when the open test env database (already migrated) is migrated again, then nothing is applied at once', async () => {
    const started = Date.now();
    expect(await applyMigrations(sqliteAdapter(env.dbUrl))).toEqual([]);
    // Not after waiting out the 5 s busy timeout behind the open store's connection.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('when the store is opened, then the database runs in WAL mode with foreign keys on', async () => {
    const [mode] = await env.store.db.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const [fk] = await env.store.db.$queryRawUnsafe<Array<{ foreign_keys: bigint }>>('PRAGMA foreign_keys');
    expect(fk?.foreign_keys).toBe(1n);
  });

  it('when a raw query counts rows, then integers come back as BigInt and text as strings', async () => {
    const rows = await env.store.db.$queryRawUnsafe<Array<{ n: unknown; s: unknown }>>(
      "SELECT COUNT(*) AS n, 'ok' AS s FROM StaffMember",
    );
    expect(typeof rows[0]?.n).toBe('bigint');
    expect(rows[0]?.n).toBe(3n);
    expect(rows[0]?.s).toBe('ok');
  });

  it('when a second store opens the file while the first is open (CLI beside the service), then it works', async () => {
    const again = await createStore({ url: env.dbUrl });
    try {
      expect((await again.staff.list()).map((s) => s.id)).toEqual(['coord', 'head_housing', 'petrov']);
    } finally {
      await again.close();
    }
  });
});
