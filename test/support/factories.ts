/** Fixture factories: inbound messages, registered appeals, and the inbox handler the tests share. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type InboundMessage, intakeAppeal, intakeMessages } from '../../src/core/appeals/intake.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { InboxHandler } from '../../src/core/inbox/process-inbox.ts';
import type { Appeal } from '../../src/core/model.ts';
import type { InboxEvent } from '../../src/core/ports.ts';
import type { PrismaStore, StoreOptions } from '../../src/store/create-store.ts';
import { openTestEnv, type TestEnv } from './harness.ts';

/** Texts the real classifier routes with confidence (checked by the tests that rely on them). */
export const TEXTS = {
  pothole: 'На улице Ленина огромная яма на дороге, машины бьют колёса',
  leak: 'Протекает крыша в подъезде, управляющая компания не реагирует, течёт вода в квартиру',
  garbage: 'Не вывозят мусор, контейнерная площадка переполнена',
  gibberish: 'фывапр олдж',
  spam: 'Заработок без вложений! Казино, промокод BONUS, подпишись на канал',
} as const;

let nextUser = 1;

/** A resident's Telegram message; every call is a new user unless `sender` says otherwise. */
export function inboundMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  const user = String(9_000 + nextUser++);
  return {
    channel: 'telegram',
    sender: { externalId: user, chatId: user, name: 'Житель' },
    text: TEXTS.pothole,
    receivedAt: new Date('2026-03-10T09:00:00Z'),
    ...overrides,
  };
}

/** Registers one message through the real intake and returns the appeal (fails the test if refused). */
export async function registerAppeal(
  deps: CoreDeps,
  overrides: Partial<InboundMessage> = {},
): Promise<Appeal> {
  const r = await intakeAppeal(deps, inboundMessage({ receivedAt: deps.clock.now(), ...overrides }));
  if (r.status !== 'registered') throw new Error(`intake refused the fixture: ${r.reason}`);
  return r.appeal;
}

/** The raw payload a channel stores in the inbox for a text message. */
export interface TextPayload {
  text: string;
  from: string;
}

export function textPayload(text: string, from: string): TextPayload {
  return { text, from };
}

/** Maps an inbox event's payload {text, from} to the core's InboundMessage. */
export function toInbound(e: InboxEvent): InboundMessage {
  const p = e.payload as TextPayload;
  return {
    channel: e.channel,
    sender: { externalId: p.from, chatId: p.from, name: null },
    text: p.text,
    receivedAt: e.receivedAt,
  };
}

/** A minimal channel handler: every text event becomes an appeal through intakeMessages. */
export function intakeHandler(deps: CoreDeps): InboxHandler {
  return async (events, tx) => {
    await intakeMessages(deps, tx, events.map(toInbound));
  };
}

/** Collects log calls instead of printing them. */
export function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg: string }> = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Empties every table but the staff list and the migrations record, so one database file (and
 * one migration run) can serve all the tests of a file. Ids keep growing; numbering restarts.
 */
export async function resetStore(store: PrismaStore): Promise<void> {
  const tables = await store.db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'StaffMember')",
  );
  await store.db.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
  try {
    for (const { name } of tables) await store.db.$executeRawUnsafe(`DELETE FROM "${name}"`);
  } finally {
    await store.db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
}

/**
 * One database per test file, wiped before each test (cheaper than a file per test), with the
 * clock reset. Call inside `describe`; the returned object is filled in before the first test.
 */
export function useResetTestEnv(at = '2026-03-10T09:00:00Z', storeOptions: StoreOptions = {}): TestEnv {
  const env = {} as TestEnv;
  beforeAll(async () => {
    Object.assign(env, await openTestEnv({}, storeOptions));
  });
  beforeEach(async () => {
    await resetStore(env.store);
    env.clock.set(at);
  });
  afterAll(() => env.close());
  return env;
}
