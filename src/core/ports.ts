/**
 * The ports of the core: small interfaces that the store, the channels and the clock implement.
 * The core imports nothing else from the outside world.
 */
import type { AppealStatus } from './appeals/lifecycle.ts';
import type { LabelledExample } from './classification.ts';
import type {
  Appeal,
  AppealEvent,
  AppealEventType,
  Attachment,
  NewAppeal,
  Resident,
  StaffMember,
} from './model.ts';
import type { MonitorRepository } from './monitor/types.ts';
import type { SectorCode } from './sectors.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ResidentKey {
  channel: string;
  externalId: string;
  chatId: string;
  name?: string | null;
}

export interface ResidentRepository {
  get(id: number): Promise<Resident | null>;
  findByExternal(channel: string, externalId: string): Promise<Resident | null>;
  /** Finds or creates the one identity of a channel user. */
  ensure(input: ResidentKey): Promise<Resident>;
  /** Bulk `ensure` for a batch of inbound events; results in input order. */
  ensureMany(inputs: ResidentKey[]): Promise<Resident[]>;
  update(
    id: number,
    patch: Partial<Pick<Resident, 'name' | 'phone' | 'consentAt' | 'chatId'>>,
  ): Promise<Resident>;
  /** Keeps a message written before consent; `takeHeld` returns them in order and forgets them. */
  hold(residentId: number, message: unknown, at: Date): Promise<void>;
  takeHeld(residentId: number): Promise<unknown[]>;
}

export interface AppealFilter {
  statuses?: readonly AppealStatus[];
  sector?: SectorCode;
  assigneeId?: string;
  residentId?: number;
  dueBefore?: Date;
  dueAfter?: Date;
  createdAfter?: Date;
  createdBefore?: Date;
  textContains?: string;
  limit?: number;
  /** Which rows `limit` keeps: the newest (default) or the earliest deadlines. */
  order?: 'newest' | 'dueAt';
}

export interface AppealRepository {
  /** Creates the appeal with the next number of its year (`2026-000123`) and its 'created' event. */
  create(data: NewAppeal, actor: string, at: Date): Promise<Appeal>;
  /** Bulk `create` (one counter bump, one insert) for the batched intake path; results in input order. */
  createMany(
    items: Array<{ data: NewAppeal; attachments: Attachment[] }>,
    actor: string,
    at: Date,
  ): Promise<Appeal[]>;
  get(id: number): Promise<Appeal | null>;
  getByNumber(number: string): Promise<Appeal | null>;
  update(id: number, patch: Partial<NewAppeal>): Promise<Appeal>;
  addEvent(event: Omit<AppealEvent, 'id'>): Promise<void>;
  events(appealId: number): Promise<AppealEvent[]>;
  /** Events of one type for many appeals at once (a digest's incidents), each appeal's in order. */
  eventsOf(appealIds: readonly number[], type: AppealEventType): Promise<AppealEvent[]>;
  addAttachment(appealId: number, attachment: Attachment): Promise<void>;
  attachments(appealId: number): Promise<Attachment[]>;
  list(filter: AppealFilter): Promise<Appeal[]>;
  /** Per resident: appeals waiting for their answer (needs_info) or created since `since`; newest first. */
  recentForResidents(residentIds: number[], since: Date): Promise<Appeal[]>;
  countByStatusAndSector(): Promise<Array<{ status: string; sector: string; count: number }>>;
}

export type InboxStatus = 'pending' | 'done' | 'dead';

export interface InboxEvent {
  id: number;
  channel: string;
  externalId: string;
  kind: string;
  payload: unknown;
  status: InboxStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
}

export interface NewInboxEvent {
  channel: string;
  externalId: string;
  kind: string;
  payload: unknown;
  receivedAt: Date;
}

export interface InboxRepository {
  /** Stores a raw event once; a repeat of (channel, externalId) returns inserted=false and stores nothing. */
  put(e: NewInboxEvent): Promise<{
    id: number;
    inserted: boolean;
  }>;
  /** Bulk `put` for a batch as a channel delivers it (getUpdates returns up to 100); flags in input order. */
  putMany(events: NewInboxEvent[]): Promise<boolean[]>;
  due(now: Date, limit: number): Promise<InboxEvent[]>;
  markDone(id: number, at: Date): Promise<void>;
  markDoneMany(ids: number[], at: Date): Promise<void>;
  markFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void>;
  stats(): Promise<{ pending: number; dead: number; oldestPendingAt: Date | null }>;
}

