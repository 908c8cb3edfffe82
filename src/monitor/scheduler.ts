/**
 * The monitor's timetable (node-cron, the municipality's time zone): one task per polling interval,
 * with a random delay so a thousand sources do not fire on the same second, never overlapping; and
 * a daily purge of posts that never became incidents (152-ФЗ retention). node-cron's own warnings go
 * to the task's child logger (runtime/cron-log.ts), not to the console.
 */
import type { ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/deps.ts';
import type { MonitorSource } from '../core/monitor/types.ts';
import type { Logger } from '../logger.ts';
import { scheduleLogged } from '../runtime/cron-log.ts';
import { type CycleOptions, runCycle } from './run-cycle.ts';

export interface MonitorSchedule {
  sources: MonitorSource[];
  cycle: CycleOptions;
  retentionDays: number;
  purgeCron?: string;
  /**
   * Tests only: how many seconds an interval "minute" lasts (60, the default, in production). Below 60
   * the tasks use node-cron's seconds field and the jitter shrinks in proportion.
   */
  secondsPerMinute?: number;
}

/** `*\/N * * * *` for N < 60 minutes, hourly otherwise (cron cannot say "every 90 minutes"). */
export function cronFor(minutes: number, secondsPerMinute = 60): string {
  if (secondsPerMinute < 60) {
    const seconds = Math.min(59, Math.max(1, Math.round(minutes * secondsPerMinute)));
    return `*/${seconds} * * * * *`;
  }
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.max(1, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

export async function purgeOldPosts(deps: CoreDeps, retentionDays: number) {
  const before = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000);
  return deps.store.monitor.purge(before);
}

export function startMonitorScheduler(deps: CoreDeps, m: MonitorSchedule, log: Logger, wake: () => void) {
  const abort = new AbortController();
  const byInterval = new Map<number, MonitorSource[]>();
  for (const s of m.sources)
    byInterval.set(s.intervalMinutes, [...(byInterval.get(s.intervalMinutes) ?? []), s]);
  const tasks: ScheduledTask[] = [];
  const add = (expr: string, run: () => Promise<void>, name: string, maxRandomDelay: number) => {
    const options = { name, timezone: deps.settings.timeZone, noOverlap: true, maxRandomDelay };
    tasks.push(scheduleLogged(expr, run, options, log.child({ job: name })));
  };
  const unit = m.secondsPerMinute ?? 60;
  for (const [minutes, sources] of byInterval) {
    const jitter = Math.round((Math.min(30_000, minutes * 6_000) * unit) / 60);
    const run = async () => {
      try {
        const reports = await runCycle(deps, sources, m.cycle, log, abort.signal);
        const stored = reports.reduce((n, r) => n + r.stored, 0);
        log.info({ sources: reports.length, stored }, 'monitor: cycle done');
        if (stored) wake();
      } catch (error) {
        log.error({ err: error }, 'monitor: cycle failed');
      }
    };
    add(cronFor(minutes, unit), run, `monitor-${minutes}m`, jitter);
  }
  const purge = async () => {
    try {
      log.info(await purgeOldPosts(deps, m.retentionDays), 'monitor: old posts purged');
    } catch (error) {
      log.error({ err: error }, 'monitor: purge failed');
    }
  };
  add(m.purgeCron ?? '30 3 * * *', purge, 'monitor-purge', 0);
  return {
    async stop() {
      abort.abort();
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
