import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { type ConfigFixture, runMcu, writeConfigFixture } from '../support/service-fixture.ts';

// The limits under test are the child's own (15 s, 20 s, enforced by runMcu); the test may take longer on a busy box.
vi.setConfig({ testTimeout: 45_000 });

type OnFinished = (fn: () => void) => void;

function fixture(onFinished: OnFinished): ConfigFixture {
  const f = writeConfigFixture();
  onFinished(() => f.cleanup());
  return f;
}

/** A file that is not SQLite: random bytes after a text prefix (never the «SQLite format 3» header). */
function garbage(file: string): void {
  writeFileSync(file, Buffer.concat([Buffer.from('this is not a database\n'), randomBytes(8192)]));
}

/** Holds an exclusive lock on the database file from this process, as another writer would. */
function lockExclusively(file: string, onFinished: OnFinished): void {
  const db = new Database(file);
  db.exec('BEGIN EXCLUSIVE');
  onFinished(() => {
    db.exec('ROLLBACK');
    db.close();
  });
}

describe.concurrent('a database file that is not SQLite', () => {
  it.for(['migrate', 'start'])(
    'when `mcu %s` meets it, then it exits 1 quickly saying the file is not a valid SQLite database',
    async (command, { onTestFinished }) => {
      const f = fixture(onTestFinished);
      garbage(f.dbFile);
      const run = await runMcu([command], { ...f.env, LOG_LEVEL: 'silent' }, 15_000);
      expect(run.signal).toBeNull(); // not killed by the 15 s timeout
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(f.dbUrl);
      expect(run.stderr).toContain('is not a valid SQLite database (file is not a database)');
      expect(run.stderr).toContain('Restore it from a backup or point DATABASE_URL elsewhere');
      // The operator sees the cause, not the schema engine's span trace.
      expect(run.stderr).not.toMatch(/schema-engine|\.rs:\d+|wasm-function/);
    },
  );
});

describe.concurrent('a database locked by another connection', () => {
  it('when `mcu migrate` runs against a new database held in an exclusive lock, then it exits 1 within 20 s saying it is locked', async ({
    onTestFinished,
  }) => {
    const f = fixture(onTestFinished);
    lockExclusively(f.dbFile, onTestFinished);
    const run = await runMcu(['migrate'], f.env, 20_000);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(20_000);
    expect(run.stderr).toMatch(
      /^mcu: cannot migrate file:.+: the database is locked by another process or connection/,
    );
    expect(run.stderr).toContain('Stop the other mcu process and try again.');
    expect(run.stderr).not.toMatch(/unknown variant|wasm-function/);
  });

  it('when the database is migrated (WAL) and another connection holds the write lock, then `mcu migrate` reads that it is up to date instead of waiting', async ({
    onTestFinished,
  }) => {
    const f = fixture(onTestFinished);
    const store = await createStore({ url: f.dbUrl });
    await store.close();
    lockExclusively(f.dbFile, onTestFinished); // in WAL mode this blocks writers, not readers
    const run = await runMcu(['migrate'], f.env, 20_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('database is up to date\n');
  });
});