export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxMessage {
  id: number;
  channel: string;
  chatId: string;
  kind: string;
  payload: Record<string, unknown>;
  appealId: number | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  externalId: string | null;
}

export interface NewOutboxMessage {
  channel: string;
  chatId: string;
  kind: string;
  payload: Record<string, unknown>;
  appealId?: number | null;
  /** Idempotency key: a second message with the same key is not enqueued. */
  dedupeKey?: string;
}

export interface OutboxRepository {
  enqueue(msg: NewOutboxMessage, at: Date): Promise<void>;
  /** Bulk enqueue; a message whose dedupe key is already queued is skipped, as with `enqueue`. */
  enqueueMany(msgs: NewOutboxMessage[], at: Date): Promise<void>;
  due(now: Date, limit: number): Promise<OutboxMessage[]>;
  markSent(id: number, at: Date, externalId: string | null): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  markDead(id: number, error: string): Promise<void>;
  /** The last sent message of a kind for an appeal (e.g. the staff card to edit). */
  lastSent(appealId: number, kind: string): Promise<OutboxMessage | null>;
  stats(): Promise<{ pending: number; dead: number; oldestPendingAt: Date | null }>;
}

export interface StaffRepository {
  sync(members: StaffMember[]): Promise<void>;
  get(id: string): Promise<StaffMember | null>;
  byTelegramId(telegramId: string): Promise<StaffMember | null>;
  byTelegramUsername(username: string): Promise<StaffMember | null>;
  list(): Promise<StaffMember[]>;
}

/** «Уточнить», «Ответить», «Дубль»: the staff member's next message is the question, the answer, the original. */
export type StaffModeKind = 'ask' | 'reply' | 'dup';

export interface StaffMode {
  kind: StaffModeKind;
  appealId: number;
  chatId: string;
  expiresAt: Date;
  /** The inbox event that used the mode; null while it waits for the staff member's message. */
  consumedBy: number | null;
}

export interface StaffModeRepository {
  /** Replaces the staff member's mode with a fresh one, whatever it was. */
  set(staffId: string, mode: Omit<StaffMode, 'consumedBy'>): Promise<void>;
  /**
   * The live mode of a staff member in a chat, marked as used by `eventId`. A mode already used by
   * another event, or expired at `now`, is not returned; the same event gets it again (a retried batch).
   */
  take(staffId: string, chatId: string, eventId: number, now: Date): Promise<StaffMode | null>;
}

export interface TrainingRepository {
  add(example: LabelledExample & { source: string; appealId?: number }): Promise<void>;
  all(): Promise<LabelledExample[]>;
}

export interface Repositories {
  residents: ResidentRepository;
  appeals: AppealRepository;
  inbox: InboxRepository;
  outbox: OutboxRepository;
  staff: StaffRepository;
  staffModes: StaffModeRepository;
  training: TrainingRepository;
  monitor: MonitorRepository;
}

export interface Store extends Repositories {
  /** Runs `work` atomically. Keep it short: SQLite has one writer. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A channel adapter (Telegram, VK, MAX, the monitor): receives events into the inbox, interprets them
 * in its inbox handler, and sends what the outbox holds for it.
 */
export interface ChannelAdapter {
  readonly name: string;
  /** Begins receiving; must only store raw events (inbox.put) and wake the worker. */
  start(): Promise<void>;
  /** Stops receiving; resolves when no more events will be stored. */
  stop(): Promise<void>;
  inboxHandler?: import('./inbox/process-inbox.ts').InboxHandler;
  sender?: import('./outbox/drain-outbox.ts').ChannelSender;
}

/** Last activity per adapter, for /healthz. */
export interface ActivityTracker {
  touch(adapter: string, at?: Date): void;
  snapshot(): Record<string, string>;
}

export function createActivityTracker(): ActivityTracker {
  const last = new Map<string, Date>();
  return {
    touch: (adapter, at = new Date()) => void last.set(adapter, at),
    snapshot: () => Object.fromEntries([...last].map(([k, v]) => [k, v.toISOString()])),
  };
}
