/**
 * One monitor cycle: fetch every due source (bounded concurrency; VK is throttled by its client),
 * store the new posts in the inbox as channel 'monitor' (unique per network and post id), and keep
 * each source's cursor and health in the database. A failing source backs off on its own and never
 * stops the others; one that fails or comes back empty N cycles running is reported once.
 */
import type { CoreDeps } from '../core/deps.ts';
import type { FetchResult, MonitoredPost, MonitorSource, SourceState } from '../core/monitor/types.ts';
import { toChat } from '../core/notify.ts';
import { backoffDelayMs, type RetryPolicy } from '../core/retry.ts';
import type { Logger } from '../logger.ts';

export const MONITOR_CHANNEL = 'monitor';
const BACKOFF: RetryPolicy = {
  maxAttempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
};

export interface CycleOptions {
  alertAfterCycles: number;
  /** Posts older than this are history, not incidents. */
  maxAgeHours: number;
  concurrency?: number;
  /** Ignore backoff (the CLI's `monitor once`). */
  force?: boolean;
}

export interface SourceReport {
  id: string;
  kind: string;
  status: 'ok' | 'not_modified' | 'empty' | 'error' | 'skipped';
  posts: MonitoredPost[];
  stored: number;
  error?: string;
}

function freshState(s: MonitorSource): SourceState {
  return {
    id: s.id,
    kind: s.kind,
    cursor: null,
    etag: null,
    lastModified: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    itemsSeen: 0,
    badCycles: 0,
    badSince: null,
    alertedAt: null,
    nextRunAt: null,
  };
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** The coordinators hear about a broken source once per outage (the key holds when it began). */
async function alertOnce(deps: CoreDeps, state: SourceState, report: SourceReport, log: Logger) {
  const coordinators = (await deps.store.staff.list()).filter(
    (m) => m.active && m.role === 'coordinator' && m.telegramId,
  );
  const why =
    report.status === 'empty'
      ? 'не отдаёт ни одной публикации (возможно, изменилась разметка)'
      : `ошибка: ${report.error}`;
  const text = `⚠️ Мониторинг: источник ${state.id} ${why} — ${state.badCycles} циклов подряд.`;
  const key = `monitor-alert:${state.id}:${state.badSince?.toISOString()}`;
  await deps.store.outbox.enqueueMany(
    coordinators.map((m) => toChat('telegram', m.telegramId!, text, `${key}:${m.id}`)),
    deps.clock.now(),
  );
  log.warn({ source: state.id, badCycles: state.badCycles }, 'monitor: source reported to the coordinators');
}

function nextState(state: SourceState, r: FetchResult | Error, now: Date, stored: number): SourceState {
  if (r instanceof Error) {
    const badCycles = state.badCycles + 1;
    return {
      ...state,
      badCycles,
      badSince: state.badSince ?? now,
      lastErrorAt: now,
      lastError: r.message.slice(0, 500),
      nextRunAt: new Date(now.getTime() + backoffDelayMs(badCycles, BACKOFF)),
    };
  }
  const empty = !r.notModified && r.pageItems === 0;
  return {
    ...state,
    cursor: r.cursor,
    etag: r.etag === undefined ? state.etag : r.etag,
    lastModified: r.lastModified === undefined ? state.lastModified : r.lastModified,
    lastSuccessAt: now,
    itemsSeen: state.itemsSeen + stored,
    badCycles: empty ? state.badCycles + 1 : 0,
    badSince: empty ? (state.badSince ?? now) : null,
    alertedAt: empty ? state.alertedAt : null,
    nextRunAt: null,
  };
}

export async function runCycle(
  deps: CoreDeps,
  sources: MonitorSource[],
  o: CycleOptions,
  log: Logger,
  signal: AbortSignal = new AbortController().signal,
): Promise<SourceReport[]> {
  const states = new Map((await deps.store.monitor.states()).map((s) => [s.id, s]));
  const reports: SourceReport[] = [];
  await pool(sources, o.concurrency ?? 16, async (source) => {
    if (signal.aborted) return;
    const state = states.get(source.id) ?? freshState(source);
    const now = deps.clock.now();
    if (!o.force && state.nextRunAt && state.nextRunAt > now) {
      reports.push({ id: source.id, kind: source.kind, status: 'skipped', posts: [], stored: 0 });
      return;
    }
    reports.push(await runSource(deps, source, state, o, log, signal));
  });
  return reports;
}

async function runSource(
  deps: CoreDeps,
  source: MonitorSource,
  state: SourceState,
  o: CycleOptions,
  log: Logger,
  signal: AbortSignal,
): Promise<SourceReport> {
  const report: SourceReport = { id: source.id, kind: source.kind, status: 'ok', posts: [], stored: 0 };
  let result: FetchResult | Error;
  try {
    result = await source.fetch(state, signal);
    const oldest = deps.clock.now().getTime() - o.maxAgeHours * 3_600_000;
    report.posts = result.posts.filter((p) => p.postedAt.getTime() >= oldest);
    const flags = await deps.store.inbox.putMany(
      report.posts.map((p) => ({
        channel: MONITOR_CHANNEL,
        externalId: `${p.network}:${p.externalId}`,
        kind: 'post',
        payload: p,
        receivedAt: deps.clock.now(),
      })),
    );
    report.stored = flags.filter(Boolean).length;
    report.status = result.notModified ? 'not_modified' : result.pageItems === 0 ? 'empty' : 'ok';
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
    report.status = 'error';
    report.error = result.message;
    log.warn({ source: source.id, kind: source.kind, err: result.message }, 'monitor: source failed');
  }
  const now = deps.clock.now();
  const next = nextState(state, result, now, report.stored);
  if (next.badCycles >= o.alertAfterCycles && !next.alertedAt) {
    await alertOnce(deps, next, report, log);
    next.alertedAt = now;
  }
  await deps.store.monitor.saveState(next, now);
  return report;
}
