import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { intakeAppeal } from '../../src/core/appeals/intake.ts';
import type { Appeal } from '../../src/core/model.ts';
import { systemClock } from '../../src/core/ports.ts';
import { createLogger } from '../../src/logger.ts';
import { buildCoreDeps } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import { tempDir } from '../support/harness.ts';
import {
  type ConfigFixture,
  FIXTURE_FILE,
  REPO_ROOT,
  runMcu,
  writeConfigFixture,
} from '../support/service-fixture.ts';

// Each test starts `node bin/mcu.js` (tsx, the classifier): seconds apiece on a loaded CI box.
vi.setConfig({ testTimeout: 45_000, hookTimeout: 45_000 });

describe('mcu migrate', () => {
  let f: ConfigFixture;
  beforeAll(() => {
    f = writeConfigFixture();
  });
  afterAll(() => f.cleanup());

  it('when run on a new database, then it applies the migrations; when run again, then it is up to date', async () => {
    const first = await runMcu(['migrate'], f.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied: \d{14}_init/);
    expect(existsSync(f.dbFile)).toBe(true);

    const second = await runMcu(['migrate'], f.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('database is up to date\n');
  });
});

describe('mcu config check', () => {
  it('when the shipped config/mcu.yaml and config/sectors.yaml are used, then it exits 0 and says valid', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // No MCU_CONFIG: the default config/mcu.yaml relative to the repo root, as an operator runs it.
      const run = await runMcu(['config', 'check'], { DATABASE_URL: `file:${path.join(dir, 'x.db')}` });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`config file: ${path.join(REPO_ROOT, 'config/mcu.yaml')}`);
      expect(run.stdout).toMatch(/^sectors: .*\bother\b/m);
      expect(run.stdout).toMatch(/configuration is valid\n$/);
    } finally {
      cleanup();
    }
  });

  it('when the test config is good, then it prints a summary and exits 0', async () => {
    const f = writeConfigFixture();
    try {
      const run = await runMcu(['config', 'check'], f.env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`municipality: ${FIXTURE_FILE.municipality.name} (Europe/Moscow)`);
      expect(run.stdout).toContain('staff: 2 (coord:coordinator, petrov:executor)');
      expect(run.stdout).toContain('configuration is valid');
    } finally {
      f.cleanup();
    }
  });

  it('when the config has problems, then it exits 1 and stderr lists each of them', async () => {
    const f = writeConfigFixture({
      file: { ...FIXTURE_FILE, municipality: { name: 'Округ', timeZone: 'Mars/Olympus' }, typo: 1 },
    });
    try {
      const run = await runMcu(['config', 'check'], { ...f.env, PORT: 'abc' });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^mcu: Configuration is invalid:\n/);
      expect(run.stderr).toContain('environment: set PORT');
      expect(run.stderr).toContain('unknown key(s) typo');
      expect(run.stderr).not.toMatch(/\n\s+at /); // a known error: no stack trace
    } finally {
      f.cleanup();
    }
  });
});

describe('mcu appeals list / appeal show', () => {
  let f: ConfigFixture;
  let appeal: Appeal;

  beforeAll(async () => {
    f = writeConfigFixture();
    const config = loadConfig(f.env, f.dir);
    const store = await createStore({ url: config.env.DATABASE_URL });
    try {
      const deps = await buildCoreDeps(config, store, createLogger('silent'), systemClock);
      const r = await intakeAppeal(deps, {
        channel: 'telegram',
        sender: { externalId: '42', chatId: '42', name: 'Иван' },
        text: 'На улице Ленина огромная яма на дороге, машины бьют колёса',
        receivedAt: new Date(),
      });
      if (r.status !== 'registered') throw new Error('the appeal was not registered');
      appeal = r.appeal;
    } finally {
      await store.close();
    }
  });
  afterAll(() => f.cleanup());

  it('when an appeal exists, then `appeals list` prints its number, status, sector and text', async () => {
    const run = await runMcu(['appeals', 'list'], f.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [number, status, sector, due, resident, text] = lines[0]?.split('\t') ?? [];
    expect(resident).toMatch(/^Ж-[0-9A-Z]{4}$/);
    expect([number, status, sector]).toEqual([appeal.number, appeal.status, 'roads']);
    expect(due).toMatch(/^до \S/);
    expect(text).toBe('На улице Ленина огромная яма на дороге, машины бьют колёса');
  });

  it('when filtered by another sector, then `appeals list` says there are none', async () => {
    const run = await runMcu(['appeals', 'list', '--sector', 'health'], f.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no appeals\n');
  });

  it('when the status filter is unknown, then it exits 1 naming the status', async () => {
    const run = await runMcu(['appeals', 'list', '--status', 'lost'], f.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown status «lost»');
  });

  it('when `appeal show <number>`, then it prints the appeal, its text and its history', async () => {
    const run = await runMcu(['appeal', 'show', appeal.number], f.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^№ ${appeal.number} — .+ \\(${appeal.status}\\)\n`));
    expect(run.stdout).toContain('channel: telegram; sector: roads');
    expect(run.stdout).toContain('\nНа улице Ленина огромная яма на дороге, машины бьют колёса\n');
    expect(run.stdout).toMatch(/history:\n {2}.+ {2}created/);
  });

  it('when the appeal does not exist, then `appeal show` exits 1 with «not found»', async () => {
    const run = await runMcu(['appeal', 'show', '2026-999999'], f.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mcu: .*not found\n$/i);
  });
});

describe('mcu usage', () => {
  it('when the command is unknown, then it prints the usage and exits 2', async () => {
    const run = await runMcu(['frobnicate'], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Usage: mcu <command>/);
    for (const c of ['start', 'migrate', 'config check', 'appeals list', 'appeal show'])
      expect(run.stdout).toContain(c);
  });

  it('when asked for help, then it prints the usage and exits 0', async () => {
    const run = await runMcu(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mcu <command>/);
  });
});
