/** Test harness: a real SQLite file per test file, real core deps, a controllable clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SECTORS } from '../../src/classifier/default-catalogue.ts';
import { createClassifier } from '../../src/classifier/pipeline.ts';
import { russianProductionCalendar } from '../../src/core/deadlines/calendar.ts';
import type { CoreDeps, CoreSettings } from '../../src/core/deps.ts';
import type { StaffMember } from '../../src/core/model.ts';
import type { Clock, Store } from '../../src/core/ports.ts';
import { createCatalogue, type SectorDef } from '../../src/core/sectors.ts';
import { createStore, type PrismaStore, type StoreOptions } from '../../src/store/create-store.ts';

export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = '2026-03-10T09:00:00Z'): TestClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (at) => {
      now = new Date(at);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A fresh directory under the OS temp dir; removed by the returned cleanup. */
export function tempDir(prefix = 'mcu-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_STAFF: StaffMember[] = [
  {
    id: 'coord',
    name: 'Координатор',
    role: 'coordinator',
    telegramId: '1001',
    telegramUsername: 'coord',
    vkId: null,
    sectors: [],
    active: true,
  },
  {
    id: 'petrov',
    name: 'Петров',
    role: 'executor',
    telegramId: '1002',
    telegramUsername: 'petrov',
    vkId: null,
    sectors: ['housing'],
    active: true,
  },
  {
    id: 'head_housing',
    name: 'Начальник ЖКХ',
    role: 'block_head',
    telegramId: '1003',
    telegramUsername: 'head_zkh',
    vkId: null,
    sectors: ['housing'],
    active: true,
  },
];

export function testSectors(): SectorDef[] {
  return DEFAULT_SECTORS.map((s) => (s.code === 'housing' ? { ...s, heads: ['head_housing'] } : s));
}

export interface TestEnv {
  deps: CoreDeps;
  store: PrismaStore;
  clock: TestClock;
  dbUrl: string;
  close(): Promise<void>;
}

/** Real core deps over a store: the test sectors, the shipped classifier model, a test clock. */
export function testDeps(store: Store, clock: Clock, settings: Partial<CoreSettings> = {}): CoreDeps {
  const sectors = testSectors();
  return {
    store,
    classifier: createClassifier({ catalogue: sectors, threshold: 0.45 }),
    catalogue: createCatalogue(sectors),
    calendar: russianProductionCalendar,
    clock,
    settings: {
      municipality: 'Тестовый округ',
      timeZone: 'Europe/Moscow',
      staffChat: { channel: 'telegram', chatId: '-100500' },
      maxTextLength: 10_000,
      ...settings,
    },
  };
}

/** Opens a new database file (migrations applied) and builds the core around it. */
export async function openTestEnv(
  settings: Partial<CoreSettings> = {},
  storeOptions: StoreOptions = {},
): Promise<TestEnv> {
  const { dir, cleanup } = tempDir();
  const dbUrl = `file:${path.join(dir, 'test.db')}`;
  const store = await createStore({ url: dbUrl, ...storeOptions });
  await store.staff.sync(TEST_STAFF);
  const clock = testClock();
  const deps = testDeps(store, clock, settings);
  return {
    deps,
    store,
    clock,
    dbUrl,
    async close() {
      await store.close();
      cleanup();
    },
  };
}
